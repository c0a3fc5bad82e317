//! A recorded response body as a mock can serve it: decoded from its
//! `Content-Encoding`, then JSON, text, or (binary) refused with a reason.

use std::borrow::Cow;
use std::io::Read;

use serde_json::Value;

/// Largest decoded body a created mock may hold. A small compressed body can
/// expand enormously (a "zip bomb"); decoding stops here instead of filling memory.
pub const MAX_DECODED_BODY: usize = 16 * 1024 * 1024;

/// True for `application/json` and `application/*+json`, parameters ignored.
pub fn is_json_media_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
}

/// Undoes `Content-Encoding` (a comma list, applied in order, so undone in
/// reverse): `gzip`/`x-gzip`, `deflate` (zlib or raw), `br`, `identity`.
/// Other codings are refused with a sentence naming them.
pub fn decode<'a>(content_encoding: Option<&str>, body: &'a [u8]) -> Result<Cow<'a, [u8]>, String> {
    let codings: Vec<String> = content_encoding
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut data = Cow::Borrowed(body);
    for coding in codings.iter().rev() {
        let decoded = match coding.as_str() {
            "gzip" | "x-gzip" => read_all(flate2::read::MultiGzDecoder::new(&data[..])),
            "deflate" => read_all(flate2::read::ZlibDecoder::new(&data[..]))
                .or_else(|_| read_all(flate2::read::DeflateDecoder::new(&data[..]))),
            "br" => read_all(brotli_decompressor::Decompressor::new(&data[..], 4096)),
            other => return Err(format!("content encoding \"{other}\" cannot be decoded")),
        };
        data = Cow::Owned(decoded.map_err(|e| format!("the {coding} body does not decode: {e}"))?);
    }
    Ok(data)
}

fn read_all(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = MAX_DECODED_BODY as u64 + 1;
    reader
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() > MAX_DECODED_BODY {
        return Err(format!(
            "it expands beyond {} MiB",
            MAX_DECODED_BODY / 1024 / 1024
        ));
    }
    Ok(out)
}

/// The `response_body` of a mock answering with `body`:
/// - a JSON response (by Content-Type) that parses stays a JSON value, so it
///   reads and edits as JSON (a top-level JSON string stays raw text, since
///   a string `response_body` is sent without its quotes);
/// - other UTF-8 text is a string, sent verbatim;
/// - anything else is binary, which a mock's text-or-JSON body cannot carry
///   byte for byte: refused, with a reason the caller reports.
pub fn mock_body(content_type: Option<&str>, body: &[u8]) -> Result<Value, String> {
    if content_type.is_some_and(is_json_media_type) {
        if let Ok(json) = serde_json::from_slice::<Value>(body) {
            if !json.is_string() {
                return Ok(json);
            }
        }
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Value::String(text.to_string())),
        Err(_) => Err(format!(
            "the response body is binary ({} bytes of {}); a mock's body is text or JSON, so it cannot reproduce it",
            body.len(),
            content_type.unwrap_or("no content type")
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use serde_json::json;

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn json_responses_stay_json_and_other_text_stays_verbatim() {
        let json_ct = Some("application/json; charset=utf-8");
        assert_eq!(
            mock_body(json_ct, br#"{"b": 1, "a": [true]}"#),
            Ok(json!({"b": 1, "a": [true]}))
        );
        assert_eq!(
            mock_body(Some("application/problem+json"), b"[1]"),
            Ok(json!([1]))
        );
        assert_eq!(
            mock_body(Some("text/plain"), br#"{"a":1}"#),
            Ok(json!(r#"{"a":1}"#)),
            "JSON-looking text under another type is kept as written"
        );
        assert_eq!(
            mock_body(json_ct, b"{broken"),
            Ok(json!("{broken")),
            "malformed JSON is kept as text"
        );
        assert_eq!(mock_body(None, b""), Ok(json!("")));
    }

    #[test]
    fn json_media_types_include_suffix_types_and_parameters() {
        assert!(is_json_media_type("application/json; charset=utf-8"));
        assert!(is_json_media_type("application/vnd.api+json"));
        assert!(!is_json_media_type("text/plain"));
        assert!(!is_json_media_type("application/x-www-form-urlencoded"));
    }

    #[test]
    fn a_top_level_json_string_keeps_its_quotes() {
        assert_eq!(
            mock_body(Some("application/json"), br#""hello""#),
            Ok(json!(r#""hello""#))
        );
    }

    #[test]
    fn binary_bodies_are_refused_with_a_reason() {
        let err = mock_body(Some("image/png"), &[0x89, b'P', b'N', b'G', 0xff, 0x00]).err();
        assert!(err.is_some_and(|e| e.contains("binary") && e.contains("image/png")));
    }

    #[test]
    fn gzip_deflate_and_brotli_bodies_are_decoded() {
        let text = b"hello, recorded world";
        assert_eq!(decode(Some("gzip"), &gzip(text)).unwrap(), &text[..]);
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        zlib.write_all(text).unwrap();
        let zlib = zlib.finish().unwrap();
        assert_eq!(decode(Some("Deflate"), &zlib).unwrap(), &text[..]);
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(text).unwrap();
        let raw = raw.finish().unwrap();
        assert_eq!(
            decode(Some("deflate"), &raw).unwrap(),
            &text[..],
            "raw deflate, as some servers send it"
        );
        // "hello" compressed by brotli at quality 11, window 22.
        let br = [0x0b, 0x02, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x03];
        assert_eq!(decode(Some("br"), &br).unwrap(), &b"hello"[..]);
        assert_eq!(
            decode(Some("gzip, gzip"), &gzip(&gzip(text))).unwrap(),
            &text[..]
        );
        assert_eq!(decode(Some("identity"), text).unwrap(), &text[..]);
        assert_eq!(decode(None, text).unwrap(), &text[..]);
    }

    #[test]
    fn unknown_or_broken_encodings_are_refused_with_a_reason() {
        assert!(decode(Some("zstd"), b"x").is_err_and(|e| e.contains("zstd")));
        assert!(decode(Some("gzip"), b"not gzip").is_err_and(|e| e.contains("gzip")));
    }

    #[test]
    fn decoding_stops_at_the_size_limit() {
        let bomb = gzip(&vec![0u8; MAX_DECODED_BODY + 1]);
        assert!(bomb.len() < 100 * 1024, "the input is small");
        assert!(decode(Some("gzip"), &bomb).is_err_and(|e| e.contains("MiB")));
    }
}
