//! WireMock's Handlebars helpers → Mimicus template expressions.

use crate::import::jinja::{self, Arg, Expr};

/// The Jinja expression for a WireMock template tag, if there is one.
pub fn helper(e: &Expr) -> Option<String> {
    if e.args.is_empty() && e.hash.is_empty() {
        if let Some(path) = request_path(&e.head) {
            return Some(path);
        }
    }
    match e.head.as_str() {
        "jsonPath" => match e.args.as_slice() {
            [Arg::Path(p), Arg::Str(path)] if p == "request.body" => {
                jinja::jsonpath("request.json", path)
            }
            _ => None,
        },
        "randomValue" => random_value(e),
        "randomInt" => {
            let bound = |key: &str, default: &str| {
                e.hash(key)
                    .and_then(Arg::as_str)
                    .unwrap_or(default)
                    .parse::<i64>()
                    .ok()
            };
            Some(format!(
                "random_int({}, {})",
                bound("lower", "0")?,
                bound("upper", "2147483647")?
            ))
        }
        "now" if e.hash("offset").is_none() && e.hash("timezone").is_none() => {
            match e.hash("format").and_then(Arg::as_str) {
                None => Some("now()".into()),
                Some("epoch") => Some("timestamp() * 1000".into()),
                Some("unix") => Some("timestamp()".into()),
                Some(pattern) => {
                    jinja::date_format(pattern).map(|f| format!("now({})", jinja::jinja_string(&f)))
                }
            }
        }
        "upper" | "lower" => {
            let [value] = e.args.as_slice() else {
                return None;
            };
            Some(format!("({}) | {}", jinja::arg(value, &helper)?, e.head))
        }
        _ => None,
    }
}

/// `request.*` references.
fn request_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("request.")?;
    let rest = rest.strip_prefix("requestLine.").unwrap_or(rest);
    match rest {
        "path" | "method" | "body" => return Some(format!("request.{rest}")),
        _ => {}
    }
    let (group, key) = rest.split_once('.')?;
    let key = key
        .strip_suffix(".[0]")
        .or_else(|| key.strip_suffix(".0"))
        .unwrap_or(key);
    let key = key
        .strip_prefix('[')
        .and_then(|k| k.strip_suffix(']'))
        .unwrap_or(key);
    match group {
        "headers" | "query" | "cookies" => {
            Some(format!("request.{group}[{}]", jinja::jinja_string(key)))
        }
        "pathSegments" => {
            let index: usize = key.parse().ok()?;
            Some(format!("(request.path | split('/') | list)[{}]", index + 1))
        }
        _ => None,
    }
}

fn random_value(e: &Expr) -> Option<String> {
    let length: u32 = e
        .hash("length")
        .and_then(Arg::as_str)
        .unwrap_or("36")
        .parse()
        .ok()?;
    let upper = e.hash("uppercase").and_then(Arg::as_str) == Some("true");
    let expr = match e
        .hash("type")
        .and_then(Arg::as_str)
        .unwrap_or("ALPHANUMERIC")
    {
        "UUID" => "random_uuid()".to_string(),
        "NUMERIC" if (1..=18).contains(&length) => {
            format!(
                "random_int({}, {})",
                10_i64.pow(length - 1),
                10_i64.pow(length) - 1
            )
        }
        "ALPHANUMERIC" | "ALPHABETIC" | "HEXADECIMAL" | "ALPHANUMERIC_AND_SYMBOLS" => {
            format!("random_token({length})")
        }
        _ => return None,
    };
    Some(if upper {
        format!("{expr} | upper")
    } else {
        expr
    })
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
    fn request_references_render_like_wiremock() {
        assert_eq!(
            run("{{request.method}} {{request.path}}"),
            "POST /users/42/orders"
        );
        assert_eq!(
            run("{{request.pathSegments.[1]}}/{{request.pathSegments.0}}"),
            "42/users"
        );
        assert_eq!(run("{{request.headers.X-Trace}} {{request.headers.[X-Trace]}} {{request.query.page.[0]}}"), "abc abc 3");
        assert_eq!(run("{{jsonPath request.body '$.user.name'}}"), "Ann");
        assert_eq!(
            run("{{upper (jsonPath request.body '$.user.name')}}"),
            "ANN"
        );
    }

    #[test]
    fn random_values_and_dates_have_the_right_shape() {
        assert_eq!(
            run("{{randomValue length=12 type='ALPHANUMERIC'}}").len(),
            12
        );
        assert!(uuid::Uuid::parse_str(&run("{{randomValue type='UUID'}}")).is_ok());
        assert_eq!(
            run("{{randomValue length=4 type='NUMERIC'}}")
                .parse::<u32>()
                .map(|n| n >= 1000),
            Ok(true)
        );
        assert_eq!(run("{{now format='yyyy-MM-dd'}}").len(), 10);
        assert!(chrono::DateTime::parse_from_rfc3339(&run("{{now}}")).is_ok());
        assert!(run("{{now format='epoch'}}").parse::<i64>().is_ok());
    }

    #[test]
    fn helpers_without_an_equivalent_are_listed() {
        let t = translate(
            "{{request.url}} {{now offset='3 days'}} {{#each x}}{{/each}}",
            &helper,
        );
        assert_eq!(t.unsupported.len(), 4);
        assert!(!t.is_template);
    }
}
