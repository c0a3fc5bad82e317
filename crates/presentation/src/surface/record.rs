//! Builds the inspector entry of one exchange from data already at hand.

use std::borrow::Cow;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::HttpResponse;
use bytes::Bytes;
use domain::inspector::{truncate_body, JsonText, NewRequestLog, Pairs};
use domain::IncomingRequest;
use serde_json::{json, Value};

use super::Served;

/// Takes the (already complete) body out of a response and puts it back.
pub fn body_of(response: HttpResponse) -> (HttpResponse, Bytes) {
    let (head, body) = response.into_parts();
    let bytes = body.try_into_bytes().unwrap_or_default();
    (head.set_body(BoxBody::new(bytes.clone())), bytes)
}

/// The request and `served.template_context` are moved into the entry:
/// nothing needs them afterwards, and copying them was a visible share of
/// the per-request cost.
pub fn entry(
    req: IncomingRequest,
    served: &mut Served,
    response_body: &[u8],
    started: Instant,
) -> NewRequestLog {
    let (request_body, request_body_truncated) = truncate_body(&req.body);
    let (response_body, response_body_truncated) = truncate_body(response_body);
    let response_headers: Vec<(&str, Cow<str>)> = served
        .response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str(), domain::utf8::lossy(v.as_bytes())))
        .collect();
    let near_misses = (!served.near_misses.is_empty()).then(|| {
        let list: Vec<Value> = served
            .near_misses
            .iter()
            .map(|n| json!({"mock_id": n.mock_id, "mock_name": n.mock_name, "reason": n.reason}))
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
        matched_mock_id: served.mock_id.clone(),
        variant: served.variant.and_then(|v| i64::try_from(v).ok()),
        template_context: served.template_context.take(),
        near_misses,
        response_status: served.response.status().as_u16(),
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
