use serde_json::{json, Map, Value};
use serde_json_path::JsonPath;

use super::Pattern;
use crate::limits::{JSONPATH_MAX_BYTES, JSONPATH_MAX_NESTING};
use crate::FieldError;

/// One condition on the request body (SPEC §3). All conditions of a mock must hold.
#[derive(Debug, Clone)]
pub enum BodyCondition {
    Equals(String),
    Contains(String),
    Regex(Pattern),
    JsonEquals(Value),
    JsonContains(Value),
    JsonPath {
        source: String,
        path: JsonPath,
        check: PathCheck,
    },
}

/// What must hold for the nodes a JSONPath selects.
#[derive(Debug, Clone)]
pub enum PathCheck {
    Exists,
    Equals(Value),
    Regex(Pattern),
}

impl BodyCondition {
    pub fn from_json(value: &Value) -> Result<Self, FieldError> {
        let Value::Object(object) = value else {
            return Err(FieldError::new(
                "",
                "must be an object such as {\"contains\": \"text\"}",
            ));
        };
        if let Some(path) = object.get("jsonpath") {
            return Self::parse_jsonpath(path, object);
        }
        if object.len() != 1 {
            return Err(FieldError::new(
                "",
                "must have exactly one of equals, contains, regex, json_equals, json_contains, jsonpath",
            ));
        }
        let (key, inner) = object
            .iter()
            .next()
            .ok_or_else(|| FieldError::new("", "empty"))?;
        let text = || {
            inner
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| FieldError::new(key.as_str(), "must be a string"))
        };
        match key.as_str() {
            "equals" => Ok(Self::Equals(text()?)),
            "contains" => Ok(Self::Contains(text()?)),
            "regex" => Pattern::compile(&text()?)
                .map(Self::Regex)
                .map_err(|e| FieldError::new("regex", e)),
            "json_equals" => Ok(Self::JsonEquals(inner.clone())),
            "json_contains" => Ok(Self::JsonContains(inner.clone())),
            other => Err(FieldError::new(
                other,
                "unknown body condition; use equals, contains, regex, json_equals, json_contains or jsonpath",
            )),
        }
    }

    fn parse_jsonpath(path: &Value, object: &Map<String, Value>) -> Result<Self, FieldError> {
        let source = path
            .as_str()
            .ok_or_else(|| FieldError::new("jsonpath", "must be a string such as \"$.user.id\""))?;
        check_jsonpath_size(source)?;
        let parsed = JsonPath::parse(source)
            .map_err(|e| FieldError::new("jsonpath", format!("invalid JSONPath: {e}")))?;
        if let Some(extra) = object
            .keys()
            .find(|k| !matches!(k.as_str(), "jsonpath" | "equals" | "regex"))
        {
            return Err(FieldError::new(
                extra.as_str(),
                "jsonpath combines only with equals or regex",
            ));
        }
        let check = match (object.get("equals"), object.get("regex")) {
            (Some(_), Some(_)) => {
                return Err(FieldError::new(
                    "regex",
                    "use either equals or regex with jsonpath, not both",
                ))
            }
            (Some(v), None) => PathCheck::Equals(v.clone()),
            (None, Some(Value::String(r))) => {
                PathCheck::Regex(Pattern::compile(r).map_err(|e| FieldError::new("regex", e))?)
            }
            (None, Some(_)) => return Err(FieldError::new("regex", "must be a string")),
            (None, None) => PathCheck::Exists,
        };
        Ok(Self::JsonPath {
            source: source.to_string(),
            path: parsed,
            check,
        })
    }

    pub fn to_json(&self) -> Value {
        match self {
            Self::Equals(s) => json!({ "equals": s }),
            Self::Contains(s) => json!({ "contains": s }),
            Self::Regex(p) => json!({ "regex": p.source() }),
            Self::JsonEquals(v) => json!({ "json_equals": v }),
            Self::JsonContains(v) => json!({ "json_contains": v }),
            Self::JsonPath { source, check, .. } => match check {
                PathCheck::Exists => json!({ "jsonpath": source }),
                PathCheck::Equals(v) => json!({ "jsonpath": source, "equals": v }),
                PathCheck::Regex(p) => json!({ "jsonpath": source, "regex": p.source() }),
            },
        }
    }

    /// Checks the raw body text and its parsed JSON (parsed once per request by the caller).
    pub fn holds(&self, raw: &str, json: Option<&Value>) -> bool {
        match self {
            Self::Equals(s) => raw == s,
            Self::Contains(s) => raw.contains(s.as_str()),
            Self::Regex(p) => p.is_match(raw),
            Self::JsonEquals(v) => json == Some(v),
            Self::JsonContains(v) => json.is_some_and(|actual| json_contains(actual, v)),
            Self::JsonPath { path, check, .. } => {
                let Some(doc) = json else { return false };
                let nodes = path.query(doc).all();
                match check {
                    PathCheck::Exists => !nodes.is_empty(),
                    PathCheck::Equals(expected) => nodes.contains(&expected),
                    PathCheck::Regex(p) => nodes.iter().any(|n| match n {
                        Value::String(s) => p.is_match(s),
                        other => p.is_match(&other.to_string()),
                    }),
                }
            }
        }
    }

    /// Human phrase of what was expected, for near-miss reasons.
    pub fn expectation(&self) -> String {
        match self {
            Self::Equals(s) => format!("expected exactly \"{}\"", shorten(s)),
            Self::Contains(s) => format!("expected to contain \"{}\"", shorten(s)),
            Self::Regex(p) => format!("expected to match /{}/", p.source()),
            Self::JsonEquals(v) => format!("expected JSON equal to {}", shorten(&v.to_string())),
            Self::JsonContains(v) => {
                format!("expected JSON containing {}", shorten(&v.to_string()))
            }
            Self::JsonPath { source, check, .. } => match check {
                PathCheck::Exists => format!("expected {source} to exist"),
                PathCheck::Equals(v) => format!("expected {source} = {}", shorten(&v.to_string())),
                PathCheck::Regex(p) => format!("expected {source} to match /{}/", p.source()),
            },
        }
    }
}

/// Refuses JSONPaths beyond [`JSONPATH_MAX_BYTES`] or nesting deeper than
/// [`JSONPATH_MAX_NESTING`] before the (recursive) parser sees them. Brackets
/// inside string literals are counted too: that only errs on the safe side.
fn check_jsonpath_size(source: &str) -> Result<(), FieldError> {
    if source.len() > JSONPATH_MAX_BYTES {
        return Err(FieldError::new(
            "jsonpath",
            format!(
                "is {} bytes long; the limit is {JSONPATH_MAX_BYTES}",
                source.len()
            ),
        ));
    }
    let mut depth = 0usize;
    for byte in source.bytes() {
        match byte {
            b'(' | b'[' => {
                depth += 1;
                if depth > JSONPATH_MAX_NESTING {
                    return Err(FieldError::new(
                        "jsonpath",
                        format!("nests brackets more than {JSONPATH_MAX_NESTING} deep"),
                    ));
                }
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// `expected` is contained in `actual`: objects by recursive subset, arrays
/// when every expected element is contained in some actual element, scalars by equality.
pub fn json_contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| json_contains(av, ev))),
        (Value::Array(a), Value::Array(e)) => {
            e.iter().all(|ev| a.iter().any(|av| json_contains(av, ev)))
        }
        (a, e) => a == e,
    }
}

/// Text cut to 80 characters (marked with …), for explanations.
pub(super) fn shorten(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(v: Value) -> BodyCondition {
        BodyCondition::from_json(&v).unwrap_or_else(|e| panic!("{e}"))
    }

    fn holds(c: &BodyCondition, raw: &str) -> bool {
        let parsed = serde_json::from_str::<Value>(raw).ok();
        c.holds(raw, parsed.as_ref())
    }

    #[test]
    fn raw_text_conditions() {
        assert!(holds(&cond(json!({"equals": "abc"})), "abc"));
        assert!(!holds(&cond(json!({"equals": "abc"})), "abcd"));
        assert!(holds(&cond(json!({"contains": "bc"})), "abcd"));
        assert!(holds(&cond(json!({"regex": "^a.c$"})), "abc"));
        assert!(!holds(&cond(json!({"regex": "^a.c$"})), "xabc"));
    }

    #[test]
    fn json_equals_ignores_key_order_and_json_contains_is_recursive_subset() {
        let eq = cond(json!({"json_equals": {"a": 1, "b": [1, 2]}}));
        assert!(holds(&eq, r#"{"b":[1,2],"a":1}"#));
        assert!(!holds(&eq, r#"{"a":1,"b":[2,1]}"#));
        let contains = cond(json!({"json_contains": {"user": {"role": "admin"}, "tags": ["x"]}}));
        assert!(holds(
            &contains,
            r#"{"user":{"role":"admin","id":3},"tags":["y","x"],"z":1}"#
        ));
        assert!(!holds(
            &contains,
            r#"{"user":{"role":"guest"},"tags":["x"]}"#
        ));
        assert!(!holds(&contains, "not json"));
    }

    #[test]
    fn jsonpath_checks_existence_equality_and_regex() {
        let body = r#"{"order":{"sku":"A1","qty":2}}"#;
        assert!(holds(&cond(json!({"jsonpath": "$.order.sku"})), body));
        assert!(!holds(&cond(json!({"jsonpath": "$.order.price"})), body));
        assert!(holds(
            &cond(json!({"jsonpath": "$.order.qty", "equals": 2})),
            body
        ));
        assert!(!holds(
            &cond(json!({"jsonpath": "$.order.qty", "equals": "2"})),
            body
        ));
        assert!(holds(
            &cond(json!({"jsonpath": "$.order.sku", "regex": "^A[0-9]$"})),
            body
        ));
    }

    #[test]
    fn malformed_conditions_are_refused_with_the_key_at_fault() {
        let e = BodyCondition::from_json(&json!({"jsonpath": "$$bad["})).err();
        assert!(e.is_some_and(|e| e.field == "jsonpath"));
        let e = BodyCondition::from_json(&json!({"regex": "(("})).err();
        assert!(e.is_some_and(|e| e.field == "regex"));
        assert!(BodyCondition::from_json(&json!({"equals": "a", "contains": "b"})).is_err());
        assert!(BodyCondition::from_json(&json!({"matches": "a"})).is_err());
    }

    #[test]
    fn oversized_or_deeply_nested_jsonpaths_are_refused_before_parsing() {
        let deep = format!("$[?{}@.a{}]", "(".repeat(400), ")".repeat(400));
        let e = BodyCondition::from_json(&json!({ "jsonpath": deep })).err();
        assert!(e.is_some_and(|e| e.field == "jsonpath" && e.detail.contains("32 deep")));
        let long = format!("$.{}", "a".repeat(2_000));
        let e = BodyCondition::from_json(&json!({ "jsonpath": long })).err();
        assert!(e.is_some_and(|e| e.detail.contains("limit is 1024")));
        let fine = "$.items[?(@.price > 10 && (@.tags[0] == 'x'))].id";
        assert!(BodyCondition::from_json(&json!({ "jsonpath": fine })).is_ok());
    }

    /// The deepest JSONPath the limits allow parses on a quarter of a worker's stack.
    #[test]
    fn the_deepest_allowed_jsonpath_parses_on_a_small_stack() {
        let half = JSONPATH_MAX_NESTING / 2;
        let worst = format!(
            "$[?{}@[?{}@.a{}]{}]",
            "(".repeat(half - 2),
            "(".repeat(half - 2),
            ")".repeat(half - 2),
            ")".repeat(half - 2)
        );
        let parsed = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || BodyCondition::from_json(&json!({ "jsonpath": worst })).is_ok())
            .map(|t| t.join().unwrap_or(false));
        assert!(matches!(parsed, Ok(true)));
    }

    #[test]
    fn exports_as_written() {
        for v in [
            json!({"jsonpath": "$.a", "equals": {"b": 1}}),
            json!({"jsonpath": "$.a"}),
            json!({"json_contains": {"a": [1]}}),
        ] {
            assert_eq!(cond(v.clone()).to_json(), v);
        }
    }
}
