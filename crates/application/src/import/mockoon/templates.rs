//! Mockoon's Handlebars helpers → Mimicus template expressions.

use crate::import::jinja::{self, jinja_string, Arg, Expr};

/// Faker.js method paths → Python-Faker methods (`faker.<method>()`).
const FAKER: &[(&str, &str)] = &[
    ("person.firstName", "first_name"),
    ("name.firstName", "first_name"),
    ("person.lastName", "last_name"),
    ("name.lastName", "last_name"),
    ("person.fullName", "name"),
    ("name.fullName", "name"),
    ("name.findName", "name"),
    ("person.jobTitle", "job"),
    ("name.jobTitle", "job"),
    ("internet.email", "email"),
    ("internet.userName", "user_name"),
    ("internet.username", "user_name"),
    ("internet.url", "url"),
    ("internet.ip", "ipv4"),
    ("internet.ipv4", "ipv4"),
    ("phone.number", "phone_number"),
    ("phone.phoneNumber", "phone_number"),
    ("location.city", "city"),
    ("address.city", "city"),
    ("location.country", "country"),
    ("address.country", "country"),
    ("location.zipCode", "zipcode"),
    ("address.zipCode", "zipcode"),
    ("location.streetAddress", "street_address"),
    ("address.streetAddress", "street_address"),
    ("company.name", "company"),
    ("company.companyName", "company"),
    ("lorem.word", "word"),
    ("lorem.sentence", "sentence"),
    ("lorem.paragraph", "paragraph"),
    ("string.uuid", "uuid4"),
    ("datatype.uuid", "uuid4"),
    ("finance.creditCardNumber", "credit_card_number"),
];

/// The Jinja expression for a Mockoon template tag, if there is one.
pub fn helper(e: &Expr) -> Option<String> {
    let arg = |i: usize| e.args.get(i).and_then(|a| jinja::arg(a, &helper));
    let name = |i: usize| e.args.get(i).and_then(Arg::as_str);
    let with_default = |lookup: String| match arg(1) {
        Some(default) => format!("{lookup} | default({default})"),
        None => lookup,
    };
    let expr = match (e.head.as_str(), e.args.len()) {
        ("urlParam", 1) => format!("request.path_params[{}]", jinja_string(name(0)?)),
        ("queryParam" | "queryParamRaw", 1 | 2) => {
            with_default(format!("request.query[{}]", jinja_string(name(0)?)))
        }
        ("header", 1 | 2) => with_default(format!("request.headers[{}]", jinja_string(name(0)?))),
        ("cookie", 1 | 2) => with_default(format!("request.cookies[{}]", jinja_string(name(0)?))),
        ("body" | "bodyRaw", 0) => "request.body".to_string(),
        ("body" | "bodyRaw", 1 | 2) => {
            let path = name(0)?;
            let lookup = if path.starts_with('$') {
                jinja::jsonpath("request.json", path)
            } else {
                jinja::dotted("request.json", path)
            };
            with_default(lookup?)
        }
        ("method", 0) => "request.method".to_string(),
        ("ip", 0) => "client_ip".to_string(),
        ("uuid" | "guid", 0) => "random_uuid()".to_string(),
        ("now", 0) => "now()".to_string(),
        ("now", 1) => format!("now({})", jinja_string(&jinja::date_format(name(0)?)?)),
        ("int", 0) => "random_int(0, 100)".to_string(),
        ("int", 2) => format!("random_int({}, {})", arg(0)?, arg(1)?),
        ("float", 0) => "random_float(0, 100)".to_string(),
        ("float", 2) => format!("random_float({}, {})", arg(0)?, arg(1)?),
        ("boolean", 0) => "random_choice([true, false])".to_string(),
        ("oneOf", 1) => format!("random_choice({})", arg(0)?),
        ("array", _) => format!(
            "[{}]",
            (0..e.args.len())
                .map(arg)
                .collect::<Option<Vec<_>>>()?
                .join(", ")
        ),
        ("lowercase", 1) => format!("{} | lower", arg(0)?),
        ("uppercase", 1) => format!("{} | upper", arg(0)?),
        ("faker", 1) => format!(
            "faker.{}()",
            FAKER.iter().find(|(k, _)| Some(*k) == name(0))?.1
        ),
        _ => return None,
    };
    Some(expr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::jinja::translate;
    use crate::import::test_support::render_translated;

    fn run(source: &str) -> String {
        render_translated(source, &helper)
    }

    #[test]
    fn request_helpers_render_like_mockoon() {
        assert_eq!(run("{{urlParam 'id'}} {{queryParam 'q'}} {{queryParam 'size' '1'}} {{header 'X-Lang'}} {{method}}"), "42 cats 1 fr POST");
        assert_eq!(run("{{body 'user.name'}} {{body 'user.tags.1'}} {{body '$.user.name'}} {{body 'missing' 'none'}}"), "Ann b Ann none");
        assert_eq!(run("{{uppercase (body 'user.name')}}"), "ANN");
    }

    #[test]
    fn random_helpers_have_the_right_shape() {
        assert!(uuid::Uuid::parse_str(&run("{{uuid}}")).is_ok());
        assert!(run("{{int 5 9}}")
            .parse::<i64>()
            .is_ok_and(|n| (5..=9).contains(&n)));
        assert!(["x", "y"].contains(&run("{{oneOf (array 'x' 'y')}}").as_str()));
        assert!(run("{{faker 'internet.email'}}").contains('@'));
        assert_eq!(run("{{now 'yyyy'}}").len(), 4);
    }

    #[test]
    fn helpers_without_an_equivalent_are_listed() {
        let t = translate(
            "{{setVar 'a' 1}}{{#repeat 3}}x{{/repeat}}{{faker 'music.genre'}}{{dataRaw 'users'}}",
            &helper,
        );
        assert_eq!(t.unsupported.len(), 5, "{:?}", t.unsupported);
    }
}
