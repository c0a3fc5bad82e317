//! One Mockoon route → its mocks.

use serde_json::{json, Map, Value};

use super::environment::{Environment, Route, RouteResponse};
use super::templates;
use super::{paths, rules};
use crate::import::ids::IdAllocator;
use crate::import::jinja::translate_response;
use crate::import::Conversion;

/// A response as a mock (or a variant) gives it.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
    is_template: bool,
    delay_ms: u64,
}

pub fn convert(
    env: &Environment,
    route: &Route,
    index: usize,
    ids: &mut IdAllocator,
    out: &mut Conversion,
) {
    let kind = route.kind.as_deref().unwrap_or("http");
    let fallback = format!("mockoon-{}", index + 1);
    let id = ids.unique(if route.uuid.is_empty() {
        &fallback
    } else {
        &route.uuid
    });
    if kind != "http" {
        out.warn(
            &id,
            format!("{kind} routes have no Mimicus equivalent; the route was not imported"),
        );
        return;
    }
    let Some(default_index) = route
        .responses
        .iter()
        .position(|r| r.default)
        .or((!route.responses.is_empty()).then_some(0))
    else {
        out.warn(&id, "the route has no responses; it was not imported");
        return;
    };
    let method = match route.method.to_ascii_uppercase().as_str() {
        "ALL" | "" => "ANY".to_string(),
        m => m.to_string(),
    };
    let path = paths::match_path(&env.endpoint_prefix, &route.endpoint, &[]);
    let name = if route.documentation.trim().is_empty() {
        format!("{method} {path}")
    } else {
        route.documentation.trim().to_string()
    };
    let mut replies = Vec::new();
    for response in &route.responses {
        replies.push(reply(env, response, &mut |m| out.warn(&id, m)));
    }
    let base = json!({"mock_name": name, "match_method": method, "match_path": path});
    let mode = route.response_mode.as_deref().unwrap_or("");
    if matches!(mode, "RANDOM" | "SEQUENTIAL") && replies.len() > 1 {
        let mut mock = with_reply(&base, &id, &replies[default_index]);
        mock["variants"] = Value::Array(replies.iter().map(variant).collect());
        mock["variant_mode"] = json!(if mode == "RANDOM" {
            "weighted"
        } else {
            "cycle"
        });
        out.mocks.push(mock);
        return;
    }
    out.mocks
        .push(with_reply(&base, &id, &replies[default_index]));
    if mode == "DISABLE_RULES" {
        return;
    }
    let count = route.responses.len();
    for (position, response) in route
        .responses
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != default_index)
    {
        let label = if response.label.trim().is_empty() {
            response.status_code.to_string()
        } else {
            response.label.trim().to_string()
        };
        if response.rules.is_empty() {
            out.warn(&id, format!("response \"{label}\" has no rules, so Mockoon serves it only in random or sequential mode; it was not imported"));
            continue;
        }
        let (sets, problems) = rules::criteria(&response.rules, response.rules_operator.as_deref());
        for problem in problems {
            out.warn(&id, format!("response \"{label}\": {problem}"));
        }
        for (k, criteria) in sets.into_iter().enumerate() {
            let suffix = if k == 0 {
                format!("{id}-{position}")
            } else {
                format!("{id}-{position}-{k}")
            };
            let mut mock = with_reply(&base, &ids.unique(&suffix), &replies[position]);
            mock["mock_name"] = json!(format!("{name} ({label})"));
            // Earlier responses win in Mockoon, so they rank higher here.
            mock["mock_priority"] = json!(100 + count - position);
            mock["match_path"] = json!(paths::match_path(
                &env.endpoint_prefix,
                &route.endpoint,
                &criteria.params
            ));
            if !criteria.headers.is_empty() {
                mock["match_headers"] = Value::Object(criteria.headers);
            }
            if !criteria.query.is_empty() {
                mock["match_query"] = Value::Object(criteria.query);
            }
            if !criteria.body.is_empty() {
                mock["match_body"] = Value::Array(criteria.body);
            }
            out.mocks.push(mock);
        }
    }
}

fn with_reply(base: &Value, id: &str, reply: &Reply) -> Value {
    let mut mock = base.clone();
    mock["mock_id"] = json!(id);
    mock["response_status"] = json!(reply.status);
    mock["response_headers"] = headers_json(&reply.headers);
    mock["response_body"] = reply.body.clone();
    mock["is_template"] = json!(reply.is_template);
    mock["response_delay_ms"] = json!(reply.delay_ms);
    mock
}

fn variant(reply: &Reply) -> Value {
    json!({"weight": 1, "response": {
        "status": reply.status,
        "headers": headers_json(&reply.headers),
        "body": reply.body,
        "is_template": reply.is_template,
        "delay_ms": reply.delay_ms,
    }})
}

fn headers_json(headers: &[(String, String)]) -> Value {
    Value::Object(
        headers
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect::<Map<_, _>>(),
    )
}

fn reply(env: &Environment, response: &RouteResponse, warn: &mut dyn FnMut(String)) -> Reply {
    let mut headers: Vec<(String, String)> = Vec::new();
    for h in env
        .headers
        .iter()
        .chain(&response.headers)
        .filter(|h| !h.key.is_empty())
    {
        headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&h.key));
        headers.push((h.key.clone(), h.value.clone()));
    }
    let text = match response.body_type.as_deref().unwrap_or("INLINE") {
        "FILE" => {
            warn(format!("the body of response {} is the file \"{}\", which is not part of the environment; paste it into the mock", response.status_code, response.file_path));
            String::new()
        }
        "DATABUCKET" => match env.data.iter().find(|d| d.id == response.databucket_id) {
            Some(bucket) => bucket.value.clone(),
            None => {
                warn(format!(
                    "data bucket \"{}\" is not in the environment",
                    response.databucket_id
                ));
                String::new()
            }
        },
        _ => response.body.clone(),
    };
    for _ in &response.callbacks {
        warn("callbacks have no Mimicus equivalent and were dropped".into());
    }
    let mut reply = Reply {
        status: if response.status_code == 0 {
            200
        } else {
            response.status_code
        },
        body: json_or_text(&text),
        headers,
        is_template: false,
        delay_ms: env.latency + response.latency,
    };
    let templated = text.contains("{{") || reply.headers.iter().any(|(_, v)| v.contains("{{"));
    if templated && !response.disable_templating {
        let t = translate_response(&text, &reply.headers, &templates::helper);
        for tag in &t.unsupported {
            warn(format!(
                "template tag {tag} has no Mimicus equivalent and is sent as written"
            ));
        }
        if t.is_template {
            (reply.body, reply.headers, reply.is_template) = (json!(t.body), t.headers, true);
        }
    }
    reply
}

/// A JSON body is kept as JSON (readable in exports); anything else as text.
fn json_or_text(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(v @ (Value::Object(_) | Value::Array(_))) if !text.contains("{{") => v,
        _ => json!(text),
    }
}
