//! JSON parsing for admin bodies (and imported documents) that refuses
//! duplicate object keys.
//!
//! serde_json keeps the last of two equal keys, so `{"response_status": 200,
//! "response_status": 500}` would silently save 500 — and a PATCH would apply
//! whichever came last. Admin bodies are therefore parsed with a visitor
//! that stops at the first repeated key and reports where it is. The visitor
//! works with any serde format, so imported YAML gets the same check.

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
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = deserialize_strict(&mut de, PathStyle::Dotted)
        .and_then(|v| de.end().map(|()| v).map_err(|e| (e, None)));
    parsed.map_err(|(e, duplicate)| match duplicate {
        Some(field) => StrictJsonError::DuplicateKey {
            field,
            at: format!("line {} column {}", e.line(), e.column()),
        },
        None => StrictJsonError::Malformed(e),
    })
}

/// How the path of a repeated key is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStyle {
    /// `match_headers.X-Env`, `variants[1].weight` (SPEC §2 field names).
    Dotted,
    /// `/paths/~1pets/get` (a JSON Pointer, for imported documents).
    Pointer,
}

/// Reads one value from any serde deserializer, refusing repeated keys:
/// the error comes with the repeated key's path when that was the cause.
pub fn deserialize_strict<'de, D: de::Deserializer<'de>>(
    de: D,
    style: PathStyle,
) -> Result<Value, (D::Error, Option<String>)> {
    let duplicate = RefCell::new(None);
    let parsed = Strict {
        path: String::new(),
        style,
        duplicate: &duplicate,
    }
    .deserialize(de);
    parsed.map_err(|e| (e, duplicate.into_inner()))
}

/// One value at `path`; the first duplicate found is written to `duplicate`.
struct Strict<'a> {
    path: String,
    style: PathStyle,
    duplicate: &'a RefCell<Option<String>>,
}

impl Strict<'_> {
    fn child(&self, path: String) -> Self {
        Strict {
            path,
            style: self.style,
            duplicate: self.duplicate,
        }
    }

    fn item_path(&self, index: usize) -> String {
        match self.style {
            PathStyle::Dotted => format!("{}[{index}]", self.path),
            PathStyle::Pointer => format!("{}/{index}", self.path),
        }
    }

    fn key_path(&self, key: &str) -> String {
        match self.style {
            PathStyle::Dotted if self.path.is_empty() => key.to_string(),
            PathStyle::Dotted => format!("{}.{key}", self.path),
            PathStyle::Pointer => format!(
                "{}/{}",
                self.path,
                key.replace('~', "~0").replace('/', "~1")
            ),
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
        while let Some(item) = seq.next_element_seed(self.child(self.item_path(items.len())))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.key_path(&key);
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
    fn yaml_and_pointer_paths_work_too() {
        let yaml = "paths:\n  /a:\n    get: {}\n    get: {}\n";
        let de = serde_yaml_ng::Deserializer::from_str(yaml);
        let err = deserialize_strict(de, PathStyle::Pointer)
            .err()
            .map(|(_, path)| path);
        assert_eq!(err, Some(Some("/paths/~1a/get".to_string())));
        let ok = deserialize_strict(
            serde_yaml_ng::Deserializer::from_str("a: [1, {b: 2}]"),
            PathStyle::Pointer,
        );
        assert_eq!(ok.ok(), Some(serde_json::json!({"a": [1, {"b": 2}]})));
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
