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
mod respond;
mod unmatched;

pub use pipeline::Served;

use actix_web::{web, HttpRequest, HttpResponse};

use crate::body::read_limited;
use crate::{ApiError, AppState};

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let started = std::time::Instant::now();
    let body = read_limited(&req, payload, state.body_limit).await?;
    let incoming = incoming::from_actix(&req, body).with_session_header(&state.session_header);
    let mut served = pipeline::serve(&state, &incoming).await;
    state
        .metrics
        .observe(served.outcome, started.elapsed().as_secs_f64());
    if state.inspector.enabled() {
        let (response, bytes) = record::body_of(served.response);
        served.response = response;
        state
            .inspector
            .record(record::entry(&incoming, &served, &bytes, started));
    }
    Ok(served.response)
}
