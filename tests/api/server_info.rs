//! `GET /api/admin/server-info`: what the Settings page shows about the server.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{expect_json, mock_json, spawn_app, spawn_app_with};

#[tokio::test]
async fn server_info_reports_version_database_address_mocks_and_an_open_admin_api() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({}))).await;
    app.create_mock(mock_json("/b", json!({}))).await;

    let info = expect_json(app.get("/api/admin/server-info").await, 200).await;
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["database"]["kind"], "sqlite");
    assert_eq!(
        info["database"]["location"],
        app.db_path.to_str().expect("utf-8 path")
    );
    let port = app.address.rsplit(':').next().expect("a port");
    assert_eq!(info["listen_address"], format!("127.0.0.1:{port}"));
    assert_eq!(info["mocks"], 2);
    assert_eq!(info["api_key_required"], false);
    assert_eq!(info["inspector"]["enabled"], true);
    assert_eq!(info["inspector"]["dropped"], 0);
    assert!(info["uptime_seconds"].as_u64().is_some(), "{info}");
    let started = info["started_at"].as_str().expect("started_at");
    assert!(
        chrono::DateTime::parse_from_rfc3339(started).is_ok(),
        "{started}"
    );
}

#[tokio::test]
async fn server_info_counts_dropped_inspector_entries() {
    let app = spawn_app_with(|c| c.inspector_queue_bytes = 1).await;
    app.create_mock(mock_json("/big", json!({}))).await;
    for _ in 0..3 {
        assert_eq!(app.get("/big").await.status().as_u16(), 200);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let info = expect_json(app.get("/api/admin/server-info").await, 200).await;
    assert_eq!(info["inspector"]["dropped"], 3);
    assert_eq!(info["inspector"]["written"], 0);
}

#[tokio::test]
async fn server_info_needs_the_key_once_one_is_configured_and_never_shows_it() {
    let app = spawn_app_with(|c| c.api_key = Some("boot-secret-value".into())).await;
    let refused = app.get("/api/admin/server-info").await;
    assert_eq!(refused.status().as_u16(), 401);

    let response = app
        .client
        .get(app.url("/api/admin/server-info"))
        .header("X-API-Key", "boot-secret-value")
        .send()
        .await
        .expect("request sent");
    let text = response.text().await.expect("body");
    assert!(!text.contains("boot-secret-value"), "{text}");
    let info: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(info["api_key_required"], true);
}

#[tokio::test]
async fn server_info_accepts_only_get() {
    let app = spawn_app().await;
    let response = app.post_json("/api/admin/server-info", &json!({})).await;
    assert!(
        [404, 405].contains(&response.status().as_u16()),
        "{}",
        response.status()
    );
}
