//! Captures → mocks through the running server. The captures are stored
//! through the real SQLite repository on the server's database file (as
//! another writer would), so each conversion rule gets an exact exchange;
//! `recording_proxy.rs` records through a real upstream end to end.

use bytes::Bytes;
use chrono::Utc;
use domain::recording::{Exchange, NewCapture, RecordingRepository};
use infrastructure::{build_pool, SqliteRecordingRepository, WriteGate};
use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, TestApp};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn exchange(path: &str, query: &[(&str, &str)], content_type: &str, body: &[u8]) -> Exchange {
    Exchange {
        method: "GET".into(),
        path: path.into(),
        query: pairs(query),
        request_headers: pairs(&[("Authorization", "Bearer top-secret"), ("Accept", "*/*")]),
        status: 200,
        response_headers: pairs(&[
            ("Content-Type", content_type),
            ("Set-Cookie", "session=top-secret"),
            ("X-Upstream", "yes"),
        ]),
        response_body: Bytes::copy_from_slice(body),
        ..Exchange::default()
    }
}

/// Starts a recording over HTTP and stores `exchanges` as its captures.
async fn record(app: &TestApp, exchanges: Vec<Exchange>) {
    let start = json!({"upstream_url": "http://127.0.0.1:9", "path_prefix": "/api"});
    let started = expect_json(
        app.post_json("/api/admin/recording/start", &start).await,
        200,
    )
    .await;
    let recording_id = started["recording_id"].as_i64().unwrap();
    let pool = build_pool(app.db_path.to_str().unwrap()).unwrap();
    let repo = SqliteRecordingRepository::new(pool, WriteGate::new());
    for exchange in exchanges {
        let capture = NewCapture::new(exchange, None, 3.0, Utc::now());
        repo.add_capture(recording_id, capture).await.unwrap();
    }
}

/// `GET /api/users`: the variant served, the recorded `X-Upstream` header and the body.
async fn get_users(app: &TestApp) -> (String, String, Value) {
    let response = app.get("/api/users").await;
    assert!(
        response.headers().get("set-cookie").is_none(),
        "credentials are not replayed"
    );
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
    let (variant, upstream) = (header("x-mimicus-variant"), header("x-upstream"));
    (variant, upstream, response.json().await.unwrap())
}

#[tokio::test]
async fn stop_with_create_mocks_makes_mocks_that_answer_as_recorded() {
    let app = spawn_app().await;
    // A mock of the user's that holds the id the first recorded mock would get.
    app.create_mock(mock_json("/mine", json!({"mock_id": "rec-get-api-users"})))
        .await;
    record(
        &app,
        vec![
            exchange(
                "/api/users",
                &[],
                "application/json",
                br#"{"users": [], "page": 1}"#,
            ),
            exchange(
                "/api/users",
                &[],
                "application/json",
                br#"{"users": ["ann"], "page": 1}"#,
            ),
            exchange(
                "/api/items",
                &[("page", "2")],
                "text/plain",
                b"items of page 2",
            ),
            exchange(
                "/api/logo",
                &[],
                "image/png",
                &[0x89, b'P', b'N', b'G', 0xff, 0x00],
            ),
        ],
    )
    .await;

    let captured = expect_json(app.get("/api/admin/recording/captured").await, 200).await;
    assert_eq!(captured["count"], 4);
    assert_eq!(
        expect_json(app.get("/api/admin/recording").await, 200).await["captured"],
        4
    );
    let first = &captured["captured"][0];
    assert_eq!(first["request_headers"]["Authorization"], "[REDACTED]");
    assert_eq!(first["response_headers"]["Set-Cookie"], "[REDACTED]");
    assert!(
        !captured.to_string().contains("top-secret"),
        "no credential is stored"
    );
    assert_eq!(captured["captured"][2]["query"], json!({"page": "2"}));
    assert_eq!(captured["captured"][3]["response_body_encoding"], "base64");
    let page = expect_json(
        app.get("/api/admin/recording/captured?limit=1&offset=2")
            .await,
        200,
    )
    .await;
    assert_eq!(page["count"], 4);
    assert_eq!(page["captured"][0]["path"], "/api/items");

    let stop = json!({"create_mocks": true});
    let stopped = expect_json(app.post_json("/api/admin/recording/stop", &stop).await, 200).await;
    assert_eq!(stopped["captured"].as_array().unwrap().len(), 4);
    assert_eq!(
        stopped["created_mocks"],
        json!(["rec-get-api-users-2", "rec-get-api-items-page-2"])
    );
    let logo_capture = captured["captured"][3]["capture_id"].clone();
    assert_eq!(stopped["skipped"][0]["capture_id"], logo_capture);
    assert!(stopped["skipped"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("binary"));

    let (variant, upstream, body) = get_users(&app).await;
    assert_eq!((variant.as_str(), upstream.as_str()), ("0", "yes"));
    assert_eq!(body, json!({"users": [], "page": 1}));
    let (variant, _, body) = get_users(&app).await;
    assert_eq!(variant, "1");
    assert_eq!(
        body,
        json!({"users": ["ann"], "page": 1}),
        "recorded responses replay in order"
    );

    let items = app.get("/api/items?page=2").await;
    assert_eq!(items.headers()["content-type"], "text/plain");
    assert_eq!(items.text().await.unwrap(), "items of page 2");
    assert_eq!(app.get("/api/items?page=3").await.status().as_u16(), 404);

    let mine = expect_json(app.get("/api/admin/mocks/rec-get-api-users").await, 200).await;
    assert_eq!(
        mine["match_path"], "/mine",
        "an existing mock is never overwritten"
    );
    let created = expect_json(
        app.get("/api/admin/mocks/rec-get-api-items-page-2").await,
        200,
    )
    .await;
    assert_eq!(created["mock_tags"], json!(["recorded"]));
    assert_eq!(created["match_query"], json!({"page": "2"}));
    assert_eq!(created["mock_name"], "GET /api/items?page=2");
}

#[tokio::test]
async fn stopping_again_with_upsert_replaces_the_recorded_mocks() {
    let app = spawn_app().await;
    record(
        &app,
        vec![exchange("/api/a", &[], "application/json", br#"{"v": 1}"#)],
    )
    .await;
    let stop = json!({"create_mocks": true});
    let first = expect_json(app.post_json("/api/admin/recording/stop", &stop).await, 200).await;
    assert_eq!(first["created_mocks"], json!(["rec-get-api-a"]));
    let second = expect_json(app.post_json("/api/admin/recording/stop", &stop).await, 200).await;
    assert_eq!(
        second["created_mocks"],
        json!(["rec-get-api-a-2"]),
        "a stopped recording can still make mocks; ids never clash"
    );
    let upsert = json!({"create_mocks": true, "upsert": true});
    let third = expect_json(
        app.post_json("/api/admin/recording/stop", &upsert).await,
        200,
    )
    .await;
    assert_eq!(third["created_mocks"], json!(["rec-get-api-a"]));
    assert_eq!(app.mock_count().await, 2);
}
