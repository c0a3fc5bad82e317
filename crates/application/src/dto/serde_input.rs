//! Typed wire input through serde, with the field at fault named (SPEC §2).

use domain::FieldError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Deserializes `value` into `T` (a `#[serde(deny_unknown_fields)]` struct).
/// Errors name the field: its path for a wrong type, the name for a missing
/// or unknown one.
pub fn from_json<T: DeserializeOwned>(value: &Value) -> Result<T, FieldError> {
    if !value.is_object() {
        return Err(FieldError::new("", "send a JSON object"));
    }
    serde_path_to_error::deserialize(value.clone()).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let named = message.split('`').nth(1).filter(|_| {
            message.starts_with("missing field") || message.starts_with("unknown field")
        });
        match named {
            Some(name) if message.starts_with("missing field") => {
                FieldError::new(name, "is required")
            }
            Some(name) => FieldError::new(name, message.clone()),
            None => FieldError::new(if path == "." { String::new() } else { path }, message),
        }
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::from_json;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Input {
        name: String,
        #[serde(default)]
        count: Option<u32>,
    }

    fn field(value: serde_json::Value) -> String {
        from_json::<Input>(&value)
            .err()
            .map(|e| e.field)
            .unwrap_or_default()
    }

    #[test]
    fn errors_name_the_field_at_fault() {
        assert!(from_json::<Input>(&json!({"name": "a", "count": 2})).is_ok());
        assert_eq!(field(json!({"count": 2})), "name");
        assert_eq!(field(json!({"name": 5})), "name");
        assert_eq!(field(json!({"name": "a", "count": "x"})), "count");
        assert_eq!(field(json!({"name": "a", "cuont": 1})), "cuont");
        assert_eq!(field(json!([1])), "");
    }
}
