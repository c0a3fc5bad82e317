//! `GET /api/admin/traffic`: recent requests per second, latency
//! percentiles, matched vs unmatched, and per-mock hits (docs/admin-api.md).

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, TestApp};

async fn traffic(app: &TestApp, query: &str) -> Value {
    expect_json(app.get(&format!("/api/admin/traffic{query}")).await, 200).await
}

fn sum(buckets: &Value, field: &str) -> u64 {
    buckets
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[field].as_u64().unwrap())
        .sum()
}

#[tokio::test]
async fn an_idle_server_reports_an_empty_window_of_default_size() {
    let app = spawn_app().await;
    let body = traffic(&app, "").await;
    assert_eq!(body["window_seconds"], 300);
    assert_eq!(body["step_seconds"], 10);
    assert_eq!(body["buckets"].as_array().unwrap().len(), 30);
    assert_eq!(body["requests_per_second"], 0.0);
    assert_eq!(
        body["summary"],
        json!({"requests": 0, "matched": 0, "unmatched": 0, "p50_ms": null, "p99_ms": null})
    );
    assert_eq!(body["mocks"], json!([]));
    assert_eq!(body["mock_step_seconds"], 10);
    let first = body["buckets"][0]["t"].as_str().unwrap();
    assert!(first.ends_with('Z'), "{first}");
}

#[tokio::test]
async fn mock_surface_requests_are_counted_by_outcome_with_latency_and_per_mock_hits() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    app.create_mock(mock_json("/b", json!({"mock_id": "b"})))
        .await;
    for _ in 0..3 {
        expect_json(app.get("/a").await, 200).await;
    }
    expect_json(app.get("/missing").await, 404).await;
    app.get("/api/admin/mocks").await;
    let body = traffic(&app, "?window=60&step=5").await;
    assert_eq!(body["buckets"].as_array().unwrap().len(), 12);
    let summary = &body["summary"];
    assert_eq!(
        summary["requests"], 4,
        "admin calls are not traffic: {body}"
    );
    assert_eq!(summary["matched"], 3);
    assert_eq!(summary["unmatched"], 1);
    assert_eq!(sum(&body["buckets"], "requests"), 4);
    assert_eq!(sum(&body["buckets"], "unmatched"), 1);
    assert!(summary["p50_ms"].as_f64().unwrap() > 0.0);
    assert!(summary["p99_ms"].as_f64().unwrap() >= summary["p50_ms"].as_f64().unwrap());
    assert!(body["requests_per_second"].as_f64().unwrap() > 0.0);
    let mocks = body["mocks"].as_array().unwrap();
    assert_eq!(mocks.len(), 1, "b was never hit: {body}");
    assert_eq!(mocks[0]["mock_id"], "a");
    assert_eq!(mocks[0]["hits"].as_array().unwrap().len(), 6);
    let hits: u64 = mocks[0]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_u64().unwrap())
        .sum();
    assert_eq!(hits, 3);
}

#[tokio::test]
async fn bad_windows_and_steps_are_refused_naming_the_parameter() {
    let app = spawn_app().await;
    for (query, field) in [
        ("?window=5", "window"),
        ("?window=601", "window"),
        ("?window=abc", "window"),
        ("?step=0", "step"),
        ("?step=61", "step"),
        ("?window=20&step=30", "step"),
    ] {
        let body = expect_json(app.get(&format!("/api/admin/traffic{query}")).await, 422).await;
        assert_eq!(body["field"], field, "{query}: {body}");
        assert_eq!(body["error"], "validation_error", "{query}");
    }
}
