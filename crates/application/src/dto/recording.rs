//! Wire forms of the recording API (SPEC §8).

use std::time::Duration;

use base64::Engine as _;
use domain::inspector::Pairs;
use domain::recording::{Capture, PathPrefix, RecordingSettings};
use domain::upstream::UpstreamUrl;
use domain::FieldError;
use serde::Deserialize;
use serde_json::{json, Value};

use super::fields::timeout_seconds;
use super::{from_json, timestamp};
use crate::recording::RecordingStatus;

/// Default upstream timeout, as for a proxy mock (SPEC §3).
const DEFAULT_TIMEOUT_SECONDS: f64 = 10.0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StartInput {
    upstream_url: String,
    #[serde(default)]
    path_prefix: Option<String>,
    #[serde(default)]
    timeout_seconds: Option<f64>,
}

/// `{"upstream_url", "path_prefix"?, "timeout_seconds"?}`; the prefix
/// defaults to `/` (every unmatched request).
pub fn parse_start(input: &Value) -> Result<RecordingSettings, FieldError> {
    let input: StartInput = from_json(input)?;
    let seconds = timeout_seconds(input.timeout_seconds.unwrap_or(DEFAULT_TIMEOUT_SECONDS))?;
    Ok(RecordingSettings {
        upstream_url: UpstreamUrl::parse(&input.upstream_url)?,
        path_prefix: match input.path_prefix {
            Some(prefix) => PathPrefix::parse(&prefix)?,
            None => PathPrefix::root(),
        },
        timeout: Duration::from_secs_f64(seconds),
    })
}

/// Options of `POST /api/admin/recording/stop`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopOptions {
    /// Turn the captures into mocks.
    #[serde(default)]
    pub create_mocks: bool,
    /// Replace stored mocks whose ids the created ones would take, instead
    /// of giving the created ones the next free ids.
    #[serde(default)]
    pub upsert: bool,
}

/// `{"create_mocks"?: bool, "upsert"?: bool}`; no body at all means neither.
pub fn parse_stop(input: Option<&Value>) -> Result<StopOptions, FieldError> {
    input.map_or(Ok(StopOptions::default()), from_json)
}

/// `GET /api/admin/recording`: the latest recording, or all nulls before the first.
pub fn status_json(status: &RecordingStatus) -> Value {
    let r = status.recording.as_ref();
    json!({
        "active": r.is_some_and(|r| r.is_active()),
        "recording_id": r.map(|r| r.recording_id),
        "upstream_url": r.map(|r| r.settings.upstream_url.as_str()),
        "path_prefix": r.map(|r| r.settings.path_prefix.as_str()),
        "timeout_seconds": r.map(|r| r.settings.timeout.as_secs_f64()),
        "started_at": r.map(|r| timestamp(&r.started_at)),
        "stopped_at": r.and_then(|r| r.stopped_at.as_ref()).map(timestamp),
        "captured": status.captured,
    })
}

/// A body as JSON text: UTF-8 as is, anything else base64, with the
/// encoding named so a client can get the exact bytes back.
fn body(bytes: &[u8]) -> (Value, &'static str) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Value::String(text.to_string()), "utf-8"),
        Err(_) => (
            Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
            "base64",
        ),
    }
}

fn grouped(pairs: &[(String, String)]) -> Value {
    serde_json::to_value(Pairs::grouped(pairs)).unwrap_or(Value::Null)
}

/// One capture as `GET /api/admin/recording/captured` lists it. Query and
/// headers read as in the inspector (a repeated name gives an array).
pub fn capture_json(capture: &Capture) -> Value {
    let entry = &capture.entry;
    let e = entry.exchange();
    let (request_body, request_encoding) = body(&e.request_body);
    let (response_body, response_encoding) = body(&e.response_body);
    json!({
        "capture_id": capture.capture_id,
        "recording_id": capture.recording_id,
        "mock_id": entry.mock_id(),
        "method": e.method,
        "path": e.path,
        "query": grouped(&e.query),
        "request_headers": grouped(&e.request_headers),
        "request_body": request_body,
        "request_body_encoding": request_encoding,
        "status": e.status,
        "response_headers": grouped(&e.response_headers),
        "response_body": response_body,
        "response_body_encoding": response_encoding,
        "response_body_truncated": e.response_body_truncated,
        "duration_ms": entry.duration_ms(),
        "created_at": timestamp(&entry.created_at()),
    })
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use chrono::Utc;
    use domain::recording::{Exchange, NewCapture};

    use super::*;

    fn field_of(input: Value) -> String {
        parse_start(&input)
            .err()
            .map(|e| e.field)
            .unwrap_or_else(|| "accepted".into())
    }

    #[test]
    fn start_takes_an_upstream_and_defaults_the_rest() {
        let settings = parse_start(&json!({"upstream_url": "http://127.0.0.1:9000"}))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(settings.path_prefix.as_str(), "/");
        assert_eq!(settings.timeout, Duration::from_secs(10));
        let settings = parse_start(&json!({
            "upstream_url": "https://api.example/v1", "path_prefix": "/api", "timeout_seconds": 2.5
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(settings.path_prefix.as_str(), "/api");
        assert_eq!(settings.timeout, Duration::from_millis(2500));
    }

    #[test]
    fn bad_start_input_names_the_field() {
        assert_eq!(field_of(json!({})), "upstream_url");
        assert_eq!(
            field_of(json!({"upstream_url": "localhost:9000"})),
            "upstream_url"
        );
        assert_eq!(field_of(json!({"upstream_url": 5})), "upstream_url");
        let ok_url = "http://127.0.0.1:9000";
        assert_eq!(
            field_of(json!({"upstream_url": ok_url, "path_prefix": "api"})),
            "path_prefix"
        );
        assert_eq!(
            field_of(json!({"upstream_url": ok_url, "timeout_seconds": 0})),
            "timeout_seconds"
        );
        assert_eq!(
            field_of(json!({"upstream_url": ok_url, "prefix": "/api"})),
            "prefix"
        );
    }

    #[test]
    fn stop_options_default_to_keeping_mocks_untouched() {
        assert_eq!(parse_stop(None), Ok(StopOptions::default()));
        assert_eq!(
            parse_stop(Some(&json!({"create_mocks": true}))).map(|o| o.create_mocks),
            Ok(true)
        );
        assert!(parse_stop(Some(&json!({"create_mocks": "yes"})))
            .is_err_and(|e| e.field == "create_mocks"));
        assert!(parse_stop(Some(&json!({"create": true}))).is_err_and(|e| e.field == "create"));
    }

    #[test]
    fn captures_show_text_as_text_and_binary_as_base64() {
        let exchange = Exchange {
            method: "GET".into(),
            path: "/a".into(),
            query: vec![("t".into(), "1".into()), ("t".into(), "2".into())],
            request_body: Bytes::from_static(b"hi"),
            status: 200,
            response_body: Bytes::from_static(&[0xff, 0x00]),
            ..Exchange::default()
        };
        let capture = Capture {
            capture_id: 3,
            recording_id: 1,
            entry: NewCapture::new(exchange, None, 1.0, Utc::now()),
        };
        let json = capture_json(&capture);
        assert_eq!(json["query"], json!({"t": ["1", "2"]}));
        assert_eq!(
            (&json["request_body"], &json["request_body_encoding"]),
            (&json!("hi"), &json!("utf-8"))
        );
        assert_eq!(
            (&json["response_body"], &json["response_body_encoding"]),
            (&json!("/wA="), &json!("base64"))
        );
    }
}
