//! [`MockDefinition`] → the SPEC §3 JSON shape, every field present, so an
//! export re-imports unchanged.

use chrono::{DateTime, SecondsFormat, Utc};
use domain::mock::{MockDefinition, VariantResponse};
use domain::ValueMatcher;
use serde_json::{json, Map, Value};

/// RFC 3339 in UTC with microseconds: sorts as text in time order.
pub fn timestamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Whole numbers print without a fraction (`5`, not `5.0`), as users wrote them.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn pairs(items: &[(String, String)]) -> Value {
    Value::Object(
        items
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn matchers(items: Option<&Vec<(String, ValueMatcher)>>) -> Value {
    items.map_or(Value::Null, |list| {
        Value::Object(list.iter().map(|(k, m)| (k.clone(), m.to_json())).collect())
    })
}

fn variant_response(r: &VariantResponse) -> Value {
    json!({
        "status": r.status.get(),
        "headers": pairs(&r.headers),
        "body": r.body,
        "is_template": r.is_template,
        "delay_ms": r.delay_ms,
    })
}

/// The definition without its timestamps (what is stored and compared).
pub fn definition_json(mock: &MockDefinition) -> Map<String, Value> {
    let c = &mock.criteria;
    let r = &mock.response;
    let f = &mock.faults;
    let body = c.body.as_ref().map_or(Value::Null, |b| {
        let list: Vec<Value> = b.conditions.iter().map(|c| c.to_json()).collect();
        match (b.as_list, list.as_slice()) {
            (false, [single]) => single.clone(),
            _ => Value::Array(list),
        }
    });
    let variants: Vec<Value> = mock
        .variants
        .iter()
        .map(|v| json!({ "weight": v.weight, "response": variant_response(&v.response) }))
        .collect();
    let value = json!({
        "mock_id": mock.id.as_str(),
        "mock_name": mock.name,
        "mock_priority": mock.priority,
        "mock_enabled": mock.enabled,
        "mock_mode": mock.mode.as_str(),
        "mock_tags": mock.tags,
        "match_method": c.method.as_str(),
        "match_path": c.path.source(),
        "match_headers": matchers(c.headers.as_ref()),
        "match_query": matchers(c.query.as_ref()),
        "match_body": body,
        "match_content_type": c.content_type,
        "response_status": r.status.get(),
        "response_headers": pairs(&r.headers),
        "response_body": r.body,
        "is_template": r.is_template,
        "response_delay_ms": r.delay_ms,
        "response_delay_max_ms": r.delay_max_ms,
        "error_rate": number(f.error_rate.percent()),
        "error_status_code": f.error_status_code.get(),
        "error_body": f.error_body,
        "rate_limit_requests": f.rate_limit_requests,
        "rate_limit_window_seconds": f.rate_limit_window_seconds,
        "rate_limit_scope": f.rate_limit_scope.as_str(),
        "variants": variants,
        "variant_mode": mock.variant_mode.as_str(),
        "upstream_url": mock.upstream_url,
        "timeout_seconds": number(mock.timeout_seconds),
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The full wire form, timestamps included.
pub fn mock_to_json(mock: &MockDefinition) -> Value {
    let mut map = definition_json(mock);
    map.insert(
        "created_at".into(),
        Value::String(timestamp(&mock.created_at)),
    );
    map.insert(
        "updated_at".into(),
        Value::String(timestamp(&mock.updated_at)),
    );
    Value::Object(map)
}
