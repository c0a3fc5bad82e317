use domain::{IncomingRequest, NearMiss, Outcome};
use serde_json::{json, Value};

use super::reply::{Reply, ReplyHeaders};
use super::Surface;

/// At most this many near misses are explained in a 404 (SPEC §4).
pub const NEAR_MISS_LIMIT: usize = 3;

impl Surface {
    /// The established 404 body, with the closest mocks and why each missed.
    pub(super) fn unmatched(&self, req: &IncomingRequest) -> Reply {
        let near_misses = self.ports.mocks.near_misses(req, NEAR_MISS_LIMIT);
        let near: Vec<_> = near_misses.iter().map(near_miss_json).collect();
        let body = json!({
            "error": "No matching mock found",
            "method": req.method,
            "path": req.path,
            "near_misses": near,
        });
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let mut reply = Reply::new(404, ReplyHeaders::none(), bytes.into(), Outcome::Unmatched);
        reply.near_misses = near_misses;
        reply
    }
}

/// One near miss as the 404 body and the inspector show it (SPEC §4, §10):
/// the established `reason` sentence plus every criterion checked.
pub fn near_miss_json(n: &NearMiss) -> Value {
    let checks: Vec<Value> = n
        .checks
        .iter()
        .map(|c| {
            json!({
                "field": c.field,
                "expected": c.expected,
                "actual": c.actual,
                "passed": c.passed,
            })
        })
        .collect();
    json!({
        "mock_id": n.mock_id,
        "mock_name": n.mock_name,
        "reason": n.reason,
        "checks": checks,
    })
}
