use actix_web::HttpResponse;
use domain::{IncomingRequest, MockIndex, Outcome};
use serde_json::json;

use super::Served;

/// At most this many near misses are explained in a 404 (SPEC §4).
const NEAR_MISS_LIMIT: usize = 3;

/// The established 404 body, with the closest mocks and why each missed.
pub fn respond(index: &MockIndex, req: &IncomingRequest) -> Served {
    let near_misses = index.near_misses(req, NEAR_MISS_LIMIT);
    let near: Vec<_> = near_misses
        .iter()
        .map(|n| json!({ "mock_id": n.mock_id, "mock_name": n.mock_name, "reason": n.reason }))
        .collect();
    let response = HttpResponse::NotFound().json(json!({
        "error": "No matching mock found",
        "method": req.method,
        "path": req.path,
        "near_misses": near,
    }));
    let mut served = Served::new(response, Outcome::Unmatched, None);
    served.near_misses = near_misses;
    served
}
