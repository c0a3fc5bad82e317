//! The request inspector's record (SPEC §10) and its repository.

use async_trait::async_trait;

use crate::{Outcome, RepositoryError};

mod json_text;
pub use json_text::{JsonText, Pairs};

/// Bodies are stored up to this many bytes; longer ones are cut and marked.
pub const BODY_LIMIT: usize = 64 * 1024;

/// One mock-surface exchange, as logged.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequestLog {
    pub request_method: String,
    pub request_path: String,
    pub request_query: JsonText,
    pub request_headers: JsonText,
    pub request_body: String,
    pub request_body_truncated: bool,
    pub matched_mock_id: Option<String>,
    pub variant: Option<i64>,
    pub template_context: Option<JsonText>,
    pub near_misses: Option<JsonText>,
    pub response_status: u16,
    pub response_headers: JsonText,
    pub response_body: String,
    pub response_body_truncated: bool,
    pub duration_ms: f64,
    pub outcome: Outcome,
    pub client_ip: String,
    pub session_id: Option<String>,
    /// Microseconds since the Unix epoch: a number is cheaper to take on
    /// the request path and to store than text ([`timestamp_text`] makes the
    /// API's form).
    pub created_at: i64,
}

impl NewRequestLog {
    /// Bytes of text the entry carries: what sizing it in memory (the
    /// inspector's queue) and in storage (chunks) goes by.
    pub fn text_len(&self) -> usize {
        let opt = |s: Option<&str>| s.map_or(0, str::len);
        self.request_method.len()
            + self.request_path.len()
            + self.request_query.as_str().len()
            + self.request_headers.as_str().len()
            + self.request_body.len()
            + opt(self.matched_mock_id.as_deref())
            + opt(self.template_context.as_ref().map(JsonText::as_str))
            + opt(self.near_misses.as_ref().map(JsonText::as_str))
            + self.response_headers.as_str().len()
            + self.response_body.len()
            + self.client_ip.len()
            + opt(self.session_id.as_deref())
    }
}

/// A stored entry: the exchange and its id.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestLog {
    pub log_id: i64,
    pub entry: NewRequestLog,
}

/// Filters of the inspector list; `None` means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestLogFilter {
    pub session_id: Option<String>,
    pub mock_id: Option<String>,
    pub method: Option<String>,
    pub status: Option<u16>,
    pub outcome: Option<Outcome>,
    /// Substring of the request path.
    pub path: Option<String>,
    /// Only entries older than this id (cursor pagination).
    pub before: Option<i64>,
    pub limit: i64,
}

impl RequestLogFilter {
    /// Whether no filter is set (the cursor and limit only page).
    pub fn selects_all(&self) -> bool {
        self.session_id.is_none()
            && self.mock_id.is_none()
            && self.method.is_none()
            && self.status.is_none()
            && self.outcome.is_none()
            && self.path.is_none()
    }
}

/// The time now as stored in [`NewRequestLog::created_at`].
pub fn timestamp_now() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// RFC 3339 text of a stored timestamp, in UTC with microseconds
/// (`2026-11-25T22:40:54.345379Z`).
pub fn timestamp_text(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Text cut to [`BODY_LIMIT`] bytes on a character boundary, and whether it
/// was cut. Invalid UTF-8 becomes U+FFFD.
pub fn truncate_body(bytes: &[u8]) -> (String, bool) {
    let truncated = bytes.len() > BODY_LIMIT;
    let mut text = crate::utf8::lossy(&bytes[..bytes.len().min(BODY_LIMIT)]).into_owned();
    while text.len() > BODY_LIMIT {
        text.pop();
    }
    (text, truncated)
}

/// Storage of request logs (SPEC §10).
#[async_trait]
pub trait RequestLogRepository: Send + Sync {
    /// Inserts entries and deletes the oldest rows beyond `keep`, in one
    /// transaction (one commit per batch), returning the entries with their ids.
    async fn insert_batch(
        &self,
        entries: Vec<NewRequestLog>,
        keep: u64,
    ) -> Result<Vec<RequestLog>, RepositoryError>;
    /// Newest first, with the total number matching the filter (ignoring `before`/`limit`).
    async fn list(
        &self,
        filter: &RequestLogFilter,
    ) -> Result<(Vec<RequestLog>, i64), RepositoryError>;
    async fn get(&self, log_id: i64) -> Result<Option<RequestLog>, RepositoryError>;
    async fn clear(&self) -> Result<usize, RepositoryError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_over_the_limit_are_cut_on_a_char_boundary() {
        let (short, cut) = truncate_body(b"hello");
        assert_eq!((short.as_str(), cut), ("hello", false));
        let long = "é".repeat(BODY_LIMIT);
        let (text, cut) = truncate_body(long.as_bytes());
        assert!(cut);
        assert!(text.len() <= BODY_LIMIT);
        assert!(text.chars().all(|c| c == 'é'));

        let (odd, cut) = truncate_body("é".repeat(BODY_LIMIT).as_bytes().get(1..).unwrap());
        assert!(cut);
        assert!(odd.len() <= BODY_LIMIT);
        assert!(odd.starts_with('\u{FFFD}'), "a split character is replaced");
    }

    #[test]
    fn timestamps_read_as_rfc3339_utc_with_microseconds() {
        assert_eq!(
            timestamp_text(1_764_110_454_345_379),
            "2025-11-25T22:40:54.345379Z"
        );
        assert_eq!(timestamp_text(0), "1970-01-01T00:00:00.000000Z");
        let now = timestamp_now();
        assert!(now > 1_764_000_000_000_000, "microseconds, not seconds");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_rejected() {
        let (text, cut) = truncate_body(b"ok \xff\xfe done");
        assert_eq!((text.as_str(), cut), ("ok \u{FFFD}\u{FFFD} done", false));
    }
}
