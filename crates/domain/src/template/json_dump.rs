//! JSON text of a template value, for `json_dumps` and `state.set`.

use std::io;

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};
use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

use crate::limits::TEMPLATE_JSON_MAX_NESTING;

/// Compact JSON of `value`, refused (naming `what`) if it nests lists and
/// objects deeper than [`TEMPLATE_JSON_MAX_NESTING`]: serde_json recurses
/// once per level without a limit of its own, and could not read such JSON
/// back. The count stops the serialization at the first level too deep, so
/// it costs nothing more than serializing.
pub fn to_json_text(value: &Value, what: &str) -> Result<String, Error> {
    let mut text = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut text, NestingLimit { depth: 0 });
    let failed =
        |reason: String| Error::new(ErrorKind::InvalidOperation, format!("{what}: {reason}"));
    value.serialize(&mut serializer).map_err(|e| {
        failed(if e.is_io() {
            format!("the value nests more than {TEMPLATE_JSON_MAX_NESTING} levels deep")
        } else {
            e.to_string()
        })
    })?;
    String::from_utf8(text).map_err(|e| failed(e.to_string()))
}

/// The compact formatter, failing when a list or object opens deeper than
/// the limit (the only I/O error writing into a `Vec` can have).
struct NestingLimit {
    depth: usize,
}

impl NestingLimit {
    fn open(&mut self) -> io::Result<()> {
        self.depth += 1;
        if self.depth > TEMPLATE_JSON_MAX_NESTING {
            return Err(io::Error::other("nested too deep"));
        }
        Ok(())
    }
}

impl Formatter for NestingLimit {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open()?;
        CompactFormatter.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        CompactFormatter.end_array(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open()?;
        CompactFormatter.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        CompactFormatter.end_object(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> Value {
        (0..levels).fold(Value::from(1), |inner, i| {
            if i % 2 == 0 {
                Value::from(vec![inner])
            } else {
                Value::from_iter([("k", inner)])
            }
        })
    }

    #[test]
    fn json_is_compact_and_the_same_as_serde_json_writes() {
        let value = Value::from_serialize(serde_json::json!({"a": [1, {"b": "x"}], "c": null}));
        let text = to_json_text(&value, "x").unwrap_or_default();
        assert_eq!(text, r#"{"a":[1,{"b":"x"}],"c":null}"#);
        assert_eq!(Some(text), serde_json::to_string(&value).ok());
    }

    #[test]
    fn values_up_to_the_limit_read_back_and_deeper_ones_are_refused() {
        let fits = to_json_text(&nested(TEMPLATE_JSON_MAX_NESTING), "x").unwrap_or_default();
        assert!(serde_json::from_str::<serde_json::Value>(&fits).is_ok());
        let refused = to_json_text(&nested(TEMPLATE_JSON_MAX_NESTING + 1), "json_dumps()").err();
        let message = refused.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("json_dumps(): the value nests more than 127 levels deep"),
            "{message}"
        );
    }
}
