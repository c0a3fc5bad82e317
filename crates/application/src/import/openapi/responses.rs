//! One documented response → status, Content-Type, headers and body: the
//! spec's example when it has one, else an example generated from the schema.

use serde_json::{Map, Value};

use super::media;
use super::Spec;
use crate::import::schema::Sample;

/// A response ready to become a mock's (or a variant's) answer.
#[derive(Debug)]
pub struct Reply {
    pub headers: Vec<(String, String)>,
    pub body: Value,
    pub is_template: bool,
    pub notes: Vec<String>,
}

/// Where a body comes from, before it is written in the wire format.
enum Body {
    Example(Value),
    Generated(Sample),
    Empty,
}

impl Spec<'_> {
    /// Builds the reply for `response` (already dereferenced) of `operation`.
    pub fn reply(&mut self, response: &Value, operation: &Value, seed: &str) -> Reply {
        let mut notes = Vec::new();
        let (media_type, body) = if self.swagger2 {
            self.body_v2(response, operation, seed, &mut notes)
        } else {
            self.body_v3(response, seed, &mut notes)
        };
        let mut headers = self.headers(response, seed);
        let json = media_type.as_deref().is_none_or(media::is_json);
        let (body, is_template) = match body {
            Body::Empty => (Value::String(String::new()), false),
            Body::Example(v) | Body::Generated(Sample::Value(v)) => (wire_body(v, json), false),
            Body::Generated(sample) if json && !sample.is_static() => {
                (Value::String(sample.to_template()), true)
            }
            Body::Generated(sample) => (wire_body(sample.to_value(), json), false),
        };
        if let Some(media_type) = media_type {
            headers.insert(
                0,
                ("Content-Type".to_string(), media::concrete(&media_type)),
            );
        }
        Reply {
            headers,
            body,
            is_template,
            notes,
        }
    }

    fn body_v3(
        &mut self,
        response: &Value,
        seed: &str,
        notes: &mut Vec<String>,
    ) -> (Option<String>, Body) {
        let Some(content) = response
            .get("content")
            .and_then(Value::as_object)
            .filter(|c| !c.is_empty())
        else {
            return (None, Body::Empty);
        };
        let Some(media_type) = media::pick(content.keys().map(String::as_str)) else {
            return (None, Body::Empty);
        };
        let media = self.refs.deref(&content[media_type]);
        if let Some(example) = media.get("example") {
            return (Some(media_type.to_string()), Body::Example(example.clone()));
        }
        let first = media
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next());
        if let Some(value) = first
            .map(|e| self.refs.deref(e))
            .and_then(|e| e.get("value"))
        {
            return (Some(media_type.to_string()), Body::Example(value.clone()));
        }
        let body = match media.get("schema") {
            Some(schema) => self.generated(schema, media_type, seed, notes),
            None => Body::Empty,
        };
        (Some(media_type.to_string()), body)
    }

    fn body_v2(
        &mut self,
        response: &Value,
        operation: &Value,
        seed: &str,
        notes: &mut Vec<String>,
    ) -> (Option<String>, Body) {
        let examples = response.get("examples").and_then(Value::as_object);
        let produces: Vec<&str> = operation
            .get("produces")
            .or_else(|| self.doc.get("produces"))
            .and_then(Value::as_array)
            .map(|p| p.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let schema = response.get("schema");
        if schema.is_none() && examples.is_none_or(Map::is_empty) {
            return (None, Body::Empty);
        }
        let listed = produces.iter().copied().chain(
            examples
                .into_iter()
                .flat_map(|e| e.keys().map(String::as_str)),
        );
        let media_type = media::pick(listed)
            .unwrap_or("application/json")
            .to_string();
        if let Some(example) =
            examples.and_then(|e| e.get(&media_type).or_else(|| e.values().next()))
        {
            return (Some(media_type), Body::Example(example.clone()));
        }
        let body = match schema {
            Some(schema) => self.generated(schema, &media_type, seed, notes),
            None => Body::Empty,
        };
        (Some(media_type), body)
    }

    fn generated(
        &mut self,
        schema: &Value,
        media_type: &str,
        seed: &str,
        notes: &mut Vec<String>,
    ) -> Body {
        let is_string =
            self.refs.deref(schema).get("type").and_then(Value::as_str) == Some("string");
        let usable = media::is_json(media_type) || (media::is_text(media_type) && is_string);
        if !usable {
            notes.push(format!("no body is generated for \"{media_type}\" from a schema; add an example to the spec to get one"));
            return Body::Empty;
        }
        let generator = if media::is_json(media_type) {
            &mut self.generator
        } else {
            &mut self.static_generator
        };
        let example = generator.example(schema, seed);
        notes.extend(
            example
                .notes
                .into_iter()
                .map(|n| format!("response body: {n}")),
        );
        Body::Generated(example.sample)
    }

    /// Documented response headers with an example or a schema.
    fn headers(&mut self, response: &Value, seed: &str) -> Vec<(String, String)> {
        let Some(headers) = response.get("headers").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, header) in headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header = self.refs.deref(header);
            let example = header
                .get("example")
                .or_else(|| header.get("x-example"))
                .cloned()
                .or_else(|| {
                    let schema = if self.swagger2 {
                        Some(header)
                    } else {
                        header.get("schema")
                    };
                    schema.map(|s| {
                        self.static_generator
                            .example(s, &format!("{seed}/{name}"))
                            .sample
                            .to_value()
                    })
                });
            match example {
                Some(Value::String(s)) => out.push((name.clone(), s)),
                Some(Value::Null) | None => {}
                Some(other) => out.push((name.clone(), other.to_string())),
            }
        }
        out
    }
}

/// A JSON body as `response_body`: strings are sent raw by Mimicus, so a
/// JSON string is written with its quotes; text bodies stay text.
fn wire_body(value: Value, json: bool) -> Value {
    match value {
        Value::String(s) if json => Value::String(Value::String(s).to_string()),
        Value::String(s) => Value::String(s),
        other if json => other,
        other => Value::String(other.to_string()),
    }
}
