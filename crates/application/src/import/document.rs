//! Bytes → a JSON value, from JSON or YAML, with the parsers' own limits
//! (nesting depth 128, YAML alias expansion) and line/column in errors.

use serde_json::Value;

use super::ImportError;
use crate::dto::strict_json::{deserialize_strict, PathStyle};
use domain::limits::IMPORT_MAX_NESTING as MAX_DEPTH;

/// Parses a JSON or YAML document. JSON is recognised by its first
/// character (`{` or `[`), so a JSON file gets JSON's error messages.
pub fn parse_document(bytes: &[u8]) -> Result<Value, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError::Malformed(format!(
            "the document is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ImportError::Malformed(
            "the document is empty; send a JSON or YAML file".into(),
        ));
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed = deserialize_strict(&mut de, PathStyle::Pointer)
            .and_then(|v| de.end().map(|()| v).map_err(|e| (e, None)));
        parsed.map_err(|(e, duplicate)| match duplicate {
            Some(at) => repeated(at, format!("line {} column {}", e.line(), e.column())),
            None => ImportError::Malformed(format!("the document is not valid JSON: {e}")),
        })
    } else {
        check_flow_depth(text)?;
        // The YAML parser refuses alias expansion beyond a fixed multiple of
        // the document's size ("repetition limit exceeded"), so a small
        // billion-laughs file cannot allocate gigabytes.
        let de = serde_yaml_ng::Deserializer::from_str(text);
        deserialize_strict(de, PathStyle::Pointer).map_err(|(e, duplicate)| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            match duplicate {
                Some(at) => repeated(at, format!("in the mapping at line {line} column {column}")),
                None => ImportError::Malformed(format!("the document is not valid YAML: {e}")),
            }
        })
    }
}

/// A key repeated within one object: refused, as in every admin body
/// (one of the two would be dropped silently otherwise).
fn repeated(at: String, place: String) -> ImportError {
    ImportError::invalid(
        at,
        format!("appears twice in one object ({place}); a key may appear only once"),
    )
}

/// libyaml's scanner slows down quadratically with unclosed flow
/// collections (100,000 `[` take seconds before its own depth limit
/// fires), so nesting is bounded first. Brackets are counted even inside
/// quotes: a false alarm needs 128 unclosed ones, and a scanner that
/// tracked quoting could be fooled into missing real ones.
fn check_flow_depth(text: &str) -> Result<(), ImportError> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => (line, column) = (line + 1, 0),
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::Malformed(format!(
                        "the document nests more than {MAX_DEPTH} levels deep at line {line} column {column}"
                    )));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn malformed(bytes: &[u8]) -> String {
        match parse_document(bytes) {
            Err(ImportError::Malformed(m)) => m,
            other => panic!("expected a malformed-document error, got {other:?}"),
        }
    }

    #[test]
    fn json_and_yaml_give_the_same_value() {
        let json = parse_document(br#"{"a": {"200": [1, "x"]}}"#).unwrap_or_default();
        let yaml = parse_document(b"\xEF\xBB\xBFa:\n  200: [1, x]\n").unwrap_or_default();
        assert_eq!(json, yaml);
        assert_eq!(json["a"]["200"][1], "x");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        assert!(malformed(b"{\n  \"a\": 1,\n}").contains("line 3 column 1"));
        assert!(malformed(b"a: [1, 2\nb: 3\n").contains("line 2"));
    }

    #[test]
    fn repeated_keys_are_refused_with_their_location() {
        for doc in [
            "{\"paths\": {\"/a\": {\"get\": {}, \"get\": {}}}}",
            "paths:\n  /a:\n    get: {}\n    get: {}\n",
        ] {
            match parse_document(doc.as_bytes()) {
                Err(ImportError::Invalid { location, detail }) => {
                    assert_eq!(location, "/paths/~1a/get");
                    assert!(
                        detail.contains("twice") && detail.contains("line"),
                        "{detail}"
                    );
                }
                other => panic!("{doc}: {other:?}"),
            }
        }
    }

    #[test]
    fn empty_and_binary_input_is_refused() {
        assert!(malformed(b"  \n").contains("empty"));
        assert!(malformed(&[0xff, 0xfe, 0x00]).contains("UTF-8"));
    }

    #[test]
    fn yaml_alias_bombs_and_deep_nesting_stop_early() {
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
            let prev = if i == 0 {
                "a"
            } else {
                ["b", "c", "d", "e", "f", "g", "h"][i - 1]
            };
            let refs = vec![format!("*{prev}"); 10].join(",");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        assert!(malformed(bomb.as_bytes()).contains("repetition limit"));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(malformed("[".repeat(100_000).as_bytes()).contains("recursion limit"));
        let started = std::time::Instant::now();
        let deep = malformed(format!("a:\n  b: {}", "[".repeat(100_000)).as_bytes());
        assert!(
            deep.contains("more than 128 levels deep at line 2 column 134"),
            "{deep}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
}
