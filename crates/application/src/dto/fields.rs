//! Typed getters over a JSON object that fail with the field's name and a
//! sentence saying what was expected and what came.

use domain::FieldError;
use serde_json::{Map, Value};

pub type Fields = Map<String, Value>;

/// `null` counts as absent, so optional fields can be reset to their default.
pub fn get<'a>(map: &'a Fields, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string \"{s}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn wrong(key: &str, expected: &str, got: &Value) -> FieldError {
    FieldError::new(key, format!("must be {expected}, got {}", describe(got)))
}

pub fn string(map: &Fields, key: &str) -> Result<Option<String>, FieldError> {
    match get(map, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(wrong(key, "a string", other)),
    }
}

pub fn required_string(map: &Fields, key: &str) -> Result<String, FieldError> {
    string(map, key)?.ok_or_else(|| FieldError::new(key, "is required"))
}

pub fn boolean(map: &Fields, key: &str, default: bool) -> Result<bool, FieldError> {
    match get(map, key) {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(wrong(key, "true or false", other)),
    }
}

pub fn integer(map: &Fields, key: &str) -> Result<Option<i64>, FieldError> {
    match get(map, key) {
        None => Ok(None),
        Some(v) => v
            .as_i64()
            .or_else(|| {
                v.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| f as i64)
            })
            .map(Some)
            .ok_or_else(|| wrong(key, "an integer", v)),
    }
}

/// An integer in `[min, max]`.
pub fn bounded(map: &Fields, key: &str, min: i64, max: i64) -> Result<Option<i64>, FieldError> {
    match integer(map, key)? {
        Some(n) if n < min || n > max => Err(FieldError::new(
            key,
            format!("must be between {min} and {max}, got {n}"),
        )),
        other => Ok(other),
    }
}

pub fn number(map: &Fields, key: &str) -> Result<Option<f64>, FieldError> {
    match get(map, key) {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .map(Some)
            .ok_or_else(|| wrong(key, "a number", v)),
    }
}

pub fn object<'a>(map: &'a Fields, key: &str) -> Result<Option<&'a Fields>, FieldError> {
    match get(map, key) {
        None => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(other) => Err(wrong(key, "an object", other)),
    }
}

pub fn array<'a>(map: &'a Fields, key: &str) -> Result<Option<&'a Vec<Value>>, FieldError> {
    match get(map, key) {
        None => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a)),
        Some(other) => Err(wrong(key, "an array", other)),
    }
}

/// Response headers: a map of string values, kept in the order written,
/// with names and values that are legal in HTTP (checked here so serving never fails).
pub fn header_map(map: &Fields, key: &str) -> Result<Vec<(String, String)>, FieldError> {
    let Some(object) = object(map, key)? else {
        return Ok(Vec::new());
    };
    object
        .iter()
        .map(|(name, value)| {
            let field = format!("{key}.{name}");
            let Value::String(text) = value else {
                return Err(wrong(&field, "a string", value));
            };
            domain::mock::check_header(name, text).map_err(|e| FieldError::new(field, e))?;
            Ok((name.clone(), text.clone()))
        })
        .collect()
}

/// An upstream timeout (`timeout_seconds`, SPEC §3): above 0, at most an hour.
pub fn timeout_seconds(t: f64) -> Result<f64, FieldError> {
    if t > 0.0 && t <= 3600.0 {
        Ok(t)
    } else {
        Err(FieldError::new(
            "timeout_seconds",
            format!("must be above 0 and at most 3600, got {t}"),
        ))
    }
}

/// Rejects keys outside `allowed`, naming the closest known one.
pub fn reject_unknown(map: &Fields, allowed: &[&str], parent: &str) -> Result<(), FieldError> {
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            let field = if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            };
            let hint = super::suggest::closest(key, allowed)
                .map(|k| format!("; did you mean \"{k}\"?"))
                .unwrap_or_default();
            return Err(FieldError::new(field, format!("unknown field{hint}")));
        }
    }
    Ok(())
}
