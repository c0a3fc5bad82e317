//! JSON parsing for admin bodies that refuses duplicate object keys.
//!
//! serde_json keeps the last of two equal keys, so `{"response_status": 200,
//! "response_status": 500}` would silently save 500 — and a PATCH would apply
//! whichever came last. Admin bodies are therefore parsed with a visitor
//! that stops at the first repeated key and reports where it is.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Why a document was refused.
pub enum StrictJsonError {
    /// Not JSON at all (serde_json's message, with line and column).
    Malformed(serde_json::Error),
    /// A key repeated inside one object; `field` is its path
    /// (`match_headers.X-Env`, `variants[1].weight`).
    DuplicateKey { field: String, at: String },
}

pub fn parse(body: &[u8]) -> Result<Value, StrictJsonError> {
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = Strict {
        path: String::new(),
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| match duplicate.into_inner() {
        Some(field) => StrictJsonError::DuplicateKey {
            field,
            at: format!("line {} column {}", e.line(), e.column()),
        },
        None => StrictJsonError::Malformed(e),
    })
}

/// One value at `path`; the first duplicate found is written to `duplicate`.
struct Strict<'a> {
    path: String,
    duplicate: &'a RefCell<Option<String>>,
}

impl Strict<'_> {
    fn child(&self, path: String) -> Self {
        Strict {
            path,
            duplicate: self.duplicate,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(self.child(format!("{}[{}]", self.path, items.len())))?
        {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if object.contains_key(&key) {
                let message = format!("duplicate key \"{}\"", domain::limits::echo(&path));
                *self.duplicate.borrow_mut() = Some(path);
                return Err(de::Error::custom(message));
            }
            let value = map.next_value_seed(self.child(path))?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate_of(text: &str) -> Option<String> {
        match parse(text.as_bytes()) {
            Err(StrictJsonError::DuplicateKey { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn documents_without_repeats_parse_like_serde_json() {
        let text = r#"{"a": [1, 2.5, {"b": null}], "c": {"d": true}, "e": "x", "f": -3}"#;
        let strict = parse(text.as_bytes()).ok();
        let plain: Option<Value> = serde_json::from_str(text).ok();
        assert_eq!(strict, plain);
    }

    #[test]
    fn repeated_keys_are_reported_with_their_path() {
        assert_eq!(duplicate_of(r#"{"a": 1, "a": 2}"#).as_deref(), Some("a"));
        assert_eq!(
            duplicate_of(r#"{"match_headers": {"X-Env": "a", "X-Env": "b"}}"#).as_deref(),
            Some("match_headers.X-Env")
        );
        assert_eq!(
            duplicate_of(r#"{"variants": [{}, {"weight": 1, "weight": 2}]}"#).as_deref(),
            Some("variants[1].weight")
        );
        assert_eq!(duplicate_of(r#"{"a": {"b": 1}, "c": {"b": 2}}"#), None);
    }

    #[test]
    fn malformed_and_too_deep_documents_are_malformed() {
        assert!(matches!(
            parse(b"{\"a\": "),
            Err(StrictJsonError::Malformed(_))
        ));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            parse(deep.as_bytes()),
            Err(StrictJsonError::Malformed(_))
        ));
    }
}
