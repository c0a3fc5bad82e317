//! A stub's `response` → status, headers, body (templated where WireMock's
//! Handlebars has a Jinja equivalent), delays and proxying.

use base64::Engine as _;
use serde_json::{json, Map, Value};

use super::stub::Response;
use super::templates;
use crate::import::jinja::translate_response;

pub fn convert(response: &Response, mock: &mut Map<String, Value>, warn: &mut dyn FnMut(String)) {
    mock.insert(
        "response_status".into(),
        json!(response.status.unwrap_or(200)),
    );
    let headers: Vec<(String, String)> = response
        .headers
        .iter()
        .flatten()
        .map(|(name, value)| (name.clone(), header_value(value)))
        .collect();
    let body = body(response, warn);
    let templated = response
        .transformers
        .as_ref()
        .is_some_and(|t| t.iter().any(|t| t == "response-template"))
        || body.text().contains("{{")
        || headers.iter().any(|(_, v)| v.contains("{{"));
    let mut body_value = body.value();
    let mut is_template = false;
    let mut headers = headers;
    if templated {
        let translated = translate_response(&body.text(), &headers, &templates::helper);
        for tag in &translated.unsupported {
            warn(format!(
                "template tag {tag} has no Mimicus equivalent and is sent as written"
            ));
        }
        if translated.is_template {
            is_template = true;
            body_value = json!(translated.body);
            headers = translated.headers;
        }
    }
    let rendered_headers: Map<String, Value> =
        headers.into_iter().map(|(k, v)| (k, json!(v))).collect();
    mock.insert("response_headers".into(), Value::Object(rendered_headers));
    mock.insert("response_body".into(), body_value);
    mock.insert("is_template".into(), json!(is_template));
    delays(response, mock, warn);
    if let Some(url) = &response.proxy_base_url {
        mock.insert("mock_mode".into(), json!("proxy"));
        mock.insert("upstream_url".into(), json!(url));
    }
    if let Some(fault) = &response.fault {
        warn(format!(
            "fault {fault} (a broken connection) has no equivalent; the mock answers normally"
        ));
    }
    for t in response
        .transformers
        .iter()
        .flatten()
        .filter(|t| *t != "response-template")
    {
        warn(format!("response transformer \"{t}\" has no equivalent"));
    }
    for key in response
        .other
        .keys()
        .filter(|k| k.as_str() != "transformerParameters")
    {
        warn(format!(
            "response field \"{key}\" is not supported and was ignored"
        ));
    }
}

enum Body {
    Json(Value),
    Text(String),
}

impl Body {
    fn text(&self) -> String {
        match self {
            Self::Json(v) => v.to_string(),
            Self::Text(t) => t.clone(),
        }
    }

    fn value(&self) -> Value {
        match self {
            Self::Json(v) => v.clone(),
            Self::Text(t) => json!(t),
        }
    }
}

fn body(response: &Response, warn: &mut dyn FnMut(String)) -> Body {
    if let Some(v) = &response.json_body {
        return Body::Json(v.clone());
    }
    if let Some(text) = &response.body {
        return Body::Text(text.clone());
    }
    if let Some(encoded) = &response.base64_body {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok();
        match decoded.and_then(|bytes| String::from_utf8(bytes).ok()) {
            Some(text) => return Body::Text(text),
            None => warn("base64Body is binary; Mimicus bodies are text, so it was dropped".into()),
        }
    }
    if let Some(file) = &response.body_file_name {
        warn(format!("bodyFileName \"{file}\" refers to a file outside the mappings; paste its content into the mock's response_body"));
    }
    Body::Text(String::new())
}

fn header_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(header_value)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn delays(response: &Response, mock: &mut Map<String, Value>, warn: &mut dyn FnMut(String)) {
    let fixed = response.fixed_delay_milliseconds.unwrap_or(0);
    let Some(dist) = &response.delay_distribution else {
        if fixed > 0 {
            mock.insert("response_delay_ms".into(), json!(fixed));
        }
        return;
    };
    let num = |key: &str| {
        dist.get(key)
            .and_then(Value::as_f64)
            .map(|n| n.max(0.0) as u64)
    };
    match dist.get("type").and_then(Value::as_str) {
        Some("uniform") => {
            let (lower, upper) = (num("lower").unwrap_or(0), num("upper").unwrap_or(0));
            mock.insert("response_delay_ms".into(), json!(fixed + lower));
            mock.insert(
                "response_delay_max_ms".into(),
                json!(fixed + upper.max(lower)),
            );
        }
        Some("fixed") => {
            mock.insert(
                "response_delay_ms".into(),
                json!(fixed + num("milliseconds").unwrap_or(0)),
            );
        }
        other => {
            let median = num("median").unwrap_or(0);
            mock.insert("response_delay_ms".into(), json!(fixed + median));
            warn(format!(
                "delay distribution {} is approximated by a fixed delay of its median",
                other.unwrap_or("?")
            ));
        }
    }
}
