//! The recording API (SPEC §8): start, status, captured, stop; validation;
//! the latest recording across a restart of the real binary.

use serde_json::{json, Value};

use crate::helpers::{expect_json, spawn_app, start_binary, ServerProcess, TestApp};

const UPSTREAM: &str = "http://127.0.0.1:9";

async fn status(app: &TestApp) -> Value {
    expect_json(app.get("/api/admin/recording").await, 200).await
}

#[tokio::test]
async fn start_status_second_start_and_stop() {
    let app = spawn_app().await;
    let before = status(&app).await;
    assert_eq!(
        before,
        json!({"active": false, "recording_id": null, "upstream_url": null, "path_prefix": null,
               "timeout_seconds": null, "started_at": null, "stopped_at": null, "captured": 0})
    );

    let start = json!({"upstream_url": UPSTREAM, "path_prefix": "/api"});
    let started = expect_json(
        app.post_json("/api/admin/recording/start", &start).await,
        200,
    )
    .await;
    assert_eq!(started["active"], true);
    let now = status(&app).await;
    assert_eq!(now["active"], true);
    assert_eq!(now["upstream_url"], UPSTREAM);
    assert_eq!(now["path_prefix"], "/api");
    assert_eq!(now["timeout_seconds"], 10.0);
    assert_eq!(now["captured"], 0);
    assert!(now["started_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(now["started_at"], started["started_at"]);

    let again = json!({"upstream_url": "http://127.0.0.1:10"});
    let conflict = expect_json(
        app.post_json("/api/admin/recording/start", &again).await,
        409,
    )
    .await;
    assert_eq!(conflict["error"], "conflict");
    assert!(
        conflict["detail"]
            .as_str()
            .unwrap()
            .contains("already running"),
        "{conflict}"
    );
    assert_eq!(
        status(&app).await["upstream_url"],
        UPSTREAM,
        "the running recording is kept"
    );

    let captured = expect_json(app.get("/api/admin/recording/captured").await, 200).await;
    assert_eq!(captured, json!({"captured": [], "count": 0}));

    let stop = json!({"create_mocks": true});
    let stopped = expect_json(app.post_json("/api/admin/recording/stop", &stop).await, 200).await;
    assert_eq!(stopped["captured"], json!([]));
    assert_eq!(stopped["created_mocks"], json!([]));
    let after = status(&app).await;
    assert_eq!(after["active"], false);
    assert_eq!(
        after["upstream_url"], UPSTREAM,
        "the latest recording stays visible"
    );
    assert!(after["stopped_at"].is_string());
    assert_eq!(app.mock_count().await, 0);

    let restarted = expect_json(
        app.post_json("/api/admin/recording/start", &again).await,
        200,
    )
    .await;
    assert_eq!(restarted["upstream_url"], "http://127.0.0.1:10");
    assert_ne!(restarted["recording_id"], now["recording_id"]);
}

#[tokio::test]
async fn stop_without_a_body_just_stops() {
    let app = spawn_app().await;
    let start = json!({"upstream_url": UPSTREAM});
    expect_json(
        app.post_json("/api/admin/recording/start", &start).await,
        200,
    )
    .await;
    let response = app
        .client
        .post(app.url("/api/admin/recording/stop"))
        .send()
        .await
        .unwrap();
    let stopped = expect_json(response, 200).await;
    assert_eq!(stopped["created_mocks"], json!([]));
    assert_eq!(status(&app).await["active"], false);
    assert_eq!(
        status(&app).await["path_prefix"],
        "/",
        "the default prefix covers everything"
    );
}

#[tokio::test]
async fn bad_start_input_is_refused_naming_the_field_and_nothing_starts() {
    let app = spawn_app().await;
    let cases = [
        (json!({}), "upstream_url"),
        (json!({"upstream_url": "ftp://127.0.0.1:9"}), "upstream_url"),
        (json!({"upstream_url": "127.0.0.1:9"}), "upstream_url"),
        (json!({"upstream_url": 9}), "upstream_url"),
        (
            json!({"upstream_url": UPSTREAM, "path_prefix": "api"}),
            "path_prefix",
        ),
        (
            json!({"upstream_url": UPSTREAM, "timeout_seconds": -1}),
            "timeout_seconds",
        ),
        (
            json!({"upstream_url": UPSTREAM, "prefix": "/api"}),
            "prefix",
        ),
    ];
    for (body, field) in cases {
        let error = expect_json(
            app.post_json("/api/admin/recording/start", &body).await,
            422,
        )
        .await;
        assert_eq!(error["error"], "validation_error", "{body}");
        assert_eq!(error["field"], field, "{body}: {error}");
    }
    let malformed = app
        .post_raw(
            "/api/admin/recording/start",
            "application/json",
            "{not json",
        )
        .await;
    assert_eq!(expect_json(malformed, 400).await["error"], "malformed_json");
    let wrong_type = app
        .post_raw(
            "/api/admin/recording/start",
            "text/plain",
            format!("{{\"upstream_url\":\"{UPSTREAM}\"}}"),
        )
        .await;
    assert_eq!(
        expect_json(wrong_type, 400).await["error"],
        "unsupported_content_type"
    );
    assert_eq!(status(&app).await["active"], false);
    assert_eq!(
        status(&app).await["recording_id"],
        Value::Null,
        "nothing was stored"
    );
}

#[tokio::test]
async fn stop_refuses_bad_options_and_keeps_recording() {
    let app = spawn_app().await;
    let nothing = expect_json(
        app.post_json("/api/admin/recording/stop", &json!({})).await,
        409,
    )
    .await;
    assert!(
        nothing["detail"].as_str().unwrap().contains("no recording"),
        "{nothing}"
    );

    let start = json!({"upstream_url": UPSTREAM});
    expect_json(
        app.post_json("/api/admin/recording/start", &start).await,
        200,
    )
    .await;
    for (body, field) in [
        (json!({"create_mocks": "yes"}), "create_mocks"),
        (json!({"create_mock": true}), "create_mock"),
    ] {
        let error = expect_json(app.post_json("/api/admin/recording/stop", &body).await, 422).await;
        assert_eq!(error["field"], field, "{error}");
    }
    let malformed = app
        .post_raw("/api/admin/recording/stop", "application/json", "{")
        .await;
    assert_eq!(malformed.status().as_u16(), 400);
    assert_eq!(
        status(&app).await["active"],
        true,
        "a refused stop changes nothing"
    );
}

#[tokio::test]
async fn captured_pages_are_checked() {
    let app = spawn_app().await;
    for query in ["limit=0", "limit=x", "offset=-1"] {
        let response = app
            .get(&format!("/api/admin/recording/captured?{query}"))
            .await;
        assert_eq!(response.status().as_u16(), 422, "{query}");
    }
}

/// `method` `path` on a server process, with a JSON body; the status and the JSON answer.
async fn call(
    server: &ServerProcess,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", server.address))
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_latest_recording_survives_restarts() {
    use reqwest::Method;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recording.db");
    let first = start_binary(&db, &[]);
    let start = json!({"upstream_url": UPSTREAM, "path_prefix": "/api"});
    let (_, started) = call(&first, Method::POST, "/api/admin/recording/start", start).await;
    assert_eq!(first.terminate(), Some(0));

    let second = start_binary(&db, &[]);
    let (_, after) = call(&second, Method::GET, "/api/admin/recording", Value::Null).await;
    assert_eq!(
        after["active"], true,
        "still recording after the restart: {after}"
    );
    assert_eq!(after["started_at"], started["started_at"]);
    assert_eq!(after["path_prefix"], "/api");
    let again = json!({"upstream_url": UPSTREAM});
    let (conflict, _) = call(&second, Method::POST, "/api/admin/recording/start", again).await;
    assert_eq!(conflict, 409);
    let (stopped, _) = call(
        &second,
        Method::POST,
        "/api/admin/recording/stop",
        json!({}),
    )
    .await;
    assert_eq!(stopped, 200);
    assert_eq!(second.terminate(), Some(0));

    let third = start_binary(&db, &[]);
    let (_, last) = call(&third, Method::GET, "/api/admin/recording", Value::Null).await;
    assert_eq!(last["active"], false);
    assert_eq!(last["recording_id"], started["recording_id"]);
    assert!(last["stopped_at"].is_string());
}
