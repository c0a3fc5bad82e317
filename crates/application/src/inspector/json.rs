use domain::inspector::{timestamp_text, JsonText, RequestLog};
use serde_json::{json, Value};

/// The SPEC §10 JSON shape of a log entry. `source` says who produced a
/// proxy-mode answer (`upstream` or `fallback`, from `X-Mimicus-Source`),
/// `null` for the server's own answers (mocks, 404s, 502s).
pub fn log_to_json(log: &RequestLog) -> Value {
    let e = &log.entry;
    let response_headers = e.response_headers.to_value();
    let source = response_headers.get("x-mimicus-source").cloned();
    json!({
        "log_id": log.log_id,
        "request_method": e.request_method,
        "request_path": e.request_path,
        "request_query": e.request_query.to_value(),
        "request_headers": e.request_headers.to_value(),
        "request_body": e.request_body,
        "request_body_truncated": e.request_body_truncated,
        "matched_mock_id": e.matched_mock_id,
        "variant": e.variant,
        "template_context": e.template_context.as_ref().map(JsonText::to_value),
        "near_misses": e.near_misses.as_ref().map(JsonText::to_value),
        "response_status": e.response_status,
        "response_headers": response_headers,
        "response_body": e.response_body,
        "response_body_truncated": e.response_body_truncated,
        "duration_ms": e.duration_ms,
        "outcome": e.outcome.as_str(),
        "source": source,
        "client_ip": e.client_ip,
        "session_id": e.session_id,
        "created_at": timestamp_text(e.created_at),
    })
}
