use serde_json::{json, Value};

use super::convert;
use crate::dto::parse_mock;
use crate::import::{Conversion, ImportError};

fn converted(doc: Value) -> Conversion {
    let conversion = convert(&doc).unwrap_or_else(|e| panic!("{e}"));
    for mock in &conversion.mocks {
        parse_mock(mock).unwrap_or_else(|e| panic!("{e}: {mock}"));
    }
    conversion
}

#[test]
fn request_fields_become_match_criteria_and_priority_is_inverted() {
    let c = converted(json!({"mappings": [{
        "id": "5b8a3c1e-0000-4000-8000-000000000001",
        "name": "Find orders",
        "priority": 1,
        "request": {
            "method": "POST",
            "url": "/orders/search?page=2&size=10",
            "headers": {"Content-Type": {"contains": "json"}, "X-Env": {"equalTo": "prod", "caseInsensitive": true}},
            "basicAuthCredentials": {"username": "ann", "password": "pw"},
            "bodyPatterns": [{"matchesJsonPath": "$.customer"}, {"equalToJson": {"status": "open"}, "ignoreExtraElements": true}]
        },
        "response": {"status": 200, "jsonBody": {"orders": []}, "headers": {"Content-Type": "application/json"}, "fixedDelayMilliseconds": 150}
    }]}));
    let mock = &c.mocks[0];
    assert_eq!(mock["mock_id"], "5b8a3c1e-0000-4000-8000-000000000001");
    assert_eq!(mock["mock_priority"], 104);
    assert_eq!(mock["match_path"], "/orders/search");
    assert_eq!(mock["match_query"], json!({"page": "2", "size": "10"}));
    assert_eq!(mock["match_headers"]["Authorization"], "Basic YW5uOnB3");
    assert_eq!(
        mock["match_body"],
        json!([{"jsonpath": "$.customer"}, {"json_contains": {"status": "open"}}])
    );
    assert_eq!(mock["response_body"], json!({"orders": []}));
    assert_eq!(mock["response_delay_ms"], 150);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn path_kinds_map_to_exact_template_and_regex_paths() {
    let c = converted(json!({"mappings": [
        {"request": {"urlPath": "/a"}, "response": {}},
        {"request": {"urlPathTemplate": "/users/{id}"}, "response": {}},
        {"request": {"urlPathPattern": "/files/.*\\.txt"}, "response": {}},
        {"request": {"urlPattern": "/search\\?q=.*"}, "response": {}},
        {"request": {}, "response": {}},
    ]}));
    let paths: Vec<&Value> = c.mocks.iter().map(|m| &m["match_path"]).collect();
    assert_eq!(
        paths,
        [
            &json!("/a"),
            &json!("/users/{id}"),
            &json!("^/files/.*\\.txt"),
            &json!("^/search"),
            &json!("^/.*")
        ]
    );
    assert_eq!(c.mocks[0]["match_method"], "ANY");
    assert_eq!(c.mocks[4]["mock_id"], "wiremock-5");
    assert_eq!(
        c.warnings.len(),
        1,
        "the query part of urlPattern is reported"
    );
}

#[test]
fn a_single_stub_document_with_templates_proxy_and_unsupported_parts() {
    let c = converted(json!({
        "request": {"method": "GET", "urlPathPattern": "/echo/.*", "headers": {"X-A": {"doesNotMatch": "x"}}},
        "response": {
            "status": 201,
            "body": "{\"path\": \"{{request.path}}\", \"id\": \"{{randomValue type='UUID'}}\", \"h\": \"{{request.headers.X-A}}\", \"x\": \"{{#if a}}b{{/if}}\"}",
            "headers": {"X-Id": "{{request.pathSegments.[1]}}", "Cache-Control": ["no-cache", "no-store"]},
            "transformers": ["response-template"],
            "delayDistribution": {"type": "uniform", "lower": 10, "upper": 50},
            "fault": "CONNECTION_RESET_BY_PEER"
        },
        "scenarioName": "checkout",
        "postServeActions": [{"name": "webhook"}]
    }));
    let mock = &c.mocks[0];
    assert_eq!(mock["is_template"], true);
    assert!(mock["response_body"]
        .as_str()
        .is_some_and(|b| b.contains("{{ request.path }}") && b.contains("random_uuid()")));
    assert_eq!(
        mock["response_headers"]["Cache-Control"],
        "no-cache, no-store"
    );
    assert_eq!(
        (
            mock["response_delay_ms"].clone(),
            mock["response_delay_max_ms"].clone()
        ),
        (json!(10), json!(50))
    );
    let messages: Vec<&str> = c.warnings.iter().map(|w| w.message.as_str()).collect();
    for expected in [
        "doesNotMatch",
        "{{#if a}}",
        "CONNECTION_RESET_BY_PEER",
        "scenario",
        "webhooks",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "{expected} in {messages:#?}"
        );
    }
    let proxy = converted(
        json!({"request": {"urlPathPattern": "/api/.*"}, "response": {"proxyBaseUrl": "http://127.0.0.1:9/"}}),
    );
    assert_eq!(
        (
            proxy.mocks[0]["mock_mode"].clone(),
            proxy.mocks[0]["upstream_url"].clone()
        ),
        (json!("proxy"), json!("http://127.0.0.1:9/"))
    );
}

#[test]
fn wrong_types_are_reported_at_their_location() {
    let err = convert(&json!({"mappings": [{"request": {}, "response": {}}, {"request": {"method": 5}, "response": {}}]})).unwrap_err();
    match err {
        ImportError::Invalid { location, detail } => {
            assert_eq!(location, "/mappings/1/request/method");
            assert!(detail.contains("expected a string"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert!(convert(&json!({"mappings": {}})).is_err());
}
