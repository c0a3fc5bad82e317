//! The template context as the inspector records it (SPEC §10
//! `template_context`): what the template was given, minus the `state` and
//! `faker` objects. Serialized straight from the request, with no
//! intermediate `serde_json::Value` tree.

use serde::Serialize;
use serde_json::Value;

use super::TemplateRequest;
use crate::inspector::{JsonText, Pairs};

#[derive(Serialize)]
struct ContextJson<'a> {
    request: RequestJson<'a>,
    session_id: Option<&'a str>,
    client_ip: &'a str,
    mock: MockJson<'a>,
    env: EnvJson,
}

#[derive(Serialize)]
struct RequestJson<'a> {
    method: &'a str,
    path: &'a str,
    headers: Pairs<'a, String, String>,
    query: Pairs<'a, String, String>,
    json: Option<Value>,
    body: &'a str,
    path_params: Pairs<'a, String, String>,
    cookies: Pairs<'a, String, String>,
}

#[derive(Serialize)]
struct MockJson<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct EnvJson {
    timestamp: i64,
}

pub fn context_json(r: &TemplateRequest, mock_id: &str, mock_name: &str) -> JsonText {
    // Header names arrive lower-cased from the HTTP layer; a preview may
    // supply any case, so only then is a lower-cased copy made.
    let lowered: Vec<(String, String)>;
    let headers = if r
        .headers
        .iter()
        .any(|(k, _)| k.bytes().any(|b| b.is_ascii_uppercase()))
    {
        lowered = r
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect();
        &lowered
    } else {
        &r.headers
    };
    let cookies = r.cookies();
    let json = if r.body.is_empty() {
        None
    } else {
        serde_json::from_str::<Value>(&r.body).ok()
    };
    JsonText::of(&ContextJson {
        request: RequestJson {
            method: &r.method,
            path: &r.path,
            headers: Pairs::first_values(headers),
            query: Pairs::first_values(&r.query),
            json,
            body: &r.body,
            path_params: Pairs::first_values(&r.path_params),
            cookies: Pairs::first_values(&cookies),
        },
        session_id: r.session_id.as_deref(),
        client_ip: &r.client_ip,
        mock: MockJson {
            id: mock_id,
            name: mock_name,
        },
        env: EnvJson {
            timestamp: chrono::Utc::now().timestamp(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::pairs;
    use serde_json::json;

    #[test]
    fn records_what_the_template_was_given() {
        let request = TemplateRequest {
            method: "POST".into(),
            path: "/orders/9".into(),
            headers: pairs(&[("X-Trace", "t1"), ("cookie", "a=1; b=2"), ("x-trace", "t2")]),
            query: pairs(&[("page", "2"), ("page", "3")]),
            body: r#"{"sku":"A1"}"#.into(),
            path_params: pairs(&[("id", "9")]),
            client_ip: "10.0.0.1".into(),
            session_id: Some("s1".into()),
        };
        let value = context_json(&request, "m1", "Orders").to_value();
        let r = &value["request"];
        assert_eq!(r["headers"], json!({"x-trace": "t1", "cookie": "a=1; b=2"}));
        assert_eq!(r["query"], json!({"page": "2"}));
        assert_eq!(r["json"], json!({"sku": "A1"}));
        assert_eq!(r["cookies"], json!({"a": "1", "b": "2"}));
        assert_eq!(r["path_params"], json!({"id": "9"}));
        assert_eq!(value["session_id"], "s1");
        assert_eq!(value["client_ip"], "10.0.0.1");
        assert_eq!(value["mock"], json!({"id": "m1", "name": "Orders"}));
        assert!(value["env"]["timestamp"].as_i64().unwrap() > 0);
        assert!(value.get("state").is_none() && value.get("faker").is_none());
    }

    #[test]
    fn a_body_that_is_not_json_has_null_json() {
        let request = TemplateRequest {
            body: "plain".into(),
            ..TemplateRequest::default()
        };
        let value = context_json(&request, "m", "n").to_value();
        assert_eq!(value["request"]["json"], Value::Null);
        assert_eq!(value["request"]["body"], "plain");
    }
}
