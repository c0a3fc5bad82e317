//! JSON → [`MockDefinition`], checking every SPEC §3 rule and naming the
//! field at fault (SPEC §2).

use chrono::Utc;
use domain::mock::{wire_body, FaultSpec, ResponseSpec};
use domain::mock::{
    ErrorRate, MatchMethod, MockDefinition, MockId, MockMode, RateLimitScope, StatusCode,
    VariantMode,
};
use domain::{BodyCondition, FieldError, PathPattern, ValueMatcher};
use serde_json::Value;

use super::fields::{self, Fields};
use super::variants::parse_variants;
use domain::mock::BodyConditions;

/// Every field of the mock wire format, in the order it is written out.
pub const KNOWN_FIELDS: &[&str] = &[
    "mock_id",
    "mock_name",
    "mock_priority",
    "mock_enabled",
    "mock_mode",
    "mock_tags",
    "match_method",
    "match_path",
    "match_headers",
    "match_query",
    "match_body",
    "match_content_type",
    "response_status",
    "response_headers",
    "response_body",
    "is_template",
    "response_delay_ms",
    "response_delay_max_ms",
    "error_rate",
    "error_status_code",
    "error_body",
    "rate_limit_requests",
    "rate_limit_window_seconds",
    "rate_limit_scope",
    "variants",
    "variant_mode",
    "upstream_url",
    "timeout_seconds",
    "created_at",
    "updated_at",
];

const I32_MAX: i64 = i32::MAX as i64;

/// Parses a full definition. Absent or `null` optional fields take their
/// defaults; `created_at` / `updated_at` are accepted and ignored.
pub fn parse_mock(input: &Value) -> Result<MockDefinition, FieldError> {
    let Value::Object(map) = input else {
        return Err(FieldError::new(
            "",
            format!(
                "a mock must be a JSON object, got {}",
                fields::describe(input)
            ),
        ));
    };
    fields::reject_unknown(map, KNOWN_FIELDS, "")?;
    let id = match fields::string(map, "mock_id")? {
        Some(raw) => MockId::parse(&raw)?,
        None => MockId::generate(),
    };
    let name = fields::required_string(map, "mock_name")?;
    let method = MatchMethod::parse(&fields::required_string(map, "match_method")?)?;
    let path = PathPattern::parse(&fields::required_string(map, "match_path")?)?;
    let mut mock = MockDefinition::new(id, &name, method, path);
    mock.priority = fields::bounded(map, "mock_priority", -I32_MAX, I32_MAX)?.unwrap_or(100);
    mock.enabled = fields::boolean(map, "mock_enabled", true)?;
    if let Some(mode) = fields::string(map, "mock_mode")? {
        mock.mode = MockMode::parse(&mode)?;
    }
    mock.tags = parse_tags(map)?;
    mock.criteria.headers = parse_matchers(map, "match_headers")?;
    mock.criteria.query = parse_matchers(map, "match_query")?;
    mock.criteria.body = parse_body(map)?;
    mock.criteria.content_type = fields::string(map, "match_content_type")?;
    mock.response = parse_response(map)?;
    mock.faults = parse_faults(map)?;
    if let Some(mode) = fields::string(map, "variant_mode")? {
        mock.variant_mode = VariantMode::parse(&mode)?;
    }
    mock.variants = parse_variants(map)?;
    mock.upstream_url = parse_upstream(map)?;
    if let Some(t) = fields::number(map, "timeout_seconds")? {
        mock.timeout_seconds = fields::timeout_seconds(t)?;
    }
    let now = Utc::now();
    mock.created_at = now;
    mock.updated_at = now;
    mock.check_consistency()?;
    mock.compile_templates()?;
    Ok(mock)
}

fn parse_tags(map: &Fields) -> Result<Vec<String>, FieldError> {
    let Some(items) = fields::array(map, "mock_tags")? else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Value::String(s) => Ok(s.clone()),
            other => Err(FieldError::new(
                format!("mock_tags[{i}]"),
                format!("must be a string, got {}", fields::describe(other)),
            )),
        })
        .collect()
}

fn parse_matchers(
    map: &Fields,
    key: &str,
) -> Result<Option<Vec<(String, ValueMatcher)>>, FieldError> {
    let Some(object) = fields::object(map, key)? else {
        return Ok(None);
    };
    object
        .iter()
        .map(|(name, value)| {
            ValueMatcher::from_json(value)
                .map(|m| (name.clone(), m))
                .map_err(|e| e.within(&format!("{key}.{name}")))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn parse_body(map: &Fields) -> Result<Option<BodyConditions>, FieldError> {
    let (as_list, items): (bool, Vec<&Value>) = match fields::get(map, "match_body") {
        None => return Ok(None),
        Some(Value::Array(list)) => (true, list.iter().collect()),
        Some(object @ Value::Object(_)) => (false, vec![object]),
        Some(other) => {
            return Err(FieldError::new(
                "match_body",
                format!(
                    "must be an object or an array of objects, got {}",
                    fields::describe(other)
                ),
            ))
        }
    };
    let conditions = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let parent = if as_list {
                format!("match_body[{i}]")
            } else {
                "match_body".to_string()
            };
            BodyCondition::from_json(v).map_err(|e| e.within(&parent))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(BodyConditions {
        as_list,
        conditions,
    }))
}

fn status(map: &Fields, key: &str, default: StatusCode) -> Result<StatusCode, FieldError> {
    match fields::integer(map, key)? {
        None => Ok(default),
        Some(n) => StatusCode::new(n).map_err(|d| FieldError::new(key, d)),
    }
}

fn parse_response(map: &Fields) -> Result<ResponseSpec, FieldError> {
    let delay = |key| fields::bounded(map, key, 0, I32_MAX).map(|v| v.map(|n| n as u64));
    let body = fields::get(map, "response_body")
        .cloned()
        .unwrap_or(Value::String(String::new()));
    Ok(ResponseSpec {
        status: status(map, "response_status", StatusCode::OK)?,
        headers: fields::header_map(map, "response_headers")?,
        wire_body: wire_body(&body),
        body,
        is_template: fields::boolean(map, "is_template", false)?,
        delay_ms: delay("response_delay_ms")?.unwrap_or(0),
        delay_max_ms: delay("response_delay_max_ms")?,
    })
}

fn parse_faults(map: &Fields) -> Result<FaultSpec, FieldError> {
    let defaults = FaultSpec::default();
    let error_rate = match fields::number(map, "error_rate")? {
        None => defaults.error_rate,
        Some(p) => ErrorRate::new(p).map_err(|d| FieldError::new("error_rate", d))?,
    };
    let positive = |key| fields::bounded(map, key, 1, I32_MAX).map(|v| v.map(|n| n as u32));
    let scope = match fields::string(map, "rate_limit_scope")? {
        None => defaults.rate_limit_scope,
        Some(s) => RateLimitScope::parse(&s)?,
    };
    Ok(FaultSpec {
        error_rate,
        error_status_code: status(map, "error_status_code", defaults.error_status_code)?,
        error_body: fields::string(map, "error_body")?.unwrap_or_default(),
        rate_limit_requests: positive("rate_limit_requests")?,
        rate_limit_window_seconds: positive("rate_limit_window_seconds")?
            .unwrap_or(defaults.rate_limit_window_seconds),
        rate_limit_scope: scope,
    })
}

/// Checked as a recording's is: absolute http(s), a host, no credentials,
/// query or fragment (`domain::upstream::UpstreamUrl`).
fn parse_upstream(map: &Fields) -> Result<Option<String>, FieldError> {
    let Some(url) = fields::string(map, "upstream_url")? else {
        return Ok(None);
    };
    domain::upstream::UpstreamUrl::parse(&url)?;
    Ok(Some(url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({"mock_name": "m", "match_method": "GET", "match_path": "/a"})
    }

    fn with(extra: Value) -> Value {
        let mut v = base();
        if let (Some(b), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        v
    }

    fn field_of(input: Value) -> String {
        parse_mock(&input)
            .err()
            .map(|e| e.field)
            .unwrap_or_else(|| "accepted".into())
    }

    #[test]
    fn minimal_mock_gets_spec_defaults() {
        let mock = parse_mock(&base()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mock.priority, 100);
        assert!(mock.enabled);
        assert_eq!(mock.response.status.get(), 200);
        assert_eq!(mock.faults.error_status_code.get(), 500);
        assert_eq!(mock.faults.rate_limit_window_seconds, 60);
        assert_eq!(mock.timeout_seconds, 10.0);
        assert_eq!(mock.response.body, json!(""));
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(
            field_of(json!({"match_method": "GET", "match_path": "/a"})),
            "mock_name"
        );
        assert_eq!(
            field_of(with(json!({"response_status": 42}))),
            "response_status"
        );
        assert_eq!(field_of(with(json!({"error_rate": 150}))), "error_rate");
        assert_eq!(field_of(with(json!({"respone_body": 1}))), "respone_body");
        assert_eq!(
            field_of(with(json!({"mock_priority": "high"}))),
            "mock_priority"
        );
        assert_eq!(
            field_of(with(json!({"mock_mode": "proxy"}))),
            "upstream_url"
        );
        assert_eq!(
            field_of(with(json!({"match_headers": {"X-Env": {"regex": "("}}}))),
            "match_headers.X-Env.regex"
        );
        assert_eq!(
            field_of(with(json!({"variants": [{"weight": 1}, {"weight": -1}]}))),
            "variants[1].weight"
        );
    }

    #[test]
    fn nulls_mean_defaults_and_timestamps_are_ignored() {
        let mock = parse_mock(&with(
            json!({"mock_priority": null, "created_at": "x", "updated_at": 5}),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mock.priority, 100);
    }

    #[test]
    fn serialized_definitions_parse_back_identically() {
        let input = with(json!({
            "match_body": {"jsonpath": "$.a", "regex": "^x"},
            "match_query": {"q": {"present": true}},
            "variants": [{"weight": 2, "response": {"status": 201, "body": {"a": 1}}}],
            "error_rate": 2.5,
        }));
        let first = parse_mock(&input).unwrap_or_else(|e| panic!("{e}"));
        let json = Value::Object(crate::dto::definition_json(&first));
        let second = parse_mock(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Value::Object(crate::dto::definition_json(&second)), json);
    }
}
