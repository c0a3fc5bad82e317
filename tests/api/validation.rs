//! Every SPEC §2 bad input: a clear JSON error, and nothing stored.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, TestApp};

async fn assert_rejected(app: &TestApp, body: Value, field: &str, detail_part: &str) {
    let response = app.post_json("/api/admin/mocks", &body).await;
    let error = expect_json(response, 422).await;
    assert_eq!(error["error"], "validation_error", "{error}");
    assert_eq!(error["field"], field, "{error}");
    let detail = error["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(detail_part),
        "detail {detail:?} should mention {detail_part:?}"
    );
    assert_eq!(app.mock_count().await, 0, "nothing stored after {body}");
}

#[tokio::test]
async fn malformed_json_is_400_and_stores_nothing() {
    let app = spawn_app().await;
    let response = app
        .post_raw("/api/admin/mocks", "application/json", "{\"mock_name\": ")
        .await;
    let error = expect_json(response, 400).await;
    assert_eq!(error["error"], "malformed_json");
    assert!(error["detail"].as_str().unwrap().contains("line 1"));
    assert_eq!(app.mock_count().await, 0);
}

#[tokio::test]
async fn non_json_content_type_is_400() {
    let app = spawn_app().await;
    let body = mock_json("/x", json!({})).to_string();
    let error = expect_json(
        app.post_raw("/api/admin/mocks", "text/plain", body).await,
        400,
    )
    .await;
    assert_eq!(error["error"], "unsupported_content_type");
    assert_eq!(app.mock_count().await, 0);
}

#[tokio::test]
async fn missing_required_fields_are_422_naming_the_field() {
    let app = spawn_app().await;
    assert_rejected(
        &app,
        json!({"match_method": "GET", "match_path": "/a"}),
        "mock_name",
        "required",
    )
    .await;
    assert_rejected(
        &app,
        json!({"mock_name": "", "match_method": "GET", "match_path": "/a"}),
        "mock_name",
        "empty",
    )
    .await;
    assert_rejected(
        &app,
        json!({"mock_name": "a", "match_path": "/a"}),
        "match_method",
        "required",
    )
    .await;
    assert_rejected(
        &app,
        json!({"mock_name": "a", "match_method": "GET"}),
        "match_path",
        "required",
    )
    .await;
}

#[tokio::test]
async fn out_of_range_and_wrongly_typed_values_are_422() {
    let app = spawn_app().await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"response_status": 42})),
        "response_status",
        "42",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"error_rate": 150})),
        "error_rate",
        "150",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"error_status_code": 700})),
        "error_status_code",
        "700",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"mock_priority": "high"})),
        "mock_priority",
        "integer",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"mock_enabled": "yes"})),
        "mock_enabled",
        "true or false",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"response_delay_ms": -1})),
        "response_delay_ms",
        "between",
    )
    .await;
    assert_rejected(
        &app,
        mock_json(
            "/a",
            json!({"response_delay_ms": 10, "response_delay_max_ms": 5}),
        ),
        "response_delay_max_ms",
        "greater",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"rate_limit_requests": 0})),
        "rate_limit_requests",
        "between",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"timeout_seconds": 0})),
        "timeout_seconds",
        "above 0",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"mock_mode": "record"})),
        "mock_mode",
        "one of",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"rate_limit_scope": "user"})),
        "rate_limit_scope",
        "one of",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"variant_mode": "random"})),
        "variant_mode",
        "one of",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"mock_tags": ["ok", 3]})),
        "mock_tags[1]",
        "string",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"response_headers": {"X-A": 1}})),
        "response_headers.X-A",
        "string",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"response_headers": {"Bad Name": "x"}})),
        "response_headers.Bad Name",
        "header",
    )
    .await;
}

#[tokio::test]
async fn empty_or_invalid_mock_id_is_422() {
    let app = spawn_app().await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"mock_id": ""})),
        "mock_id",
        "1 to 128",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"mock_id": "a/b"})),
        "mock_id",
        "1 to 128",
    )
    .await;
}

#[tokio::test]
async fn unknown_fields_are_422_with_a_suggestion() {
    let app = spawn_app().await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"respone_body": "x"})),
        "respone_body",
        "response_body",
    )
    .await;
}

#[tokio::test]
async fn read_only_timestamps_are_accepted_and_ignored() {
    let app = spawn_app().await;
    let created = app
        .create_mock(mock_json(
            "/a",
            json!({"created_at": "2001-01-01T00:00:00Z", "updated_at": "nonsense"}),
        ))
        .await;
    assert!(!created["created_at"].as_str().unwrap().starts_with("2001"));
}

#[tokio::test]
async fn bad_regexes_and_paths_are_422_with_the_regex_error() {
    let app = spawn_app().await;
    assert_rejected(&app, mock_json("^/a/(", json!({})), "match_path", "regex").await;
    assert_rejected(
        &app,
        mock_json("no-slash", json!({})),
        "match_path",
        "start with",
    )
    .await;
    assert_rejected(
        &app,
        mock_json(
            "/a",
            json!({"match_headers": {"X-Env": {"regex": "[z-a]"}}}),
        ),
        "match_headers.X-Env.regex",
        "regex",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"match_query": {"q": {"like": "x"}}})),
        "match_query.q.like",
        "unknown matcher",
    )
    .await;
    assert_rejected(
        &app,
        mock_json("/a", json!({"match_body": {"regex": "(("}})),
        "match_body.regex",
        "regex",
    )
    .await;
    assert_rejected(
        &app,
        mock_json(
            "/a",
            json!({"match_body": [{"contains": "a"}, {"jsonpath": "$[bad"}]}),
        ),
        "match_body[1].jsonpath",
        "JSONPath",
    )
    .await;
}

#[tokio::test]
async fn proxy_modes_require_an_upstream_url() {
    let app = spawn_app().await;
    for mode in ["proxy", "proxy-with-fallback", "passthrough"] {
        assert_rejected(
            &app,
            mock_json("/a", json!({"mock_mode": mode})),
            "upstream_url",
            "required",
        )
        .await;
    }
    assert_rejected(
        &app,
        mock_json(
            "/a",
            json!({"mock_mode": "proxy", "upstream_url": "ftp://x"}),
        ),
        "upstream_url",
        "http",
    )
    .await;
}

#[tokio::test]
async fn variant_errors_name_the_nested_field() {
    let app = spawn_app().await;
    let variants =
        json!([{"weight": 1, "response": {"status": 200}}, {"weight": -5, "response": {}}]);
    assert_rejected(
        &app,
        mock_json("/a", json!({"variants": variants})),
        "variants[1].weight",
        "between",
    )
    .await;
    let variants = json!([{"weight": 1, "response": {"status": 42}}]);
    assert_rejected(
        &app,
        mock_json("/a", json!({"variants": variants})),
        "variants[0].response.status",
        "42",
    )
    .await;
    let variants = json!([{"weight": 0, "response": {}}, {"weight": 0, "response": {}}]);
    assert_rejected(
        &app,
        mock_json("/a", json!({"variants": variants})),
        "variants",
        "weight",
    )
    .await;
    let variants = json!([{"wieght": 1}]);
    assert_rejected(
        &app,
        mock_json("/a", json!({"variants": variants})),
        "variants[0].wieght",
        "weight",
    )
    .await;
}

#[tokio::test]
async fn a_json_body_that_is_not_an_object_is_422() {
    let app = spawn_app().await;
    let error = expect_json(app.post_json("/api/admin/mocks", &json!([1, 2])).await, 422).await;
    assert_eq!(error["error"], "validation_error");
    assert_eq!(app.mock_count().await, 0);
}

#[tokio::test]
async fn duplicate_id_is_409_and_keeps_the_original() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/a",
        json!({"mock_id": "dup", "mock_name": "first"}),
    ))
    .await;
    let error = expect_json(
        app.post_json(
            "/api/admin/mocks",
            &mock_json("/b", json!({"mock_id": "dup"})),
        )
        .await,
        409,
    )
    .await;
    assert_eq!(error["error"], "duplicate");
    let stored = expect_json(app.get("/api/admin/mocks/dup").await, 200).await;
    assert_eq!(stored["mock_name"], "first");
    assert_eq!(app.mock_count().await, 1);
}

#[tokio::test]
async fn unknown_id_is_404_on_every_endpoint() {
    let app = spawn_app().await;
    assert_eq!(
        expect_json(app.get("/api/admin/mocks/missing").await, 404).await["error"],
        "not_found"
    );
    let resp = app
        .send_json(Method::PUT, "/api/admin/mocks/missing", &json!({}))
        .await;
    assert_eq!(resp.status().as_u16(), 404);
}

#[tokio::test]
async fn an_invalid_update_changes_nothing() {
    let app = spawn_app().await;
    let before = app
        .create_mock(mock_json(
            "/a",
            json!({"mock_id": "keep", "response_status": 201}),
        ))
        .await;
    let error = expect_json(
        app.send_json(
            Method::PATCH,
            "/api/admin/mocks/keep",
            &json!({"response_status": 42, "mock_name": "x"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(error["field"], "response_status");
    let malformed = app
        .client
        .patch(app.url("/api/admin/mocks/keep"))
        .header("Content-Type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status().as_u16(), 400);
    let after = expect_json(app.get("/api/admin/mocks/keep").await, 200).await;
    assert_eq!(after, before);
}
