//! `GET /metrics` (SPEC §1).

use std::time::Duration;

use serde_json::json;

use crate::helpers::{mock_json, spawn_app, spawn_app_with, TestApp};

async fn metric(app: &TestApp, name: &str) -> f64 {
    let text = app.get("/metrics").await.text().await.unwrap();
    text.lines()
        .find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} missing in:\n{text}"))
}

#[tokio::test]
async fn metrics_count_outcomes_latency_mocks_and_inspector_writes() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/m", json!({}))).await;
    app.create_mock(mock_json(
        "/t",
        json!({"is_template": true, "response_body": "{{ json_loads('x') }}"}),
    ))
    .await;
    for _ in 0..3 {
        app.get("/m").await;
    }
    app.get("/nope").await;
    app.get("/t").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let response = app.get("/metrics").await;
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(
        metric(&app, "mimicus_requests_total{outcome=\"matched\"}").await,
        3.0
    );
    assert_eq!(
        metric(&app, "mimicus_requests_total{outcome=\"unmatched\"}").await,
        1.0
    );
    assert_eq!(
        metric(&app, "mimicus_requests_total{outcome=\"template_error\"}").await,
        1.0
    );
    assert_eq!(
        metric(&app, "mimicus_request_duration_seconds_count").await,
        5.0
    );
    assert_eq!(metric(&app, "mimicus_mocks").await, 2.0);
    assert_eq!(metric(&app, "mimicus_inspector_written_total").await, 5.0);
    assert_eq!(metric(&app, "mimicus_inspector_dropped_total").await, 0.0);
    assert_eq!(metric(&app, "mimicus_inspector_queue_depth").await, 0.0);
    assert_eq!(metric(&app, "mimicus_inspector_queue_bytes").await, 0.0);
}

#[tokio::test]
async fn a_full_queue_drops_entries_but_never_fails_a_response() {
    let app = spawn_app_with(|c| c.inspector_queue_capacity = 1).await;
    app.create_mock(mock_json("/busy", json!({}))).await;
    let requests = (0..300).map(|_| app.client.get(app.url("/busy")).send());
    for response in futures_util::future::join_all(requests).await {
        assert_eq!(response.unwrap().status().as_u16(), 200);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let dropped = metric(&app, "mimicus_inspector_dropped_total").await;
    let written = metric(&app, "mimicus_inspector_written_total").await;
    assert!(dropped > 0.0, "some entries must have been dropped");
    assert_eq!(
        dropped + written,
        300.0,
        "every entry is either written or counted as dropped"
    );
}

#[tokio::test]
async fn entries_larger_than_the_queue_byte_limit_are_dropped_not_stored() {
    let app = spawn_app_with(|c| c.inspector_queue_bytes = 1).await;
    app.create_mock(mock_json("/big", json!({}))).await;
    for _ in 0..3 {
        assert_eq!(app.get("/big").await.status().as_u16(), 200);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(metric(&app, "mimicus_inspector_dropped_total").await, 3.0);
    assert_eq!(metric(&app, "mimicus_inspector_written_total").await, 0.0);
    assert_eq!(metric(&app, "mimicus_inspector_queue_bytes").await, 0.0);
    let listed = app.get("/api/admin/inspector/requests").await;
    let body: serde_json::Value = listed.json().await.unwrap();
    assert_eq!(body["count"], 0, "nothing stored");
}
