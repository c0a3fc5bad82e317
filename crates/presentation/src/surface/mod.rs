//! The mock surface: every path outside the reserved ones (SPEC §1).
//!
//! `handle` reads the request, `pipeline::serve` decides the answer and
//! returns a [`Served`] record of what happened, which the inspector and
//! metrics consume without touching the decision logic.

mod incoming;
mod pipeline;
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
    let body = read_limited(&req, payload, state.body_limit).await?;
    let incoming = incoming::from_actix(&req, body).with_session_header(&state.session_header);
    let served = pipeline::serve(&state, &incoming).await;
    Ok(served.response)
}
