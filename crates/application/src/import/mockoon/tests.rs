use serde_json::{json, Value};

use super::convert;
use crate::dto::parse_mock;
use crate::import::{Conversion, ImportError};

fn converted(doc: &Value) -> Conversion {
    let conversion = convert(doc).unwrap_or_else(|e| panic!("{e}"));
    for mock in &conversion.mocks {
        parse_mock(mock).unwrap_or_else(|e| panic!("{e}: {mock}"));
    }
    conversion
}

fn response(status: u16, body: &str, default: bool, rules: Value) -> Value {
    json!({"statusCode": status, "body": body, "default": default, "rules": rules, "rulesOperator": "OR", "headers": [], "label": ""})
}

#[test]
fn routes_become_mocks_and_rule_responses_rank_above_the_default() {
    let env = json!({"uuid": "e", "endpointPrefix": "api", "latency": 10, "headers": [{"key": "Content-Type", "value": "application/json"}], "routes": [
        {"uuid": "r1", "method": "get", "endpoint": "users/:id", "documentation": "User", "responses": [
            response(404, "{\"e\": 1}", false, json!([{"target": "params", "modifier": "id", "value": "0", "operator": "equals"}])),
            response(200, "{\"id\": \"{{urlParam 'id'}}\"}", true, json!([])),
            response(500, "x", false, json!([{"target": "query", "modifier": "fail", "value": "1", "operator": "equals"}, {"target": "header", "modifier": "X-Fail", "value": "", "operator": "null", "invert": true}])),
        ]}
    ]});
    let c = converted(&env);
    assert_eq!(c.mocks.len(), 4, "{:#?}", c.mocks);
    let main = &c.mocks[0];
    assert_eq!(
        (
            main["mock_id"].clone(),
            main["match_path"].clone(),
            main["is_template"].clone()
        ),
        (json!("r1"), json!("/api/users/{id}"), json!(true))
    );
    assert_eq!(main["response_delay_ms"], 10);
    assert_eq!(main["response_headers"]["Content-Type"], "application/json");
    let not_found = &c.mocks[1];
    assert_eq!(
        (
            not_found["match_path"].clone(),
            not_found["mock_priority"].clone()
        ),
        (json!("/api/users/0"), json!(103))
    );
    assert_eq!(not_found["response_body"], json!({"e": 1}));
    assert_eq!(c.mocks[2]["match_query"], json!({"fail": "1"}));
    assert_eq!(
        c.mocks[3]["match_headers"],
        json!({"X-Fail": {"present": true}})
    );
    assert_eq!(c.mocks[3]["mock_priority"], 101);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn random_and_sequential_modes_become_variants() {
    let env = json!({"uuid": "e", "routes": [
        {"uuid": "r", "method": "all", "endpoint": "s", "responseMode": "SEQUENTIAL", "responses": [response(200, "a", true, json!([])), response(201, "b", false, json!([]))]},
        {"uuid": "q", "method": "get", "endpoint": "q", "responseMode": "RANDOM", "responses": [response(200, "a", true, json!([])), response(503, "b", false, json!([]))]},
    ]});
    let c = converted(&env);
    assert_eq!(c.mocks[0]["match_method"], "ANY");
    assert_eq!(c.mocks[0]["variant_mode"], "cycle");
    assert_eq!(c.mocks[0]["variants"][1]["response"]["status"], 201);
    assert_eq!(c.mocks[1]["variant_mode"], "weighted");
    assert_eq!(c.mocks[1]["variants"].as_array().map(Vec::len), Some(2));
}

#[test]
fn what_has_no_equivalent_is_listed_per_route() {
    let env = json!({"uuid": "e", "proxyMode": true, "proxyHost": "http://x", "routes": [
        {"uuid": "c", "type": "crud", "endpoint": "items", "responses": [response(200, "", true, json!([]))]},
        {"uuid": "f", "method": "get", "endpoint": "f", "responses": [
            {"statusCode": 200, "bodyType": "FILE", "filePath": "./data.json", "default": true},
            response(201, "{{setVar 'a' 1}}", false, json!([{"target": "request_number", "value": "2", "operator": "equals"}])),
            response(202, "never", false, json!([])),
        ]},
    ]});
    let c = converted(&env);
    assert_eq!(c.mocks.len(), 1);
    let items: Vec<(&str, &str)> = c
        .warnings
        .iter()
        .map(|w| (w.item.as_str(), w.message.as_str()))
        .collect();
    for (item, fragment) in [
        ("/proxyMode", "http://x"),
        ("c", "crud"),
        ("f", "data.json"),
        ("f", "request_number"),
        ("f", "no rules"),
        ("f", "setVar"),
    ] {
        assert!(
            items
                .iter()
                .any(|(i, m)| *i == item && m.contains(fragment)),
            "{item} {fragment} in {items:#?}"
        );
    }
}

#[test]
fn wrong_types_are_reported_at_their_location() {
    let err =
        convert(&json!({"uuid": "e", "routes": [{"responses": [{"statusCode": "two hundred"}]}]}))
            .unwrap_err();
    assert!(
        matches!(err, ImportError::Invalid { ref location, .. } if location == "/routes/0/responses/0/statusCode"),
        "{err:?}"
    );
}
