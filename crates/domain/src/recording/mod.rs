//! Recording (SPEC §8): exchanges captured while proxying, how they are
//! stored, and how they become mocks. The conversion ([`mocks_from_exchanges`])
//! works on plain [`Exchange`]s, so importers (HAR) use it without a recording.

mod body;
mod convert;
mod headers;
mod naming;
mod prefix;
mod repository;

pub use body::{decode, is_json_media_type, mock_body, MAX_DECODED_BODY};
pub use convert::{mocks_from_exchanges, Conversion, ConversionOptions, Skipped};
pub use headers::{
    is_credential, is_hop_by_hop, redact, HopByHop, CREDENTIAL_HEADERS, HOP_BY_HOP, REDACTED,
};
pub use naming::{base_id, mock_name, unique_id};
pub use prefix::PathPrefix;
#[cfg(any(test, feature = "mocks"))]
pub use repository::MockRecordingRepository;
pub use repository::{CapturePage, RecordingRepository};

use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::upstream::UpstreamUrl;

/// One request and the response it got, as they crossed the proxy.
///
/// `response_body` holds the bytes as sent on the wire, so still encoded as
/// `Content-Encoding` says; a caller holding an already decoded body (a HAR
/// file's `content.text`) drops that header. Header values that were not
/// UTF-8 read with U+FFFD in their place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Exchange {
    pub method: String,
    /// The path as requested, without the query string.
    pub path: String,
    /// Query parameters in request order, repeats kept.
    pub query: Vec<(String, String)>,
    pub request_headers: Vec<(String, String)>,
    pub request_body: Bytes,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: Bytes,
    /// The body is only the first part of what the upstream sent (it was too
    /// large to keep); such an exchange cannot become a mock.
    pub response_body_truncated: bool,
}

impl Exchange {
    /// First value of a response header, by case-insensitive name.
    pub fn response_header(&self, name: &str) -> Option<&str> {
        self.response_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A capture about to be stored. Built only through [`NewCapture::new`],
/// which redacts credentials, so no stored capture holds one.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCapture {
    exchange: Exchange,
    mock_id: Option<String>,
    duration_ms: f64,
    created_at: DateTime<Utc>,
}

impl NewCapture {
    /// `mock_id` names the proxy-mode mock that forwarded the request, if
    /// one did (rather than the recording's own fallback proxying).
    pub fn new(
        mut exchange: Exchange,
        mock_id: Option<String>,
        duration_ms: f64,
        created_at: DateTime<Utc>,
    ) -> Self {
        redact(&mut exchange.request_headers);
        redact(&mut exchange.response_headers);
        Self {
            exchange,
            mock_id,
            duration_ms,
            created_at,
        }
    }

    pub fn exchange(&self) -> &Exchange {
        &self.exchange
    }

    pub fn mock_id(&self) -> Option<&str> {
        self.mock_id.as_deref()
    }

    pub fn duration_ms(&self) -> f64 {
        self.duration_ms
    }

    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

/// A stored capture.
#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    pub capture_id: i64,
    pub recording_id: i64,
    pub entry: NewCapture,
}

/// What a recording proxies to, and for which requests.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingSettings {
    pub upstream_url: UpstreamUrl,
    pub path_prefix: PathPrefix,
    /// How long the upstream may take to answer (SPEC §3's `timeout_seconds`).
    pub timeout: Duration,
}

/// A recording session: active until `stopped_at` is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Recording {
    pub recording_id: i64,
    pub settings: RecordingSettings,
    pub started_at: DateTime<Utc>,
    pub stopped_at: Option<DateTime<Utc>>,
}

impl Recording {
    pub fn is_active(&self) -> bool {
        self.stopped_at.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_never_holds_credentials() {
        let exchange = Exchange {
            request_headers: vec![
                ("Authorization".into(), "Bearer s3cret".into()),
                ("Cookie".into(), "sid=1".into()),
                ("Accept".into(), "*/*".into()),
            ],
            response_headers: vec![("Set-Cookie".into(), "sid=2".into())],
            ..Exchange::default()
        };
        let capture = NewCapture::new(exchange, None, 1.5, Utc::now());
        let stored = format!("{capture:?}");
        assert!(
            !stored.contains("s3cret") && !stored.contains("sid="),
            "{stored}"
        );
        assert_eq!(capture.exchange().request_headers[2].1, "*/*");
        assert_eq!(capture.exchange().response_headers[0].1, REDACTED);
    }
}
