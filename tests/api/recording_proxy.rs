//! Recording through the real proxy path (SPEC §8): requests no mock
//! matches are forwarded to a real upstream and captured, then replayed by
//! the mocks `stop` creates once the upstream is gone.

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, start_binary, TestApp};
use crate::upstream::Upstream;

async fn start_recording(app: &TestApp, upstream: &str, prefix: &str) {
    let start = json!({"upstream_url": upstream, "path_prefix": prefix});
    expect_json(
        app.post_json("/api/admin/recording/start", &start).await,
        200,
    )
    .await;
}

async fn captured(app: &TestApp) -> Value {
    expect_json(app.get("/api/admin/recording/captured").await, 200).await
}

#[tokio::test]
async fn recorded_traffic_becomes_mocks_that_answer_after_the_upstream_is_gone() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    start_recording(&app, &upstream.url, "/api").await;

    let users = app.get("/api/users?page=2").await;
    assert_eq!(users.status(), 200);
    assert_eq!(users.headers()["x-mimicus-source"], "upstream");
    let users: Value = users.json().await.unwrap();
    // Stored before the response was sent: visible at once, no polling.
    assert_eq!(captured(&app).await["count"], 1);

    let mut counters = Vec::new();
    for _ in 0..2 {
        counters.push(app.get("/api/counter").await.json::<Value>().await.unwrap());
    }
    assert_ne!(
        counters[0], counters[1],
        "the upstream answers differently each time"
    );
    let status: Value = app.get("/api/status/418").await.json().await.unwrap();
    assert_eq!(captured(&app).await["count"], 4);

    // Outside the prefix nothing is forwarded.
    assert_eq!(app.get("/other").await.status(), 404);
    assert_eq!(upstream.seen().len(), 4);

    let stop = app
        .post_json("/api/admin/recording/stop", &json!({"create_mocks": true}))
        .await;
    let stop = expect_json(stop, 200).await;
    let created = stop["created_mocks"].as_array().unwrap();
    assert_eq!(created.len(), 3, "{stop}");
    upstream.stop().await;

    let replay = app.get("/api/users?page=2").await;
    assert_eq!(replay.status(), 200);
    assert_eq!(replay.headers().get("x-mimicus-source"), None, "a mock now");
    assert_eq!(replay.json::<Value>().await.unwrap(), users);
    assert_eq!(
        app.get("/api/users?page=3").await.status(),
        404,
        "the query is matched"
    );
    for expected in &counters {
        let again: Value = app.get("/api/counter").await.json().await.unwrap();
        assert_eq!(&again, expected, "recorded responses replay in sequence");
    }
    let teapot = app.get("/api/status/418").await;
    assert_eq!(teapot.status(), 418);
    assert_eq!(teapot.json::<Value>().await.unwrap(), status);

    let counter_mock = created
        .iter()
        .find(|id| id.as_str().unwrap().contains("counter"))
        .unwrap();
    let mock = expect_json(
        app.get(&format!(
            "/api/admin/mocks/{}",
            counter_mock.as_str().unwrap()
        ))
        .await,
        200,
    )
    .await;
    assert_eq!(mock["variant_mode"], "sequence");
    assert_eq!(mock["variants"].as_array().unwrap().len(), 2);
    assert_eq!(
        mock["variants"][0]["response"]["body"], counters[0],
        "JSON kept as JSON"
    );
}

#[tokio::test]
async fn credentials_are_redacted_in_captures_and_left_out_of_mocks() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    start_recording(&app, &upstream.url, "/").await;
    let response = app
        .client
        .get(app.url("/secret"))
        .header("Authorization", "Bearer top-secret-token")
        .header("Cookie", "sid=client-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("upstream-secret"),
        "the client itself gets the real cookie"
    );
    let seen = upstream.last();
    assert_eq!(
        seen.header("authorization"),
        Some("Bearer top-secret-token")
    );

    let list = captured(&app).await;
    let text = list.to_string();
    for secret in ["top-secret-token", "client-secret", "upstream-secret"] {
        assert!(!text.contains(secret), "{secret} stored: {text}");
    }
    let capture = &list["captured"][0];
    assert_eq!(capture["request_headers"]["authorization"], "[REDACTED]");
    assert_eq!(capture["response_headers"]["set-cookie"], "[REDACTED]");

    let stop = app
        .post_json("/api/admin/recording/stop", &json!({"create_mocks": true}))
        .await;
    let stop = expect_json(stop, 200).await;
    let id = stop["created_mocks"][0].as_str().unwrap().to_string();
    let mock = expect_json(app.get(&format!("/api/admin/mocks/{id}")).await, 200).await;
    let text = mock.to_string();
    assert!(
        !text.contains("top-secret") && !text.contains("upstream-secret"),
        "{mock}"
    );
    assert!(
        mock["response_headers"].get("set-cookie").is_none(),
        "{mock}"
    );
    assert!(
        mock["response_headers"].get("Set-Cookie").is_none(),
        "{mock}"
    );
}

#[tokio::test]
async fn exchanges_of_proxy_mode_mocks_are_captured_with_their_mock_id() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/elsewhere/{*rest}",
        json!({"mock_id": "fwd", "mock_mode": "proxy", "upstream_url": upstream.url}),
    ))
    .await;
    app.create_mock(mock_json("/api/static", json!({}))).await;
    start_recording(&app, &upstream.url, "/api").await;
    assert_eq!(app.get("/elsewhere/x").await.status(), 200);
    assert_eq!(app.get("/api/static").await.status(), 200);
    let list = captured(&app).await;
    assert_eq!(
        list["count"], 1,
        "a plain mock's answer is not captured: {list}"
    );
    assert_eq!(list["captured"][0]["mock_id"], "fwd");
    assert_eq!(list["captured"][0]["path"], "/elsewhere/x");
}

#[tokio::test]
async fn captures_survive_a_restart() {
    let upstream = Upstream::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rec.db");
    let client = reqwest::Client::new();
    let server = start_binary(&db, &[]);
    let start = client
        .post(server.loopback_url("/api/admin/recording/start"))
        .json(&json!({"upstream_url": upstream.url}))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), 200);
    let answer = client
        .get(server.loopback_url("/kept?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    // Killed, not stopped: the capture was committed before the answer.
    drop(server);

    let server = start_binary(&db, &[]);
    let list: Value = client
        .get(server.loopback_url("/api/admin/recording/captured"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["count"], 1, "{list}");
    assert_eq!(list["captured"][0]["path"], "/kept");
    assert_eq!(list["captured"][0]["status"], 200);
    // Still recording after the restart.
    let again = client
        .get(server.loopback_url("/kept2"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers()["x-mimicus-source"], "upstream");
}
