use serde_json::{json, Value};

use super::Pattern;
use crate::FieldError;

/// A condition on one header or query value (SPEC §3).
#[derive(Debug, Clone)]
pub enum ValueMatcher {
    /// Written as a bare string; kept apart from `Equals` so it exports as written.
    Literal(String),
    Equals(String),
    Contains(String),
    Regex(Pattern),
    Present(bool),
}

impl ValueMatcher {
    /// Parses `"v"`, `{"equals": v}`, `{"contains": v}`, `{"regex": r}` or
    /// `{"present": bool}`. Errors name no field; the caller roots them.
    pub fn from_json(value: &Value) -> Result<Self, FieldError> {
        let object = match value {
            Value::String(s) => return Ok(Self::Literal(s.clone())),
            Value::Object(o) if o.len() == 1 => o,
            _ => {
                return Err(FieldError::new(
                    "",
                    "must be a string or an object with exactly one of equals, contains, regex, present",
                ))
            }
        };
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
            "present" => inner
                .as_bool()
                .map(Self::Present)
                .ok_or_else(|| FieldError::new("present", "must be true or false")),
            other => Err(FieldError::new(
                other,
                "unknown matcher; use equals, contains, regex or present",
            )),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Self::Literal(s) => Value::String(s.clone()),
            Self::Equals(s) => json!({ "equals": s }),
            Self::Contains(s) => json!({ "contains": s }),
            Self::Regex(p) => json!({ "regex": p.source() }),
            Self::Present(b) => json!({ "present": b }),
        }
    }

    /// Whether the values present for a name satisfy the matcher; any one
    /// value matching is enough when a name repeats.
    pub fn accepts<'a>(&self, mut values: impl Iterator<Item = &'a str>) -> bool {
        match self {
            Self::Present(expected) => values.next().is_some() == *expected,
            Self::Literal(s) | Self::Equals(s) => values.any(|v| v == s),
            Self::Contains(s) => values.any(|v| v.contains(s.as_str())),
            Self::Regex(p) => values.any(|v| p.is_match(v)),
        }
    }

    /// `expected "prod"`-style phrase for near-miss reasons.
    pub fn expectation(&self) -> String {
        match self {
            Self::Literal(s) | Self::Equals(s) => format!("expected \"{s}\""),
            Self::Contains(s) => format!("expected to contain \"{s}\""),
            Self::Regex(p) => format!("expected to match /{}/", p.source()),
            Self::Present(true) => "expected to be present".to_string(),
            Self::Present(false) => "expected to be absent".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(v: Value) -> ValueMatcher {
        ValueMatcher::from_json(&v).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn bare_string_means_exact_equality() {
        let m = matcher(json!("prod"));
        assert!(m.accepts(["prod"].into_iter()));
        assert!(!m.accepts(["production"].into_iter()));
    }

    #[test]
    fn contains_regex_and_present_match_as_named() {
        assert!(matcher(json!({"contains": "ro"})).accepts(["prod"].into_iter()));
        assert!(matcher(json!({"regex": "^v[0-9]+$"})).accepts(["v12"].into_iter()));
        assert!(!matcher(json!({"regex": "^v[0-9]+$"})).accepts(["v1x"].into_iter()));
        assert!(matcher(json!({"present": false})).accepts(std::iter::empty()));
        assert!(!matcher(json!({"present": true})).accepts(std::iter::empty()));
    }

    #[test]
    fn any_of_repeated_values_may_match() {
        assert!(matcher(json!({"equals": "b"})).accepts(["a", "b"].into_iter()));
    }

    #[test]
    fn bad_regex_and_unknown_keys_are_refused() {
        let err = ValueMatcher::from_json(&json!({"regex": "(unclosed"})).err();
        assert!(err.is_some_and(|e| e.field == "regex" && e.detail.contains("regex")));
        assert!(ValueMatcher::from_json(&json!({"like": "x"})).is_err());
        assert!(ValueMatcher::from_json(&json!(5)).is_err());
    }

    #[test]
    fn exports_in_the_shape_it_was_written() {
        for v in [
            json!("x"),
            json!({"equals": "x"}),
            json!({"regex": "a+"}),
            json!({"present": true}),
        ] {
            assert_eq!(matcher(v.clone()).to_json(), v);
        }
    }
}
