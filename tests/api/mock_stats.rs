//! `GET /api/admin/mocks/stats`: hits and last hit time per mock (SPEC §12).

use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, spawn_app_with, start_binary, TestApp};

async fn stats(app: &TestApp) -> Value {
    expect_json(app.get("/api/admin/mocks/stats").await, 200).await
}

fn entry<'a>(stats: &'a Value, id: &str) -> &'a Value {
    stats["stats"]
        .as_array()
        .expect("stats array")
        .iter()
        .find(|s| s["mock_id"] == id)
        .unwrap_or_else(|| panic!("no stats for {id}: {stats}"))
}

#[tokio::test]
async fn every_mock_is_listed_with_zero_hits_until_it_serves() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    let body = stats(&app).await;
    assert_eq!(body["stats"].as_array().unwrap().len(), 1);
    assert_eq!(entry(&body, "a")["hits"], 0);
    assert_eq!(entry(&body, "a")["last_hit_at"], Value::Null);
}

#[tokio::test]
async fn matched_requests_count_at_once_and_unmatched_ones_count_for_no_mock() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    app.create_mock(mock_json("/b", json!({"mock_id": "b"})))
        .await;
    let before = chrono_now();
    for _ in 0..3 {
        assert_eq!(app.get("/a").await.status(), 200);
    }
    assert_eq!(app.get("/nothing-here").await.status(), 404);
    // Read straight away: pending hits are included before they are stored.
    let body = stats(&app).await;
    assert_eq!(entry(&body, "a")["hits"], 3);
    assert_eq!(entry(&body, "b")["hits"], 0);
    let last = entry(&body, "a")["last_hit_at"].as_str().expect("a time");
    assert!(last >= before.as_str(), "{last} is not after {before}");
}

#[tokio::test]
async fn simulated_errors_and_rate_limited_requests_are_hits_too() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/flaky",
        json!({"mock_id": "flaky", "error_rate": 100, "rate_limit_requests": 1}),
    ))
    .await;
    assert_eq!(app.get("/flaky").await.status(), 500);
    assert_eq!(app.get("/flaky").await.status(), 429);
    assert_eq!(entry(&stats(&app).await, "flaky")["hits"], 2);
}

/// Mock "a" with one hit stored (past a flush period) and one pending.
async fn app_with_stored_and_pending_hits() -> TestApp {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    app.get("/a").await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    app.get("/a").await;
    app
}

#[tokio::test]
async fn stored_counts_and_new_hits_add_up_after_the_periodic_flush() {
    let app = app_with_stored_and_pending_hits().await;
    assert_eq!(entry(&stats(&app).await, "a")["hits"], 2);
}

#[tokio::test]
async fn deleting_a_mock_drops_its_counts() {
    let app = app_with_stored_and_pending_hits().await;
    let deleted = app
        .client
        .delete(app.url("/api/admin/mocks/a"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert!(stats(&app).await["stats"].as_array().unwrap().is_empty());
    // Re-created under the same id it starts from zero, also after a flush.
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(entry(&stats(&app).await, "a")["hits"], 0);
}

#[tokio::test]
async fn counts_are_not_mock_fields() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    app.get("/a").await;
    let mock = expect_json(app.get("/api/admin/mocks/a").await, 200).await;
    assert!(mock.get("hits").is_none() && mock.get("last_hit_at").is_none());
    let export = app.export().await;
    assert!(export["mocks"][0].get("hits").is_none());
}

#[tokio::test]
async fn stats_need_the_api_key_once_one_is_set() {
    let app = spawn_app_with(|c| c.api_key = Some("s3cret-key-for-stats".into())).await;
    assert_eq!(app.get("/api/admin/mocks/stats").await.status(), 401);
    let ok = app
        .client
        .get(app.url("/api/admin/mocks/stats"))
        .header("X-API-Key", "s3cret-key-for-stats")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
}

#[tokio::test]
async fn counts_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stats.db");
    let client = reqwest::Client::new();
    let first = start_binary(&db, &[]);
    let created = client
        .post(format!("{}/api/admin/mocks", first.address))
        .json(&mock_json("/kept", json!({"mock_id": "kept"})))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    for _ in 0..4 {
        client
            .get(format!("{}/kept", first.address))
            .send()
            .await
            .unwrap();
    }
    // SIGTERM right away: the shutdown flush stores what the timer has not.
    assert_eq!(first.terminate(), Some(0));
    let second = start_binary(&db, &[]);
    let body: Value = client
        .get(format!("{}/api/admin/mocks/stats", second.address))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(entry(&body, "kept")["hits"], 4);
}

fn chrono_now() -> String {
    // Whole seconds, so a server clock a hair behind ours still compares later.
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}
