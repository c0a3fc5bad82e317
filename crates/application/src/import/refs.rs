//! Local `$ref` resolution (`#/components/schemas/Pet`), checked once for
//! the whole document so a broken reference is reported with its location.

use serde_json::Value;

use super::error::pointer;
use super::ImportError;

use domain::limits::{echo, IMPORT_MAX_REF_CHAIN as MAX_REF_CHAIN};

/// Resolves `$ref`s against the document they appear in.
#[derive(Debug, Clone, Copy)]
pub struct Refs<'a> {
    root: &'a Value,
}

/// The `$ref` of a JSON object, if it has one.
pub fn ref_of(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

impl<'a> Refs<'a> {
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// The value a reference points to (`None` for external or dangling ones).
    pub fn target(self, reference: &str) -> Option<&'a Value> {
        let fragment = reference.strip_prefix('#')?;
        let decoded = percent_decode(fragment);
        self.root.pointer(&decoded)
    }

    /// Follows `value`'s `$ref` chain to a value that is not a reference.
    pub fn deref<'v>(self, value: &'v Value) -> &'v Value
    where
        'a: 'v,
    {
        let mut current = value;
        for _ in 0..MAX_REF_CHAIN {
            match ref_of(current).and_then(|r| self.target(r)) {
                Some(next) => current = next,
                None => return current,
            }
        }
        current
    }

    /// Checks that every `$ref` in the document resolves and that no chain
    /// of references loops; the error names the `$ref`'s location.
    pub fn check_all(self) -> Result<(), ImportError> {
        self.check(self.root, &mut String::new())
    }

    fn check(self, value: &Value, at: &mut String) -> Result<(), ImportError> {
        match value {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                    self.check_chain(reference, &pointer(at, "$ref"))?;
                }
                for (key, child) in map {
                    // Examples are data, not schema; `x-` extensions are free-form.
                    if key == "example" || key.starts_with("x-") || !is_container(child) {
                        continue;
                    }
                    let len = at.len();
                    *at = pointer(at, key);
                    self.check(child, at)?;
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().filter(|(_, c)| is_container(c)) {
                    let len = at.len();
                    *at = pointer(at, i);
                    self.check(child, at)?;
                    at.truncate(len);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn check_chain(self, first: &str, location: &str) -> Result<(), ImportError> {
        let mut reference = first.to_string();
        for _ in 0..MAX_REF_CHAIN {
            let Some(target) = self.target(&reference) else {
                return Err(ImportError::invalid(location, unresolved(&reference)));
            };
            match ref_of(target) {
                Some(next) => reference = next.to_string(),
                None => return Ok(()),
            }
        }
        Err(ImportError::invalid(
            location,
            format!(
                "'{}' is part of a circular chain of references that never reaches a value",
                echo(first)
            ),
        ))
    }
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Object(_) | Value::Array(_))
}

fn unresolved(reference: &str) -> String {
    let shown = echo(reference);
    if reference.starts_with('#') {
        format!("$ref '{shown}' does not point to anything in this document")
    } else {
        format!(
            "$ref '{shown}' points outside this document; only local references \
             (#/...) are resolved, so bundle the spec into one file first"
        )
    }
}

/// `%7B` → `{` in a URI fragment (JSON Pointer escapes stay for `pointer()`).
fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn local_references_resolve_through_chains() {
        let doc = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/c~1d"}, "c/d": {"type": "string"}});
        let refs = Refs::new(&doc);
        assert_eq!(refs.deref(&doc["a"]), &json!({"type": "string"}));
        assert!(refs.check_all().is_ok());
        assert_eq!(refs.target("#/c%7E1d"), Some(&json!({"type": "string"})));
    }

    #[test]
    fn a_dangling_reference_is_reported_at_its_location() {
        let doc = json!({"paths": {"/p": {"get": {"schema": {"$ref": "#/nope"}}}}});
        let err = Refs::new(&doc).check_all().unwrap_err();
        assert_eq!(
            err,
            ImportError::invalid(
                "/paths/~1p/get/schema/$ref",
                "$ref '#/nope' does not point to anything in this document"
            )
        );
        let external = json!({"s": {"$ref": "other.yaml#/X"}});
        assert!(Refs::new(&external)
            .check_all()
            .unwrap_err()
            .to_string()
            .contains("bundle"));
    }

    #[test]
    fn circular_reference_chains_are_an_error_not_a_hang() {
        let doc = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}});
        let err = Refs::new(&doc).check_all().unwrap_err();
        assert!(err.to_string().contains("circular"), "{err}");
        assert!(Refs::new(&doc).deref(&doc["a"]).get("$ref").is_some());
    }

    #[test]
    fn examples_and_extensions_are_not_checked() {
        let doc = json!({"example": {"$ref": "#/nope"}, "x-tool": {"$ref": "nope"}});
        assert!(Refs::new(&doc).check_all().is_ok());
    }
}
