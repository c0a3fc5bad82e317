//! One path item's operations → mocks.

use serde_json::{json, Map, Value};

use super::paths;
use super::{pointer, Spec};
use crate::import::ImportError;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Priority of the disabled error mocks: above the success mock's default
/// 100, so enabling one makes it answer instead.
const ERROR_PRIORITY: i64 = 101;

impl Spec<'_> {
    pub(super) fn path_item(&mut self, path: &str, item: &Value) -> Result<(), ImportError> {
        let at = pointer(&pointer("", "paths"), path);
        let Some(item) = self.refs.deref(item).as_object() else {
            return Err(ImportError::invalid(at, "a path item must be an object"));
        };
        let match_path = paths::match_path(&self.base, path);
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let op_at = pointer(&at, method);
            if !operation.is_object() {
                return Err(ImportError::invalid(
                    op_at,
                    "an operation must be an object",
                ));
            }
            self.operation(&match_path, path, method, operation, &op_at)?;
        }
        Ok(())
    }

    fn operation(
        &mut self,
        match_path: &str,
        path: &str,
        method: &str,
        operation: &Value,
        at: &str,
    ) -> Result<(), ImportError> {
        let text = |key: &str| {
            operation
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let method_upper = method.to_ascii_uppercase();
        let id = self
            .ids
            .unique(text("operationId").unwrap_or(&format!("{method}-{path}")));
        let name = text("summary")
            .or(text("operationId"))
            .map_or_else(|| format!("{method_upper} {path}"), str::to_string);
        let tags: Vec<Value> = operation
            .get("tags")
            .and_then(Value::as_array)
            .map(|t| t.iter().filter(|t| t.is_string()).cloned().collect())
            .unwrap_or_default();
        let responses = match operation.get("responses") {
            Some(Value::Object(r)) => r.clone(),
            None => Map::new(),
            Some(_) => {
                return Err(ImportError::invalid(
                    pointer(at, "responses"),
                    "must be an object",
                ))
            }
        };
        let base = json!({
            "mock_name": name,
            "mock_tags": tags,
            "match_method": method_upper,
            "match_path": match_path,
        });
        let Some((key, status)) = success(&responses) else {
            self.out.warn(
                &id,
                "the operation documents no responses; the mock answers 200 with an empty body",
            );
            self.push(&base, &id, 200, None, None);
            return Ok(());
        };
        if !key.starts_with('2') {
            self.out.warn(
                &id,
                format!("no 2xx response is documented; the mock answers with \"{key}\""),
            );
        }
        let seed = pointer(&pointer(at, "responses"), key);
        let response = self.refs.deref(&responses[key]);
        let reply = self.reply(response, operation, &seed);
        for note in &reply.notes {
            self.out.warn(&id, note.clone());
        }
        self.push(&base, &id, status, Some(reply), None);
        for (key, response) in &responses {
            let Some(status) = key.parse::<u16>().ok().filter(|s| (400..=599).contains(s)) else {
                continue;
            };
            let response = self.refs.deref(response);
            if !self.has_example(response) {
                continue;
            }
            let reply = self.reply(
                response,
                operation,
                &pointer(&pointer(at, "responses"), key),
            );
            let error_id = self.ids.unique(&format!("{id}-{key}"));
            let mut error = base.clone();
            error["mock_name"] = json!(format!("{name} ({key})"));
            self.push(&error, &error_id, status, Some(reply), Some(ERROR_PRIORITY));
        }
        Ok(())
    }

    fn push(
        &mut self,
        base: &Value,
        id: &str,
        status: u16,
        reply: Option<super::responses::Reply>,
        error_priority: Option<i64>,
    ) {
        let mut mock = base.clone();
        mock["mock_id"] = json!(id);
        mock["response_status"] = json!(status);
        if let Some(reply) = reply {
            let headers: Map<String, Value> = reply
                .headers
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect();
            mock["response_headers"] = Value::Object(headers);
            mock["response_body"] = reply.body;
            mock["is_template"] = json!(reply.is_template);
        }
        if let Some(priority) = error_priority {
            mock["mock_priority"] = json!(priority);
            mock["mock_enabled"] = json!(false);
        }
        self.out.mocks.push(mock);
    }

    /// Whether a response carries an example of its own (not just a schema).
    fn has_example(&self, response: &Value) -> bool {
        if self.swagger2 {
            return response
                .get("examples")
                .and_then(Value::as_object)
                .is_some_and(|e| !e.is_empty());
        }
        response
            .get("content")
            .and_then(Value::as_object)
            .is_some_and(|content| {
                content.values().map(|m| self.refs.deref(m)).any(|m| {
                    m.get("example").is_some()
                        || m.get("examples")
                            .and_then(Value::as_object)
                            .is_some_and(|e| !e.is_empty())
                })
            })
    }
}

/// The first 2xx response (`2XX` counts as 200), else `default` (200), else
/// the first documented one.
fn success(responses: &Map<String, Value>) -> Option<(&str, u16)> {
    let status = |key: &str| match key.parse::<u16>() {
        Ok(s) if (200..=599).contains(&s) => Some(s),
        _ if key.eq_ignore_ascii_case("2XX") || key == "default" => Some(200),
        _ => None,
    };
    let keys = || responses.keys().map(String::as_str);
    keys()
        .find(|k| k.starts_with('2') && status(k).is_some())
        .or_else(|| keys().find(|k| *k == "default"))
        .or_else(|| keys().find(|k| status(k).is_some()))
        .and_then(|k| status(k).map(|s| (k, s)))
}
