//! The request inspector (SPEC §10).

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, spawn_app_with, start_binary, TestApp};

/// The list (with `query`) once it holds at least `n` logs; generous, so a
/// loaded CI machine does not fail tests that are not about timing. The
/// SPEC's "within 2 s" is checked on its own.
async fn logs_eventually(app: &TestApp, query: &str, n: usize) -> Value {
    app.inspector_logs(&format!("/api/admin/inspector/requests{query}"), n)
        .await
}

#[tokio::test]
async fn matched_and_unmatched_requests_are_logged_with_their_details() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/users/{id}", json!({"mock_id": "user", "match_method": "POST", "response_status": 201,
        "is_template": true, "response_headers": {"X-Id": "{{ request.path_params.id }}"}, "response_body": "{\"id\": \"{{ request.path_params.id }}\"}"}))).await;
    app.client
        .post(app.url("/users/7?verbose=1&tag=a&tag=b"))
        .header("X-Session-ID", "s1")
        .header("Cookie", "theme=dark; lang=en")
        .body("hello")
        .send()
        .await
        .unwrap();
    app.get("/nothing").await;
    let body = app
        .inspector_logs_within("/api/admin/inspector/requests", 2, Duration::from_secs(2))
        .await;
    assert_eq!(body["count"], 2);
    let (unmatched, matched) = (&body["logs"][0], &body["logs"][1]);
    assert_eq!(matched["request_method"], "POST");
    assert_eq!(matched["request_path"], "/users/7");
    assert_eq!(
        matched["request_query"],
        json!({"verbose": "1", "tag": ["a", "b"]}),
        "a repeated parameter is logged with all its values"
    );
    assert_eq!(matched["request_headers"]["x-session-id"], "s1");
    assert_eq!(matched["request_body"], "hello");
    assert_eq!(matched["matched_mock_id"], "user");
    assert_eq!(matched["response_status"], 201);
    assert_eq!(matched["response_headers"]["x-id"], "7");
    assert_eq!(matched["response_body"], "{\"id\": \"7\"}");
    assert_eq!(matched["outcome"], "matched");
    assert_eq!(matched["session_id"], "s1");
    assert_eq!(matched["client_ip"], "127.0.0.1");
    let context = &matched["template_context"];
    assert_eq!(context["request"]["path_params"]["id"], "7");
    assert_eq!(
        context["request"]["query"]["tag"], "a",
        "templates see the first value"
    );
    assert_eq!(context["request"]["cookies"]["lang"], "en");
    assert_eq!(context["request"]["body"], "hello");
    assert_eq!(context["session_id"], "s1");
    assert_eq!(context["mock"]["id"], "user");
    assert!(matched["duration_ms"].as_f64().unwrap() >= 0.0);
    assert!(matched["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(unmatched["outcome"], "unmatched");
    assert_eq!(unmatched["response_status"], 404);
    assert_eq!(unmatched["matched_mock_id"], Value::Null);
    assert_eq!(unmatched["near_misses"][0]["mock_id"], "user");
    assert!(
        matched["log_id"].as_i64().unwrap() < unmatched["log_id"].as_i64().unwrap(),
        "newest first"
    );
}

#[tokio::test]
async fn admin_calls_are_never_logged() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/x", json!({}))).await;
    app.get("/api/admin/mocks").await;
    app.get("/health").await;
    app.get("/x").await;
    let body = logs_eventually(&app, "", 1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let body_after = expect_json(app.get("/api/admin/inspector/requests").await, 200).await;
    assert_eq!(body["count"], 1);
    assert_eq!(body_after["count"], 1);
    assert_eq!(body_after["logs"][0]["request_path"], "/x");
}

#[tokio::test]
async fn every_filter_narrows_the_list() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "a"})))
        .await;
    app.create_mock(mock_json(
        "/b",
        json!({"mock_id": "b", "match_method": "POST", "response_status": 202}),
    ))
    .await;
    app.client
        .get(app.url("/a"))
        .header("X-Session-ID", "alice")
        .send()
        .await
        .unwrap();
    app.client
        .post(app.url("/b"))
        .header("X-Session-ID", "bob")
        .send()
        .await
        .unwrap();
    app.get("/zzz").await;
    logs_eventually(&app, "", 3).await;
    let count = |q: &'static str| {
        let app = &app;
        async move {
            expect_json(
                app.get(&format!("/api/admin/inspector/requests?{q}")).await,
                200,
            )
            .await["count"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(count("session_id=alice").await, 1);
    assert_eq!(count("mock_id=b").await, 1);
    assert_eq!(count("method=post").await, 1);
    assert_eq!(count("status=404").await, 1);
    assert_eq!(count("status=202").await, 1);
    assert_eq!(count("outcome=unmatched").await, 1);
    assert_eq!(count("outcome=matched").await, 2);
    assert_eq!(count("path=zz").await, 1);
    assert_eq!(count("path=%2F").await, 3);
    let per_mock = expect_json(app.get("/api/admin/inspector/mocks/a/requests").await, 200).await;
    assert_eq!(per_mock["count"], 1);
    assert_eq!(per_mock["logs"][0]["matched_mock_id"], "a");
}

#[tokio::test]
async fn bad_filters_and_limits_are_422() {
    let app = spawn_app().await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=x", "limit"),
        ("outcome=great", "outcome"),
        ("status=42", "status"),
    ] {
        let body = expect_json(
            app.get(&format!("/api/admin/inspector/requests?{query}"))
                .await,
            422,
        )
        .await;
        assert_eq!(body["field"], field, "{query}");
    }
}

#[tokio::test]
async fn before_cursor_pages_are_disjoint_and_newest_first() {
    let app = spawn_app().await;
    for i in 0..7 {
        app.get(&format!("/page/{i}")).await;
    }
    logs_eventually(&app, "", 7).await;
    let first = expect_json(app.get("/api/admin/inspector/requests?limit=3").await, 200).await;
    let ids = |v: &Value| {
        v["logs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["log_id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    let page1 = ids(&first);
    assert_eq!(page1.len(), 3);
    assert_eq!(first["count"], 7);
    let second = expect_json(
        app.get(&format!(
            "/api/admin/inspector/requests?limit=3&before={}",
            page1[2]
        ))
        .await,
        200,
    )
    .await;
    let page2 = ids(&second);
    let third = expect_json(
        app.get(&format!(
            "/api/admin/inspector/requests?limit=3&before={}",
            page2[2]
        ))
        .await,
        200,
    )
    .await;
    let page3 = ids(&third);
    assert_eq!(page3.len(), 1);
    let mut all: Vec<i64> = page1.iter().chain(&page2).chain(&page3).copied().collect();
    assert!(
        all.windows(2).all(|w| w[0] > w[1]),
        "strictly newest first and disjoint: {all:?}"
    );
    all.dedup();
    assert_eq!(all.len(), 7);
}

#[tokio::test]
async fn detail_returns_one_entry_and_unknown_ids_are_404() {
    let app = spawn_app().await;
    app.get("/detail").await;
    let body = logs_eventually(&app, "", 1).await;
    let id = body["logs"][0]["log_id"].as_i64().unwrap();
    let detail = expect_json(
        app.get(&format!("/api/admin/inspector/requests/{id}"))
            .await,
        200,
    )
    .await;
    assert_eq!(detail["request_path"], "/detail");
    assert_eq!(
        expect_json(app.get("/api/admin/inspector/requests/999999").await, 404).await["error"],
        "not_found"
    );
    assert_eq!(
        app.get("/api/admin/inspector/requests/abc")
            .await
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn clear_removes_every_entry() {
    let app = spawn_app().await;
    app.get("/one").await;
    logs_eventually(&app, "", 1).await;
    let cleared = expect_json(
        app.client
            .delete(app.url("/api/admin/inspector/requests"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(cleared["deleted"], 1);
    assert_eq!(
        expect_json(app.get("/api/admin/inspector/requests").await, 200).await["count"],
        0
    );
}

#[tokio::test]
async fn large_bodies_are_truncated_and_marked() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/big",
        json!({"match_method": "POST", "response_body": "r".repeat(70_000)}),
    ))
    .await;
    app.post_raw("/big", "text/plain", "q".repeat(70_000)).await;
    let log = logs_eventually(&app, "", 1).await["logs"][0].clone();
    assert_eq!(log["request_body"].as_str().unwrap().len(), 64 * 1024);
    assert_eq!(log["request_body_truncated"], true);
    assert_eq!(log["response_body"].as_str().unwrap().len(), 64 * 1024);
    assert_eq!(log["response_body_truncated"], true);
}

#[tokio::test]
async fn the_stream_delivers_requests_made_after_subscribing() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/admin/inspector/stream"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut response = response;
    app.get("/streamed/path").await;
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(3);
    while !seen.contains("/streamed/path") && Instant::now() < deadline {
        if let Ok(Ok(Some(chunk))) =
            tokio::time::timeout(Duration::from_millis(500), response.chunk()).await
        {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
    let line = seen
        .lines()
        .find(|l| l.starts_with("data: "))
        .expect("a data line");
    let entry: Value = serde_json::from_str(line.trim_start_matches("data: ")).unwrap();
    assert_eq!(entry["request_path"], "/streamed/path");
    assert_eq!(entry["outcome"], "unmatched");
}

#[tokio::test]
async fn pruning_keeps_at_most_the_configured_number_of_rows() {
    let app = spawn_app_with(|c| c.inspector_max_entries = 5).await;
    for i in 0..12 {
        app.get(&format!("/p/{i}")).await;
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    let body = expect_json(app.get("/api/admin/inspector/requests").await, 200).await;
    assert_eq!(body["count"], 5);
    assert_eq!(
        body["logs"][0]["request_path"], "/p/11",
        "the newest are kept"
    );
}

#[tokio::test]
async fn the_inspector_can_be_turned_off() {
    let app = spawn_app_with(|c| c.inspector_max_entries = 0).await;
    assert_eq!(app.get("/off").await.status().as_u16(), 404);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        expect_json(app.get("/api/admin/inspector/requests").await, 200).await["count"],
        0
    );
}

#[tokio::test]
async fn sigterm_right_after_200_requests_loses_no_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("flush.db");
    let client = reqwest::Client::new();
    let server = start_binary(&db, &[]);
    let requests = (0..200).map(|i| client.get(format!("{}/flush/{i}", server.address)).send());
    for response in futures_util::future::join_all(requests).await {
        assert_eq!(response.unwrap().status().as_u16(), 404);
    }
    assert_eq!(server.terminate(), Some(0));
    let again = start_binary(&db, &[]);
    let body: Value = client
        .get(format!(
            "{}/api/admin/inspector/requests?limit=1",
            again.address
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["count"], 200);
}
