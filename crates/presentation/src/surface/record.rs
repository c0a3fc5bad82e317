//! Builds the inspector entry of one exchange from data already at hand.

use std::borrow::Cow;
use std::time::Instant;

use actix_web::HttpResponse;
use domain::inspector::{truncate_body, JsonText, NewRequestLog, Pairs};
use domain::IncomingRequest;
use serde_json::Value;

use super::Served;

/// The request and `served` are moved into the entry: nothing needs them
/// afterwards, and copying them was a visible share of the per-request cost.
pub fn entry(
    req: IncomingRequest,
    response: &HttpResponse,
    served: Served,
    started: Instant,
) -> NewRequestLog {
    let (request_body, request_body_truncated) = truncate_body(&req.body);
    let (response_body, response_body_truncated) = truncate_body(&served.body);
    let response_body_truncated = response_body_truncated || served.body_truncated;
    let response_headers: Vec<(&str, Cow<str>)> = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str(), domain::utf8::lossy(v.as_bytes())))
        .collect();
    let near_misses = (!served.near_misses.is_empty()).then(|| {
        let list: Vec<Value> = served
            .near_misses
            .iter()
            .map(application::serve::near_miss_json)
            .collect();
        JsonText::of(&list)
    });
    NewRequestLog {
        request_method: req.method,
        request_path: req.path,
        request_query: JsonText::of(&Pairs::grouped(&req.query)),
        request_headers: JsonText::of(&Pairs::grouped(&req.headers)),
        request_body,
        request_body_truncated,
        matched_mock_id: served.mock_id,
        variant: served.variant.and_then(|v| i64::try_from(v).ok()),
        template_context: served.template_context,
        near_misses,
        response_status: response.status().as_u16(),
        response_headers: JsonText::of(&Pairs::grouped(&response_headers)),
        response_body,
        response_body_truncated,
        // Microsecond precision: finer is noise, and shorter to store.
        duration_ms: started.elapsed().as_micros() as f64 / 1000.0,
        outcome: served.outcome,
        client_ip: req.client_ip,
        session_id: req.session_id,
        created_at: domain::inspector::timestamp_now(),
    }
}
