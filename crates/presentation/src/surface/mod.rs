//! The mock surface: every path outside the reserved ones (SPEC §1).
//!
//! `handle` reads the request into plain types, [`application::serve`]
//! decides the answer, and `respond::to_http` turns it into a response plus
//! a [`Served`] record of what happened, which the inspector and metrics
//! consume without touching the decision logic.

mod incoming;
mod record;
mod reply_pump;
mod respond;

pub use reply_pump::WorkerReturn;
pub use respond::Served;

use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use application::serve::SurfaceRequest;

use crate::body::read_body;
use crate::{ApiError, AppState};

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let started = std::time::Instant::now();
    let (body, refused) =
        match read_body(&req, payload, state.body_limit, state.body_read_timeout).await {
            Ok(body) => (body, None),
            Err(e) => (bytes::Bytes::new(), Some(e)),
        };
    let (incoming, bad_path) = incoming::from_actix(&req, body);
    let incoming = incoming.with_session_header(&state.session_header);
    let body_refused = refused.is_some();
    let (response, served) = match refused.or(bad_path) {
        // Too large, too slow or a path that does not decode: answered
        // (413, 408, 400) and still logged, as unmatched.
        Some(e) => Served::refused(e.error_response()),
        None => {
            let request = SurfaceRequest {
                incoming: &incoming,
                raw_path: req.path(),
                raw_query: req.query_string(),
            };
            respond::to_http(state.surface.serve(request).await)
        }
    };
    let elapsed = started.elapsed();
    state.metrics.observe(served.outcome, elapsed.as_secs_f64());
    state.stats.observe(served.outcome, elapsed);
    if let Some(call) = served.upstream {
        state.metrics.observe_upstream(call.seconds, call.failed);
    }
    if let Some(mock_id) = &served.mock_id {
        state.stats.record(mock_id);
    }
    if state.inspector.enabled() {
        let mut entry = record::entry(incoming, &response, served, started);
        entry.request_body_truncated |= body_refused;
        state.inspector.record(entry);
    }
    Ok(response)
}
