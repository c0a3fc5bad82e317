//! The mock surface: every path outside the reserved ones (SPEC §1).

mod incoming;
mod respond;

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use crate::body::read_limited;
use crate::{ApiError, AppState};

/// At most this many near misses are explained in a 404 (SPEC §4).
const NEAR_MISS_LIMIT: usize = 3;

pub async fn handle(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body = read_limited(&req, payload, state.body_limit).await?;
    let incoming = incoming::from_actix(&req, body);
    let index = state.mocks.catalog().index();
    let Some(found) = index.find(&incoming) else {
        let near: Vec<_> = index
            .near_misses(&incoming, NEAR_MISS_LIMIT)
            .into_iter()
            .map(|n| json!({ "mock_id": n.mock_id, "mock_name": n.mock_name, "reason": n.reason }))
            .collect();
        return Ok(HttpResponse::NotFound().json(json!({
            "error": "No matching mock found",
            "method": incoming.method,
            "path": incoming.path,
            "near_misses": near,
        })));
    };
    drop(index);
    let mock = found.mock;
    let delay = mock.response.delay(&mut rand::thread_rng());
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    Ok(respond::static_response(&mock.response))
}
