//! Bytes read as text, invalid UTF-8 replaced by U+FFFD.

use std::borrow::Cow;

/// `String::from_utf8_lossy`, but valid text (the usual case) is checked by
/// `str::from_utf8`, several times faster than the lossy decoder's
/// byte-by-byte walk. Used on the request path for headers and bodies.
pub fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::lossy;
    use std::borrow::Cow;

    #[test]
    fn valid_text_is_borrowed_and_invalid_bytes_are_replaced() {
        assert!(matches!(lossy("héllo".as_bytes()), Cow::Borrowed("héllo")));
        assert_eq!(lossy(b"a\xffb"), "a\u{FFFD}b");
        assert_eq!(lossy(b""), "");
    }
}
