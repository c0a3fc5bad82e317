//! Realistic strings: Python-Faker method names (the ones `faker.<method>()`
//! offers in templates) chosen from a property's name, and their values.

use fake::faker::address::en::{CityName, CountryName, StreetName, ZipCode};
use fake::faker::company::en::CompanyName;
use fake::faker::internet::en::{SafeEmail, Username};
use fake::faker::job::en::Title;
use fake::faker::lorem::en::{Sentence, Word};
use fake::faker::name::en::{FirstName, LastName, Name};
use fake::faker::phone_number::en::PhoneNumber;
use fake::Fake;
use rand::rngs::StdRng;
use rand::Rng;

/// The faker method whose values suit a property called `property`
/// (`firstName`, `first_name` and `FIRST-NAME` alike).
pub fn faker_method_for(property: &str) -> Option<&'static str> {
    let key: String = property
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let exact = match key.as_str() {
        "firstname" | "givenname" | "forename" => "first_name",
        "lastname" | "surname" | "familyname" => "last_name",
        "name" | "fullname" | "displayname" | "contactname" | "authorname" => "name",
        "phone" | "phonenumber" | "mobile" | "telephone" | "tel" => "phone_number",
        "city" | "town" => "city",
        "country" | "countryname" => "country",
        "zip" | "zipcode" | "postalcode" | "postcode" => "zipcode",
        "street" | "streetaddress" | "address" | "address1" | "addressline1" | "line1" => {
            "street_address"
        }
        "company" | "companyname" | "organization" | "organisation" | "employer" => "company",
        "job" | "jobtitle" | "occupation" | "position" => "job",
        "username" | "login" | "handle" | "nickname" => "user_name",
        "description" | "summary" | "bio" | "comment" | "message" | "note" | "notes" => "sentence",
        "ip" | "ipaddress" | "ipv4" => "ipv4",
        _ => "",
    };
    if !exact.is_empty() {
        return Some(exact);
    }
    if key.ends_with("email") || key.ends_with("emails") {
        Some("email")
    } else if key.ends_with("url") || key == "website" || key == "homepage" || key == "link" {
        Some("url")
    } else {
        None
    }
}

/// One value of a faker method, drawn from `rng` so imports are repeatable.
pub fn fake(method: &str, rng: &mut StdRng) -> Option<String> {
    Some(match method {
        "name" => Name().fake_with_rng(rng),
        "first_name" => FirstName().fake_with_rng(rng),
        "last_name" => LastName().fake_with_rng(rng),
        "email" => SafeEmail().fake_with_rng(rng),
        "phone_number" => PhoneNumber().fake_with_rng(rng),
        "city" => CityName().fake_with_rng(rng),
        "country" => CountryName().fake_with_rng(rng),
        "zipcode" => ZipCode().fake_with_rng(rng),
        "street_address" => format!(
            "{} {}",
            rng.gen_range(1..2000),
            StreetName().fake_with_rng::<String, _>(rng)
        ),
        "company" => CompanyName().fake_with_rng(rng),
        "job" => Title().fake_with_rng(rng),
        "user_name" => Username().fake_with_rng(rng),
        "url" => format!(
            "https://www.{}.com/",
            Word().fake_with_rng::<String, _>(rng).to_lowercase()
        ),
        "ipv4" => format!("203.0.113.{}", rng.gen_range(1..255)),
        "word" => Word().fake_with_rng(rng),
        "sentence" => Sentence(3..8).fake_with_rng(rng),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn property_names_map_to_faker_methods() {
        assert_eq!(faker_method_for("firstName"), Some("first_name"));
        assert_eq!(faker_method_for("contact_email"), Some("email"));
        assert_eq!(faker_method_for("avatarUrl"), Some("url"));
        assert_eq!(faker_method_for("quantity"), None);
    }

    #[test]
    fn every_mapped_method_produces_a_value() {
        let mut rng = StdRng::seed_from_u64(1);
        for name in [
            "firstName",
            "email",
            "phone",
            "city",
            "zip",
            "company",
            "bio",
            "ip",
            "homepage",
        ] {
            let method = faker_method_for(name).unwrap_or_default();
            assert!(
                fake(method, &mut rng).is_some_and(|v| !v.is_empty()),
                "{name}"
            );
        }
    }
}
