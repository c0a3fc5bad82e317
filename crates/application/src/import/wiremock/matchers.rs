//! WireMock request matchers → Mimicus value matchers and body conditions.

use serde_json::{json, Map, Value};

/// The text matchers WireMock shares between values and bodies.
enum Text<'a> {
    Equal(&'a str),
    Contains(&'a str),
    /// A regex that must match the whole text.
    Matches(&'a str),
}

/// The text matcher of `obj` and whether it ignores case.
fn text_matcher(obj: &Map<String, Value>) -> Option<(Text<'_>, bool)> {
    let insensitive = obj
        .get("caseInsensitive")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let text = |key: &str| obj.get(key).and_then(Value::as_str);
    let matcher = text("equalTo")
        .map(Text::Equal)
        .or_else(|| text("contains").map(Text::Contains))
        .or_else(|| text("matches").map(Text::Matches))?;
    Some((matcher, insensitive))
}

/// A header / query / cookie matcher (`{"equalTo": …}` and friends).
pub fn value_matcher(spec: &Value) -> Result<Value, String> {
    let Some(obj) = spec.as_object() else {
        return spec
            .as_str()
            .map(|s| json!(s))
            .ok_or_else(|| "is not a matcher object".to_string());
    };
    match text_matcher(obj) {
        Some((Text::Equal(s), false)) => return Ok(json!(s)),
        Some((Text::Equal(s), true)) => {
            return Ok(json!({"regex": format!("(?i)^{}$", regex::escape(s))}))
        }
        Some((Text::Contains(s), false)) => return Ok(json!({"contains": s})),
        Some((Text::Contains(s), true)) => {
            return Ok(json!({"regex": format!("(?i){}", regex::escape(s))}))
        }
        Some((Text::Matches(r), _)) => return Ok(json!({"regex": format!("^(?:{r})$")})),
        None => {}
    }
    if let Some(absent) = obj.get("absent").and_then(Value::as_bool) {
        return Ok(json!({"present": !absent}));
    }
    Err(format!(
        "matcher {} has no Mimicus equivalent, so it was dropped",
        keys(obj)
    ))
}

/// One entry of `bodyPatterns`.
pub fn body_condition(spec: &Value) -> Result<Value, String> {
    let Some(obj) = spec.as_object() else {
        return Err("is not a matcher object".to_string());
    };
    match text_matcher(obj) {
        Some((Text::Equal(s), false)) => return Ok(json!({"equals": s})),
        Some((Text::Equal(s), true)) => {
            return Ok(json!({"regex": format!("(?is)^{}$", regex::escape(s))}))
        }
        Some((Text::Contains(s), false)) => return Ok(json!({"contains": s})),
        Some((Text::Contains(s), true)) => {
            return Ok(json!({"regex": format!("(?i){}", regex::escape(s))}))
        }
        Some((Text::Matches(r), _)) => return Ok(json!({"regex": format!("(?s)^(?:{r})$")})),
        None => {}
    }
    if let Some(expected) = obj.get("equalToJson") {
        let value = match expected {
            Value::String(s) => {
                serde_json::from_str(s).map_err(|e| format!("equalToJson is not JSON: {e}"))?
            }
            other => other.clone(),
        };
        let lenient = obj
            .get("ignoreExtraElements")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        return Ok(json!({ if lenient { "json_contains" } else { "json_equals" }: value }));
    }
    if let Some(path) = obj.get("matchesJsonPath") {
        return json_path(path);
    }
    Err(format!(
        "body matcher {} has no Mimicus equivalent, so it was dropped",
        keys(obj)
    ))
}

/// `matchesJsonPath`: a bare expression (exists), or one with a value check.
/// WireMock compares the node's text, which is what a Mimicus regex does.
fn json_path(spec: &Value) -> Result<Value, String> {
    if let Some(expression) = spec.as_str() {
        return Ok(json!({"jsonpath": expression}));
    }
    let expression = spec
        .get("expression")
        .and_then(Value::as_str)
        .ok_or("matchesJsonPath needs an expression")?;
    let check = spec.as_object().map(|o| {
        let mut o: Map<String, Value> = o.clone();
        o.remove("expression");
        Value::Object(o)
    });
    match check.as_ref().and_then(|c| value_matcher(c).ok()) {
        Some(Value::String(s)) => {
            Ok(json!({"jsonpath": expression, "regex": format!("^{}$", regex::escape(&s))}))
        }
        Some(Value::Object(m)) if m.contains_key("regex") => {
            Ok(json!({"jsonpath": expression, "regex": m["regex"]}))
        }
        Some(Value::Object(m)) if m.contains_key("contains") => {
            let s = m["contains"].as_str().unwrap_or_default();
            Ok(json!({"jsonpath": expression, "regex": regex::escape(s)}))
        }
        _ => Err(format!(
            "matchesJsonPath check on {expression} has no Mimicus equivalent, so it was dropped"
        )),
    }
}

fn keys(obj: &Map<String, Value>) -> String {
    let names: Vec<&str> = obj
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "caseInsensitive")
        .collect();
    format!("\"{}\"", names.join("\", \""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_matchers_map_to_their_equivalents() {
        assert_eq!(value_matcher(&json!({"equalTo": "a.b"})), Ok(json!("a.b")));
        assert_eq!(
            value_matcher(&json!({"equalTo": "a.b", "caseInsensitive": true})),
            Ok(json!({"regex": "(?i)^a\\.b$"}))
        );
        assert_eq!(
            value_matcher(&json!({"matches": "v[0-9]+"})),
            Ok(json!({"regex": "^(?:v[0-9]+)$"}))
        );
        assert_eq!(
            value_matcher(&json!({"absent": true})),
            Ok(json!({"present": false}))
        );
        assert!(value_matcher(&json!({"doesNotMatch": "x"}))
            .unwrap_err()
            .contains("doesNotMatch"));
    }

    #[test]
    fn body_patterns_map_to_body_conditions() {
        assert_eq!(
            body_condition(&json!({"equalToJson": "{\"a\": 1}", "ignoreExtraElements": true})),
            Ok(json!({"json_contains": {"a": 1}}))
        );
        assert_eq!(
            body_condition(&json!({"equalToJson": {"a": 1}})),
            Ok(json!({"json_equals": {"a": 1}}))
        );
        assert_eq!(
            body_condition(&json!({"matchesJsonPath": "$.items"})),
            Ok(json!({"jsonpath": "$.items"}))
        );
        assert_eq!(
            body_condition(&json!({"matchesJsonPath": {"expression": "$.n", "equalTo": "5"}})),
            Ok(json!({"jsonpath": "$.n", "regex": "^5$"}))
        );
        assert!(body_condition(&json!({"equalToXml": "<a/>"})).is_err());
    }
}
