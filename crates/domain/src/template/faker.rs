//! `faker.<method>()` with Python-Faker method names, backed by the `fake` crate.

use std::sync::Arc;

use fake::faker::address::en::{
    BuildingNumber, CityName, CountryName, StateAbbr, StreetName, ZipCode,
};
use fake::faker::company::en::CompanyName;
use fake::faker::creditcard::en::CreditCardNumber;
use fake::faker::internet::en::{DomainSuffix, IPv4, SafeEmail, Username};
use fake::faker::job::en::Title;
use fake::faker::lorem::en::{Paragraph, Sentence, Word};
use fake::faker::name::en::{FirstName, LastName, Name};
use fake::faker::phone_number::en::PhoneNumber;
use fake::Fake;
use minijinja::value::{Object, Value};
use minijinja::{Error, ErrorKind, State};
use rand::Rng;

/// Every supported method name, for docs and error messages.
pub const FAKER_METHODS: &[&str] = &[
    "name",
    "first_name",
    "last_name",
    "email",
    "phone_number",
    "address",
    "street_address",
    "city",
    "country",
    "zipcode",
    "company",
    "job",
    "user_name",
    "url",
    "ipv4",
    "word",
    "sentence",
    "paragraph",
    "date",
    "uuid4",
    "credit_card_number",
];

/// One fake value by Python-Faker method name.
pub fn call(method: &str) -> Result<String, Error> {
    let street = || {
        format!(
            "{} {}",
            BuildingNumber().fake::<String>(),
            StreetName().fake::<String>()
        )
    };
    Ok(match method {
        "name" => Name().fake(),
        "first_name" => FirstName().fake(),
        "last_name" => LastName().fake(),
        "email" => SafeEmail().fake(),
        "phone_number" => PhoneNumber().fake(),
        "address" => format!(
            "{}, {}, {} {}",
            street(),
            CityName().fake::<String>(),
            StateAbbr().fake::<String>(),
            ZipCode().fake::<String>()
        ),
        "street_address" => street(),
        "city" => CityName().fake(),
        "country" => CountryName().fake(),
        "zipcode" => ZipCode().fake(),
        "company" => CompanyName().fake(),
        "job" => Title().fake(),
        "user_name" => Username().fake(),
        "url" => format!(
            "https://www.{}.{}/",
            Word().fake::<String>().to_lowercase(),
            DomainSuffix().fake::<String>()
        ),
        "ipv4" => IPv4().fake(),
        "word" => Word().fake(),
        "sentence" => Sentence(4..10).fake(),
        "paragraph" => Paragraph(3..6).fake(),
        "date" => random_date(),
        "uuid4" => uuid::Uuid::new_v4().to_string(),
        "credit_card_number" => CreditCardNumber().fake(),
        other => {
            return Err(Error::new(
                ErrorKind::UnknownMethod,
                format!(
                    "faker has no method '{other}'; available: {}",
                    FAKER_METHODS.join(", ")
                ),
            ))
        }
    })
}

/// A date in the last 30 years as `YYYY-MM-DD`.
fn random_date() -> String {
    let days = rand::thread_rng().gen_range(0..(30 * 365));
    (chrono::Utc::now() - chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// The `faker` object of the template context.
#[derive(Debug)]
pub struct FakerObject;

impl Object for FakerObject {
    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        _args: &[Value],
    ) -> Result<Value, Error> {
        call(method).map(Value::from)
    }
}
