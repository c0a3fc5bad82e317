//! Storing a proxied exchange in the active recording (SPEC §8).

use bytes::Bytes;
use chrono::Utc;
use domain::recording::{Exchange, NewCapture, Recording};
use domain::IncomingRequest;

use super::Surface;

/// The upstream's side of an exchange, as read so far.
pub(super) struct Captured<'a> {
    pub status: u16,
    pub headers: &'a [(String, Bytes)],
    pub body: &'a Bytes,
    /// The body goes on beyond `body` (too large to capture whole).
    pub truncated: bool,
    pub seconds: f64,
}

impl Surface {
    /// Stores the exchange, committed before the caller answers, so the
    /// capture is visible at once and survives a crash right after. A
    /// storage failure is logged; the client still gets its answer.
    pub(super) async fn capture(
        &self,
        req: &IncomingRequest,
        recording: &Recording,
        mock_id: Option<&str>,
        captured: Captured<'_>,
    ) {
        let exchange = Exchange {
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            request_headers: req.headers.clone(),
            request_body: Bytes::copy_from_slice(&req.body),
            status: captured.status,
            response_headers: captured
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), domain::utf8::lossy(v).into_owned()))
                .collect(),
            response_body: captured.body.clone(),
            response_body_truncated: captured.truncated,
        };
        let capture = NewCapture::new(
            exchange,
            mock_id.map(str::to_string),
            captured.seconds * 1000.0,
            Utc::now(),
        );
        if let Err(e) = self.ports.recording.store(recording, capture).await {
            tracing::error!(error = %e, recording_id = recording.recording_id, "could not store a capture");
        }
    }
}
