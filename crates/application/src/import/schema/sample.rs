//! A generated example: plain JSON, or JSON whose leaves are Jinja
//! expressions (dynamic imports), written out as one response template.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum Sample {
    Value(Value),
    /// A Jinja expression rendering one JSON value, e.g. `random_int(1, 9)`
    /// or `faker.email() | tojson`.
    Expr(String),
    Object(Vec<(String, Sample)>),
    Array(Vec<Sample>),
}

impl Sample {
    /// True when no part varies per request.
    pub fn is_static(&self) -> bool {
        match self {
            Self::Value(_) => true,
            Self::Expr(_) => false,
            Self::Object(fields) => fields.iter().all(|(_, s)| s.is_static()),
            Self::Array(items) => items.iter().all(Sample::is_static),
        }
    }

    /// The JSON value; expressions (never produced in static mode) become null.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Value(v) => v.clone(),
            Self::Expr(_) => Value::Null,
            Self::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, s)| (k.clone(), s.to_value()))
                    .collect(),
            ),
            Self::Array(items) => Value::Array(items.iter().map(Sample::to_value).collect()),
        }
    }

    /// JSON text with `{{ expr }}` in place of each expression. Literal text
    /// that Jinja would read as a tag is emitted as a string expression.
    pub fn to_template(&self) -> String {
        let mut out = String::new();
        self.write_template(&mut out);
        out
    }

    fn write_template(&self, out: &mut String) {
        match self {
            Self::Value(v) => write_literal(&v.to_string(), out),
            Self::Expr(e) => {
                out.push_str("{{ ");
                out.push_str(e);
                out.push_str(" }}");
            }
            Self::Object(fields) => {
                out.push('{');
                for (i, (key, sample)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_literal(&Value::String(key.clone()).to_string(), out);
                    out.push(':');
                    sample.write_template(out);
                }
                out.push('}');
            }
            Self::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_template(out);
                }
                out.push(']');
            }
        }
    }
}

/// Writes `text` so that a template renders it verbatim.
pub fn write_literal(text: &str, out: &mut String) {
    if has_jinja_syntax(text) {
        out.push_str("{{ ");
        out.push_str(&jinja_string(text));
        out.push_str(" }}");
    } else {
        out.push_str(text);
    }
}

/// Whether `text` contains a Jinja delimiter.
pub fn has_jinja_syntax(text: &str) -> bool {
    ["{{", "{%", "{#", "}}", "%}", "#}"]
        .iter()
        .any(|d| text.contains(d))
}

/// A Jinja string literal for `text` (JSON's escapes are Jinja's too).
pub fn jinja_string(text: &str) -> String {
    Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_support::render;
    use serde_json::json;

    #[test]
    fn templates_render_to_json_with_the_expressions_filled_in() {
        let sample = Sample::Object(vec![
            ("id".into(), Sample::Expr("random_int(5, 5)".into())),
            ("tag".into(), Sample::Value(json!("{{ not a tag }}"))),
            (
                "list".into(),
                Sample::Array(vec![Sample::Expr("\"a\" | tojson".into())]),
            ),
        ]);
        assert!(!sample.is_static());
        let out: Value = serde_json::from_str(&render(&sample.to_template(), Default::default()))
            .unwrap_or_default();
        assert_eq!(
            out,
            json!({"id": 5, "tag": "{{ not a tag }}", "list": ["a"]})
        );
    }
}
