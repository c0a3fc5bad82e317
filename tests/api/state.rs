//! The state admin API (SPEC §5) and state persistence.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{expect_json, mock_json, spawn_app, start_binary};

#[tokio::test]
async fn set_get_list_and_delete_keep_json_types() {
    let app = spawn_app().await;
    for (key, value) in [
        ("text", json!("7")),
        ("num", json!(3)),
        ("obj", json!({"a": [1, null]})),
    ] {
        let set = expect_json(
            app.post_json(
                "/api/admin/state/s1",
                &json!({"state_key": key, "state_value": value}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(set, json!({"state_key": key, "state_value": value}));
    }
    assert_eq!(
        expect_json(app.get("/api/admin/state/s1/text").await, 200).await["state_value"],
        "7",
        "strings stay strings"
    );
    assert_eq!(
        expect_json(app.get("/api/admin/state/s1/obj").await, 200).await["state_value"],
        json!({"a": [1, null]})
    );
    let listed = expect_json(app.get("/api/admin/state/s1").await, 200).await;
    assert_eq!(listed["count"], 3);
    let first = &listed["states"][0];
    for field in [
        "state_key",
        "state_value",
        "session_id",
        "mock_id",
        "client_ip",
        "updated_at",
    ] {
        assert!(first.get(field).is_some(), "missing {field}");
    }
    let deleted = expect_json(
        app.client
            .delete(app.url("/api/admin/state/s1/num"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(deleted, json!({"deleted": true, "state_key": "num"}));
    assert_eq!(
        app.get("/api/admin/state/s1/num").await.status().as_u16(),
        404
    );
    let again = app
        .client
        .delete(app.url("/api/admin/state/s1/num"))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(again, 404).await["error"], "not_found");
}

#[tokio::test]
async fn sessions_are_listed_and_can_be_cleared_one_by_one_or_all() {
    let app = spawn_app().await;
    for (session, key) in [("a", "k1"), ("a", "k2"), ("b", "k1"), ("c", "k1")] {
        app.post_json(
            &format!("/api/admin/state/{session}"),
            &json!({"state_key": key, "state_value": 1}),
        )
        .await;
    }
    let sessions = expect_json(app.get("/api/admin/state").await, 200).await;
    assert_eq!(sessions["count"], 3);
    let a = sessions["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["session_id"] == "a")
        .unwrap();
    assert_eq!(a["keys"], 2);
    assert!(a["updated_at"].as_str().is_some());
    expect_json(
        app.client
            .delete(app.url("/api/admin/state/a"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(
        expect_json(app.get("/api/admin/state").await, 200).await["count"],
        2
    );
    assert_eq!(
        expect_json(app.get("/api/admin/state/b/k1").await, 200).await["state_value"],
        1,
        "other sessions kept"
    );
    expect_json(
        app.client
            .delete(app.url("/api/admin/state"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(
        expect_json(app.get("/api/admin/state").await, 200).await["count"],
        0
    );
}

#[tokio::test]
async fn increment_starts_from_zero_takes_a_delta_and_refuses_non_integers() {
    let app = spawn_app().await;
    let inc = |path: &'static str| app.client.request(Method::PUT, app.url(path)).send();
    assert_eq!(
        expect_json(inc("/api/admin/state/s/n/increment").await.unwrap(), 200).await,
        json!({"state_key": "n", "new_value": 1})
    );
    assert_eq!(
        expect_json(
            inc("/api/admin/state/s/n/increment?delta=10")
                .await
                .unwrap(),
            200
        )
        .await["new_value"],
        11
    );
    assert_eq!(
        expect_json(
            inc("/api/admin/state/s/n/increment?delta=-2")
                .await
                .unwrap(),
            200
        )
        .await["new_value"],
        9
    );
    app.post_json(
        "/api/admin/state/s",
        &json!({"state_key": "str", "state_value": "7"}),
    )
    .await;
    let conflict = expect_json(inc("/api/admin/state/s/str/increment").await.unwrap(), 409).await;
    assert_eq!(conflict["error"], "conflict");
    assert_eq!(
        expect_json(app.get("/api/admin/state/s/str").await, 200).await["state_value"],
        "7"
    );
    assert_eq!(
        expect_json(
            inc("/api/admin/state/s/n/increment?delta=x").await.unwrap(),
            422
        )
        .await["field"],
        "delta"
    );
}

#[tokio::test]
async fn an_increment_past_the_64_bit_range_is_a_conflict_and_changes_nothing() {
    let app = spawn_app().await;
    app.post_json(
        "/api/admin/state/s",
        &json!({"state_key": "big", "state_value": i64::MAX}),
    )
    .await;
    let response = app
        .client
        .request(Method::PUT, app.url("/api/admin/state/s/big/increment"))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(response, 409).await["error"], "conflict");
    assert_eq!(
        expect_json(app.get("/api/admin/state/s/big").await, 200).await["state_value"],
        i64::MAX
    );
}

#[tokio::test]
async fn one_hundred_concurrent_admin_increments_add_exactly_one_hundred() {
    let app = spawn_app().await;
    let requests = (0..100).map(|_| {
        app.client
            .put(app.url("/api/admin/state/race/n/increment"))
            .send()
    });
    for response in futures_util::future::join_all(requests).await {
        assert_eq!(response.unwrap().status().as_u16(), 200);
    }
    assert_eq!(
        expect_json(app.get("/api/admin/state/race/n").await, 200).await["state_value"],
        100
    );
}

#[tokio::test]
async fn bad_state_input_is_refused_and_stores_nothing() {
    let app = spawn_app().await;
    let missing_key = expect_json(
        app.post_json("/api/admin/state/s", &json!({"state_value": 1}))
            .await,
        422,
    )
    .await;
    assert_eq!(missing_key["field"], "state_key");
    let missing_value = expect_json(
        app.post_json("/api/admin/state/s", &json!({"state_key": "k"}))
            .await,
        422,
    )
    .await;
    assert_eq!(missing_value["field"], "state_value");
    let unknown = expect_json(
        app.post_json(
            "/api/admin/state/s",
            &json!({"state_key": "k", "state_value": 1, "ttl": 5}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(unknown["field"], "ttl");
    let malformed = app
        .post_raw("/api/admin/state/s", "application/json", "{\"state_key\":")
        .await;
    assert_eq!(malformed.status().as_u16(), 400);
    assert_eq!(
        expect_json(app.get("/api/admin/state").await, 200).await["count"],
        0
    );
}

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("state.db");
    let client = reqwest::Client::new();
    let first = start_binary(&db, &[]);
    client
        .post(format!("{}/api/admin/mocks", first.address))
        .json(&mock_json(
            "/count",
            json!({"is_template": true, "response_body": "{{ state.inc('visits') }}"}),
        ))
        .send()
        .await
        .unwrap();
    for _ in 0..3 {
        client
            .get(format!("{}/count", first.address))
            .header("X-Session-ID", "keep")
            .send()
            .await
            .unwrap();
    }
    assert_eq!(first.terminate(), Some(0));
    let second = start_binary(&db, &[]);
    let value = client
        .get(format!("{}/count", second.address))
        .header("X-Session-ID", "keep")
        .send()
        .await
        .unwrap();
    assert_eq!(value.text().await.unwrap(), "4");
}
