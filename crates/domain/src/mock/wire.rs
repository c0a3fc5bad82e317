use bytes::Bytes;
use serde_json::Value;

/// The bytes a static body is sent as: a string as-is, any other JSON value
/// serialized. Computed once when a mock is stored, not per request.
pub fn wire_body(body: &Value) -> Bytes {
    match body {
        Value::String(s) => Bytes::from(s.clone()),
        other => Bytes::from(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_are_sent_verbatim_and_json_values_serialized() {
        assert_eq!(wire_body(&json!("<b>hi</b>")), "<b>hi</b>");
        assert_eq!(wire_body(&json!({"a": [1, 2]})), r#"{"a":[1,2]}"#);
        assert_eq!(wire_body(&json!(null)), "null");
    }
}
