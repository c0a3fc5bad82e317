//! The unmatched 404 explains up to three near misses (SPEC §4).

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app};

fn reasons(body: &Value) -> Vec<String> {
    body["near_misses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["reason"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn unmatched_request_gets_the_established_404_body() {
    let app = spawn_app().await;
    let body = expect_json(app.get("/nothing").await, 404).await;
    assert_eq!(body["error"], "No matching mock found");
    assert_eq!(body["method"], "GET");
    assert_eq!(body["path"], "/nothing");
    assert_eq!(body["near_misses"], json!([]));
}

#[tokio::test]
async fn header_reason_names_header_expected_and_actual() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/env",
        json!({"mock_id": "env", "mock_name": "Env", "match_headers": {"X-Env": "prod"}}),
    ))
    .await;
    let response = app
        .client
        .get(app.url("/env"))
        .header("X-Env", "dev")
        .send()
        .await
        .unwrap();
    let body = expect_json(response, 404).await;
    assert_eq!(body["near_misses"][0]["mock_id"], "env");
    assert_eq!(body["near_misses"][0]["mock_name"], "Env");
    assert_eq!(
        body["near_misses"][0]["reason"],
        "header X-Env: expected \"prod\", got \"dev\""
    );
}

#[tokio::test]
async fn method_query_body_and_content_type_reasons() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/m", json!({"match_method": "POST"})))
        .await;
    let body = expect_json(app.get("/m").await, 404).await;
    assert_eq!(reasons(&body), vec!["method: expected POST, got GET"]);

    let app = spawn_app().await;
    app.create_mock(mock_json("/q", json!({"match_query": {"page": "2"}})))
        .await;
    let body = expect_json(app.get("/q?page=3").await, 404).await;
    assert_eq!(
        reasons(&body),
        vec!["query page: expected \"2\", got \"3\""]
    );

    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/b",
        json!({"match_method": "POST", "match_body": {"jsonpath": "$.sku", "equals": "A1"}}),
    ))
    .await;
    let body = expect_json(
        app.post_raw("/b", "application/json", r#"{"sku":"B2"}"#)
            .await,
        404,
    )
    .await;
    let reason = &reasons(&body)[0];
    assert!(
        reason.starts_with("body: expected $.sku = \"A1\""),
        "{reason}"
    );

    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/ct",
        json!({"match_method": "POST", "match_content_type": "application/json"}),
    ))
    .await;
    let body = expect_json(app.post_raw("/ct", "text/plain", "x").await, 404).await;
    assert_eq!(
        reasons(&body),
        vec!["content-type: expected application/json, got text/plain"]
    );
}

#[tokio::test]
async fn same_path_mocks_come_first_and_at_most_three_are_listed() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/api/other", json!({"mock_id": "other-path"})))
        .await;
    app.create_mock(mock_json(
        "/api/users/{id}",
        json!({"mock_id": "wrong-method", "match_method": "DELETE"}),
    ))
    .await;
    app.create_mock(mock_json(
        "/api/users/{id}",
        json!({"mock_id": "wrong-header", "match_headers": {"X-A": "1"}}),
    ))
    .await;
    app.create_mock(mock_json("/zzz", json!({"mock_id": "far-away"})))
        .await;
    app.create_mock(mock_json("/api/users", json!({"mock_id": "close-path"})))
        .await;
    let body = expect_json(app.get("/api/users/7").await, 404).await;
    let ids: Vec<&str> = body["near_misses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["mock_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["wrong-header", "wrong-method", "close-path"]);
    assert_eq!(
        reasons(&body)[2],
        "path: expected /api/users, got /api/users/7"
    );
}

#[tokio::test]
async fn each_near_miss_lists_every_criterion_with_expected_and_actual() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/orders/{id}",
        json!({
            "mock_id": "orders",
            "match_method": "POST",
            "match_headers": {"X-Env": "prod"},
            "match_query": {"page": {"regex": "^[0-9]+$"}},
            "match_body": [{"jsonpath": "$.total", "equals": 10}, {"contains": "EUR"}],
        }),
    ))
    .await;
    let response = app
        .client
        .post(app.url("/orders/7?page=2"))
        .header("X-Env", "dev")
        .header("Content-Type", "application/json")
        .body(r#"{"total":12,"currency":"EUR"}"#)
        .send()
        .await
        .unwrap();
    let body = expect_json(response, 404).await;
    let miss = &body["near_misses"][0];
    assert_eq!(
        miss["reason"], "header X-Env: expected \"prod\", got \"dev\"",
        "the established sentence is kept"
    );
    assert_eq!(
        miss["checks"],
        json!([
            {"field": "match_method", "expected": "POST", "actual": "POST", "passed": true},
            {"field": "match_path", "expected": "/orders/{id}", "actual": "/orders/7", "passed": true},
            {"field": "match_headers.X-Env", "expected": "\"prod\"", "actual": "\"dev\"", "passed": false},
            {"field": "match_query.page", "expected": "matches /^[0-9]+$/", "actual": "\"2\"", "passed": true},
            {"field": "match_body[0]", "expected": "$.total = 10", "actual": "12", "passed": false},
            {"field": "match_body[1]", "expected": "contains \"EUR\"",
             "actual": "\"{\"total\":12,\"currency\":\"EUR\"}\"", "passed": true},
        ])
    );
}

#[tokio::test]
async fn the_inspector_entry_of_an_unmatched_request_keeps_the_checks() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/env",
        json!({"mock_id": "env", "match_headers": {"X-Env": "prod"}}),
    ))
    .await;
    expect_json(app.get("/env").await, 404).await;
    let logs = app.inspector_logs("/api/admin/inspector/requests", 1).await;
    let miss = &logs["logs"][0]["near_misses"][0];
    assert_eq!(miss["mock_id"], "env");
    assert_eq!(
        miss["reason"],
        "header X-Env: expected \"prod\", got nothing"
    );
    assert_eq!(
        miss["checks"][2],
        json!({"field": "match_headers.X-Env", "expected": "\"prod\"", "actual": "absent", "passed": false})
    );
    let detail = expect_json(
        app.get(&format!(
            "/api/admin/inspector/requests/{}",
            logs["logs"][0]["log_id"]
        ))
        .await,
        200,
    )
    .await;
    assert_eq!(detail["near_misses"], logs["logs"][0]["near_misses"]);
}
