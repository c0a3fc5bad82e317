//! `allOf`: the parts of a schema merged into one, so one value satisfies
//! them all (properties and `required` united, bounds tightened, enums
//! intersected). Parts come in already resolved, without `$ref` or `allOf`.

use serde_json::{json, Map, Value};

type Schema = Map<String, Value>;

/// Merges `parts` (in order; the first one's annotations win).
pub fn merge_all(parts: Vec<Schema>) -> Schema {
    let mut merged = Schema::new();
    for part in parts {
        for (key, value) in part {
            merge_keyword(&mut merged, key, value);
        }
    }
    merged
}

fn merge_keyword(into: &mut Schema, key: String, value: Value) {
    let Some(existing) = into.get_mut(&key) else {
        into.insert(key, value);
        return;
    };
    match key.as_str() {
        "properties" => {
            if let (Value::Object(ours), Value::Object(theirs)) = (existing, value) {
                for (name, schema) in theirs {
                    match ours.get_mut(&name) {
                        Some(current) => *current = json!({"allOf": [current.take(), schema]}),
                        None => {
                            ours.insert(name, schema);
                        }
                    }
                }
            }
        }
        "required" => {
            if let (Value::Array(ours), Value::Array(theirs)) = (existing, value) {
                for name in theirs {
                    if !ours.contains(&name) {
                        ours.push(name);
                    }
                }
            }
        }
        "type" => *existing = intersect_types(existing, &value),
        "enum" => {
            if let (Value::Array(ours), Value::Array(theirs)) = (existing.clone(), value) {
                let common: Vec<Value> = ours.into_iter().filter(|v| theirs.contains(v)).collect();
                if !common.is_empty() {
                    *existing = Value::Array(common);
                }
            }
        }
        "minimum" | "minLength" | "minItems" | "minProperties" => {
            pick(existing, value, |a, b| b > a);
        }
        "maximum" | "maxLength" | "maxItems" | "maxProperties" => {
            pick(existing, value, |a, b| b < a);
        }
        "exclusiveMinimum" | "exclusiveMaximum" | "uniqueItems" => {
            if existing.is_boolean() || value.is_boolean() {
                let on = |v: &Value| v.as_bool().unwrap_or(true);
                *existing = Value::Bool(on(existing) || on(&value));
            } else if key == "exclusiveMinimum" {
                pick(existing, value, |a, b| b > a);
            } else {
                pick(existing, value, |a, b| b < a);
            }
        }
        "additionalProperties" | "items" => {
            if existing.as_bool() == Some(false) || value.as_bool() == Some(false) {
                *existing = Value::Bool(false);
            } else if value.is_object() {
                *existing = json!({"allOf": [existing.take(), value]});
            }
        }
        // Annotations and the rest: the first part's value stands.
        _ => {}
    }
}

fn pick(existing: &mut Value, candidate: Value, better: impl Fn(f64, f64) -> bool) {
    if let (Some(a), Some(b)) = (existing.as_f64(), candidate.as_f64()) {
        if better(a, b) {
            *existing = candidate;
        }
    }
}

fn type_list(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Types allowed by both; `integer` is a `number`. Keeps ours when they conflict.
fn intersect_types(ours: &Value, theirs: &Value) -> Value {
    let theirs = type_list(theirs);
    let common: Vec<String> = type_list(ours)
        .into_iter()
        .filter_map(|t| {
            if theirs.contains(&t) {
                Some(t)
            } else if t == "number" && theirs.iter().any(|x| x == "integer") {
                Some("integer".to_string())
            } else if t == "integer" && theirs.iter().any(|x| x == "number") {
                Some(t)
            } else {
                None
            }
        })
        .collect();
    match common.len() {
        0 => ours.clone(),
        1 => Value::String(common[0].clone()),
        _ => json!(common),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Schema {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn properties_and_required_are_united_and_bounds_tightened() {
        let merged = merge_all(vec![
            obj(
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "minProperties": 1}),
            ),
            obj(
                json!({"properties": {"a": {"maxLength": 3}, "b": {"type": "integer"}}, "required": ["b", "a"], "minProperties": 2}),
            ),
        ]);
        assert_eq!(
            Value::Object(merged),
            json!({
                "type": "object",
                "properties": {
                    "a": {"allOf": [{"type": "string"}, {"maxLength": 3}]},
                    "b": {"type": "integer"}
                },
                "required": ["a", "b"],
                "minProperties": 2
            })
        );
    }

    #[test]
    fn types_and_enums_are_intersected() {
        let merged = merge_all(vec![
            obj(json!({"type": ["number", "null"], "enum": [1, 2, 3]})),
            obj(json!({"type": "integer", "enum": [3, 2], "maximum": 9})),
            obj(json!({"maximum": 5, "additionalProperties": false})),
        ]);
        assert_eq!(
            Value::Object(merged),
            json!({"type": "integer", "enum": [2, 3], "maximum": 5, "additionalProperties": false})
        );
    }
}
