//! Error simulation and rate limiting (SPEC §7).

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{expect_json, mock_json, spawn_app, TestApp};

async fn statuses(app: &TestApp, path: &str, n: usize) -> Vec<u16> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(app.get(path).await.status().as_u16());
    }
    out
}

#[tokio::test]
async fn error_rate_zero_never_fails_and_one_hundred_always_fails() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/never", json!({"error_rate": 0})))
        .await;
    app.create_mock(mock_json(
        "/always",
        json!({"error_rate": 100, "error_status_code": 503}),
    ))
    .await;
    assert!(statuses(&app, "/never", 200)
        .await
        .iter()
        .all(|s| *s == 200));
    assert!(statuses(&app, "/always", 200)
        .await
        .iter()
        .all(|s| *s == 503));
}

#[tokio::test]
async fn error_rate_fifty_fails_about_half_the_time() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/half", json!({"error_rate": 50})))
        .await;
    let failed = statuses(&app, "/half", 400)
        .await
        .iter()
        .filter(|s| **s == 500)
        .count();
    assert!((140..=260).contains(&failed), "{failed} of 400 failed");
}

#[tokio::test]
async fn the_simulated_error_carries_its_body_the_mock_headers_and_a_marker() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/err/{id}",
        json!({"error_rate": 100, "error_status_code": 502,
        "error_body": "{\"failed\": \"{{ request.path_params.id }}\"}", "is_template": true,
        "response_headers": {"X-Service": "users"}}),
    ))
    .await;
    let response = app.get("/err/9").await;
    assert_eq!(response.headers()["x-mimicus-simulated-error"], "true");
    assert_eq!(response.headers()["x-service"], "users");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(expect_json(response, 502).await, json!({"failed": "9"}));
    let logs = app.inspector_logs("/api/admin/inspector/requests", 1).await;
    assert_eq!(logs["logs"][0]["outcome"], "error_simulated");
}

#[tokio::test]
async fn requests_over_the_limit_get_429_with_headers_and_body() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/limited",
        json!({"mock_id": "lim", "rate_limit_requests": 5, "rate_limit_window_seconds": 60}),
    ))
    .await;
    for expected_remaining in (0..5).rev() {
        let ok = app.get("/limited").await;
        assert_eq!(ok.status().as_u16(), 200);
        assert_eq!(ok.headers()["x-ratelimit-limit"], "5");
        assert_eq!(
            ok.headers()["x-ratelimit-remaining"],
            expected_remaining.to_string().as_str()
        );
    }
    for _ in 0..3 {
        let refused = app.get("/limited").await;
        assert_eq!(refused.headers()["x-ratelimit-limit"], "5");
        assert_eq!(refused.headers()["x-ratelimit-remaining"], "0");
        let retry: u64 = refused.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry));
        let body = expect_json(refused, 429).await;
        assert_eq!(body["error"], "rate_limited");
        assert_eq!(body["retry_after_seconds"], retry);
        assert!(body["detail"].as_str().unwrap().contains("lim"));
    }
}

#[tokio::test]
async fn session_scope_limits_each_session_separately() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/per-session",
        json!({"rate_limit_requests": 2, "rate_limit_scope": "session"}),
    ))
    .await;
    let call = |s: &'static str| {
        app.client
            .get(app.url("/per-session"))
            .header("X-Session-ID", s)
            .send()
    };
    assert_eq!(call("a").await.unwrap().status().as_u16(), 200);
    assert_eq!(call("a").await.unwrap().status().as_u16(), 200);
    assert_eq!(call("a").await.unwrap().status().as_u16(), 429);
    assert_eq!(
        call("b").await.unwrap().status().as_u16(),
        200,
        "another session is not affected"
    );
}

#[tokio::test]
async fn the_mock_answers_again_after_the_window() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/short",
        json!({"rate_limit_requests": 2, "rate_limit_window_seconds": 2}),
    ))
    .await;
    assert_eq!(statuses(&app, "/short", 3).await, vec![200, 200, 429]);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(statuses(&app, "/short", 1).await, vec![200]);
}

#[tokio::test]
async fn limit_changes_apply_at_once_and_unlimited_mocks_are_never_limited() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/change",
        json!({"mock_id": "change", "rate_limit_requests": 1}),
    ))
    .await;
    assert_eq!(statuses(&app, "/change", 2).await, vec![200, 429]);
    app.send_json(
        Method::PATCH,
        "/api/admin/mocks/change",
        &json!({"rate_limit_requests": 3}),
    )
    .await;
    assert_eq!(
        statuses(&app, "/change", 3).await,
        vec![200, 200, 429],
        "the new limit counts from the current window"
    );
    app.send_json(
        Method::PATCH,
        "/api/admin/mocks/change",
        &json!({"rate_limit_requests": null}),
    )
    .await;
    assert!(statuses(&app, "/change", 50)
        .await
        .iter()
        .all(|s| *s == 200));
    app.create_mock(mock_json("/free", json!({}))).await;
    assert!(statuses(&app, "/free", 300).await.iter().all(|s| *s == 200));
}

#[tokio::test]
async fn fifty_parallel_clients_never_exceed_the_limit_in_one_window() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/race",
        json!({"rate_limit_requests": 10, "rate_limit_scope": "global"}),
    ))
    .await;
    let requests = (0..50).map(|_| reqwest::Client::new().get(app.url("/race")).send());
    let results = futures_util::future::join_all(requests).await;
    let ok = results
        .iter()
        .filter(|r| r.as_ref().unwrap().status().as_u16() == 200)
        .count();
    let limited = results
        .iter()
        .filter(|r| r.as_ref().unwrap().status().as_u16() == 429)
        .count();
    assert_eq!((ok, limited), (10, 40));
}

#[tokio::test]
async fn rate_limiting_comes_before_error_simulation() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/order",
        json!({"rate_limit_requests": 2, "error_rate": 100}),
    ))
    .await;
    assert_eq!(statuses(&app, "/order", 3).await, vec![500, 500, 429]);
}

#[tokio::test]
async fn reset_clears_rate_limit_counters() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/reset-me",
        json!({"mock_id": "reset-me", "rate_limit_requests": 1}),
    ))
    .await;
    assert_eq!(statuses(&app, "/reset-me", 2).await, vec![200, 429]);
    expect_json(
        app.client
            .post(app.url("/api/admin/mocks/reset-me/reset"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(statuses(&app, "/reset-me", 2).await, vec![200, 429]);
}
