//! Percent-decoding of request and mock paths, so `/sw/ünï` and
//! `/sw/%C3%BC%C3%B1%C3%AF` are the same path (SPEC §4).

use std::borrow::Cow;

/// Decodes `%XX` escapes in a path, keeping its segments apart: an escaped
/// slash (`%2F`) stays escaped, so it never splits a segment, and so does an
/// escaped percent sign (`%25`), so the result is never ambiguous. Both are
/// normalized to upper case. The decoded bytes must be UTF-8.
///
/// A path without `%` is returned as is, without allocating: the common
/// case on the hot path costs one scan.
pub fn decode_path(raw: &str) -> Result<Cow<'_, str>, String> {
    if !raw.contains('%') {
        return Ok(Cow::Borrowed(raw));
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let byte = match bytes.get(i + 1..i + 3) {
            Some([hi, lo]) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                hex_value(*hi) * 16 + hex_value(*lo)
            }
            _ => {
                let end = (i + 3).min(bytes.len());
                return Err(format!(
                    "the path has an invalid percent-encoding \"{}\" at byte {i}; write % as %25",
                    String::from_utf8_lossy(&bytes[i..end])
                ));
            }
        };
        match byte {
            b'/' => out.extend_from_slice(b"%2F"),
            b'%' => out.extend_from_slice(b"%25"),
            other => out.push(other),
        }
        i += 3;
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| "the path's percent-encoded bytes are not valid UTF-8".to_string())
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(raw: &str) -> String {
        decode_path(raw)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_owned()
    }

    #[test]
    fn plain_paths_are_borrowed_unchanged() {
        assert!(matches!(decode_path("/api/users/1"), Ok(Cow::Borrowed(_))));
        assert!(matches!(
            decode_path("/sw/ünï"),
            Ok(Cow::Borrowed("/sw/ünï"))
        ));
    }

    #[test]
    fn escapes_decode_to_utf8() {
        assert_eq!(decoded("/sw/%C3%BC%C3%B1%C3%AF"), "/sw/üñï");
        assert_eq!(decoded("/a%20b/%7Ex"), "/a b/~x");
    }

    #[test]
    fn escaped_slash_and_percent_stay_escaped_and_upper_case() {
        assert_eq!(decoded("/files/a%2fb"), "/files/a%2Fb");
        assert_eq!(decoded("/files/a%2Fb/c"), "/files/a%2Fb/c");
        assert_eq!(decoded("/p/50%25"), "/p/50%25");
        assert_eq!(decoded("/p/%252F"), "/p/%252F");
    }

    #[test]
    fn invalid_escapes_and_non_utf8_bytes_are_refused() {
        for raw in ["/a%", "/a%2", "/a%zz", "/a%+1", "/a%C3", "/a%FF"] {
            assert!(decode_path(raw).is_err(), "{raw}");
        }
    }
}
