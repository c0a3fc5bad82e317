//! Objects and arrays: which properties and how many items.

use serde_json::{Map, Value};

use super::generator::{primary_type, Generator, MAX_ITEMS};
use super::Sample;

impl Generator<'_> {
    pub(super) fn generate_object(
        &mut self,
        obj: &Map<String, Value>,
        depth: usize,
    ) -> Option<Sample> {
        if let Some(example) = self.object_example(obj) {
            return Some(Sample::Value(example));
        }
        let empty = Map::new();
        let properties = obj
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let count = |key: &str| obj.get(key).and_then(Value::as_u64).map(|n| n as usize);
        let max = count("maxProperties").unwrap_or(usize::MAX);
        let min = count("minProperties").unwrap_or(0).min(MAX_ITEMS);
        let mut optional_left = max.saturating_sub(required.len());
        let mut fields: Vec<(String, Sample)> = Vec::new();
        for (name, schema) in properties {
            let is_required = required.contains(&name.as_str());
            if !is_required && (optional_left == 0 || is_write_only(self.refs.deref(schema))) {
                continue;
            }
            match self.generate(schema, Some(name), depth + 1) {
                Some(sample) => {
                    fields.push((name.clone(), sample));
                    optional_left = optional_left.saturating_sub(usize::from(!is_required));
                }
                None if is_required => {
                    self.note(format!(
                        "required property \"{name}\" has no finite example (recursive schema)"
                    ));
                    fields.push((
                        name.clone(),
                        Sample::Value(minimal(self.refs.deref(schema))),
                    ));
                }
                None => {}
            }
        }
        let additional = obj.get("additionalProperties");
        let extra_schema = match additional {
            Some(Value::Object(_)) => additional.cloned(),
            Some(Value::Bool(false)) => None,
            _ => Some(Value::Object(Map::new())),
        };
        for name in required.iter().filter(|r| !properties.contains_key(**r)) {
            let schema = extra_schema.clone().unwrap_or(Value::Bool(true));
            let sample = self
                .generate(&schema, Some(name), depth + 1)
                .unwrap_or(Sample::Value(Value::Null));
            fields.push(((*name).to_string(), sample));
        }
        let wants_entries = properties.is_empty() && matches!(additional, Some(Value::Object(_)));
        let target = min.max(usize::from(wants_entries)).min(max);
        let mut n = 0;
        while fields.len() < target && n < MAX_ITEMS {
            n += 1;
            let Some(schema) = &extra_schema else {
                self.note("minProperties cannot be met: additionalProperties is false");
                break;
            };
            let key = format!("additionalProp{n}");
            if fields.iter().any(|(k, _)| *k == key) {
                continue;
            }
            match self.generate(schema, None, depth + 1) {
                Some(sample) => fields.push((key, sample)),
                None => break,
            }
        }
        Some(Sample::Object(fields))
    }

    pub(super) fn generate_array(
        &mut self,
        obj: &Map<String, Value>,
        hint: Option<&str>,
        depth: usize,
    ) -> Option<Sample> {
        if let Some(example) = self.array_example(obj) {
            return Some(Sample::Value(example));
        }
        let count = |key: &str| obj.get(key).and_then(Value::as_u64).map(|n| n as usize);
        let mut min = count("minItems").unwrap_or(0);
        if min > MAX_ITEMS {
            self.note(format!(
                "minItems {min} is above the generator's limit of {MAX_ITEMS} items"
            ));
            min = MAX_ITEMS;
        }
        let max = count("maxItems").unwrap_or(usize::MAX);
        let target = 2.clamp(min, max.max(min)).min(max);
        let prefix: &[Value] = match (obj.get("prefixItems"), obj.get("items")) {
            (Some(Value::Array(p)), _) | (None, Some(Value::Array(p))) => p,
            _ => &[],
        };
        let rest = match obj.get("items") {
            Some(items @ (Value::Object(_) | Value::Bool(_))) => Some(items.clone()),
            _ => obj.get("additionalItems").cloned(),
        };
        let unique = obj
            .get("uniqueItems")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let was_static = self.force_static;
        self.force_static |= unique;
        let mut items: Vec<Sample> = Vec::new();
        let limit = if prefix.is_empty() {
            target
        } else {
            target.max(prefix.len().min(max))
        };
        'items: while items.len() < limit {
            let Some(schema) = prefix.get(items.len()).cloned().or_else(|| rest.clone()) else {
                break;
            };
            for attempt in 0..8 {
                self.vary = items.len() + attempt;
                let Some(sample) = self.generate(&schema, hint, depth + 1) else {
                    break 'items;
                };
                if !unique || !items.contains(&sample) {
                    items.push(sample);
                    continue 'items;
                }
            }
            break;
        }
        self.vary = 0;
        self.force_static = was_static;
        if items.len() < min {
            self.note(format!(
                "could only generate {} of the {min} items the schema requires",
                items.len()
            ));
        }
        Some(Sample::Array(items))
    }
}

fn is_write_only(schema: &Value) -> bool {
    schema
        .get("writeOnly")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// The smallest value of a schema's type, for a required property that
/// cannot be expanded.
fn minimal(schema: &Value) -> Value {
    match schema.as_object().map(primary_type) {
        Some("object") => Value::Object(Map::new()),
        Some("array") => Value::Array(Vec::new()),
        Some("string") => Value::String(String::new()),
        Some("integer" | "number") => Value::from(0),
        Some("boolean") => Value::Bool(false),
        _ => Value::Null,
    }
}
