//! The mock surface: every path outside the reserved ones (SPEC §1).
//!
//! `handle` reads the request, `pipeline::serve` decides the answer and
//! returns a [`Served`] record of what happened, which the inspector and
//! metrics consume without touching the decision logic.

mod faults;
mod incoming;
mod pipeline;
mod record;
mod render;
mod reply_pump;
mod respond;
mod unmatched;

pub use pipeline::Served;

use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use domain::Outcome;

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
    let mut served = match refused.or(bad_path) {
        // Too large, too slow or a path that does not decode: answered
        // (413, 408, 400) and still logged, as unmatched.
        Some(e) => Served::new(e.error_response(), Outcome::Unmatched, None),
        None => pipeline::serve(&state, &incoming).await,
    };
    state
        .metrics
        .observe(served.outcome, started.elapsed().as_secs_f64());
    if let Some(mock_id) = &served.mock_id {
        state.stats.record(mock_id);
    }
    if state.inspector.enabled() {
        let (response, bytes) = record::body_of(served.response);
        served.response = response;
        let mut entry = record::entry(incoming, &mut served, &bytes, started);
        entry.request_body_truncated |= body_refused;
        state.inspector.record(entry);
    }
    Ok(served.response)
}
