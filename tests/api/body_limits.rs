//! Body size limit (SPEC §2): 413 JSON above it, accepted below.

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, spawn_app_with};

#[tokio::test]
async fn bodies_over_the_configured_limit_are_413_on_admin_and_surface() {
    let app = spawn_app_with(|c| c.body_limit = 1024).await;
    app.create_mock(mock_json("/upload", json!({"match_method": "POST"})))
        .await;
    let big = "x".repeat(2048);
    let admin = app
        .post_json(
            "/api/admin/mocks",
            &mock_json("/big", json!({"response_body": big})),
        )
        .await;
    let error = expect_json(admin, 413).await;
    assert_eq!(error["error"], "payload_too_large");
    assert_eq!(app.mock_count().await, 1, "nothing stored");
    let surface = app.post_raw("/upload", "text/plain", big.clone()).await;
    assert_eq!(
        expect_json(surface, 413).await["error"],
        "payload_too_large"
    );
    let small = app.post_raw("/upload", "text/plain", "x".repeat(512)).await;
    assert_eq!(small.status().as_u16(), 200);
}

#[tokio::test]
async fn a_refused_oversize_surface_request_is_still_logged() {
    let app = spawn_app_with(|c| c.body_limit = 1024).await;
    let refused = app
        .post_raw("/upload", "text/plain", "x".repeat(4096))
        .await;
    assert_eq!(refused.status().as_u16(), 413);
    let logs = app.inspector_logs("/api/admin/inspector/requests", 1).await["logs"].clone();
    let entry = &logs[0];
    assert_eq!(entry["request_path"], "/upload");
    assert_eq!(entry["response_status"], 413);
    assert_eq!(entry["outcome"], "unmatched");
    assert_eq!(entry["request_body"], "");
    assert_eq!(entry["request_body_truncated"], true);
    assert_eq!(entry["matched_mock_id"], Value::Null);
}

#[tokio::test]
async fn default_limit_accepts_three_mib_and_refuses_eleven() {
    let app = spawn_app().await;
    let three_mib = "y".repeat(3 * 1024 * 1024);
    let created = app
        .create_mock(mock_json(
            "/big",
            json!({"match_method": "POST", "response_body": three_mib}),
        ))
        .await;
    assert_eq!(
        created["response_body"].as_str().unwrap().len(),
        3 * 1024 * 1024
    );
    let served = app
        .post_raw("/big", "text/plain", "z".repeat(3 * 1024 * 1024))
        .await;
    assert_eq!(served.status().as_u16(), 200);
    assert_eq!(served.text().await.unwrap().len(), 3 * 1024 * 1024);
    let too_big = app
        .post_raw("/big", "text/plain", "z".repeat(11 * 1024 * 1024))
        .await;
    assert_eq!(too_big.status().as_u16(), 413);
}
