//! Admin API keys (SPEC §11).

use serde_json::{json, Value};

use crate::helpers::{
    expect_json, mock_json, spawn_app, spawn_app_with, start_binary_capturing_stderr, TestApp,
};

async fn status_with(app: &TestApp, header: Option<(&str, String)>) -> u16 {
    let mut request = app.client.get(app.url("/api/admin/mocks"));
    if let Some((name, value)) = header {
        request = request.header(name, value);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn with_no_key_the_admin_api_is_open_on_loopback() {
    let app = spawn_app().await;
    assert_eq!(status_with(&app, None).await, 200);
    assert_eq!(
        expect_json(app.get("/api/admin/api-keys").await, 200).await["count"],
        0
    );
}

#[tokio::test]
async fn a_bootstrap_key_is_required_in_either_header() {
    let app = spawn_app_with(|c| c.api_key = Some("boot-secret".into())).await;
    let response = app.get("/api/admin/mocks").await;
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"mimicus\""
    );
    let error = expect_json(response, 401).await;
    assert_eq!(error["error"], "unauthorized");
    assert!(error["detail"].as_str().unwrap().contains("X-API-Key"));
    assert_eq!(
        status_with(&app, Some(("X-API-Key", "boot-secret".into()))).await,
        200
    );
    assert_eq!(
        status_with(&app, Some(("Authorization", "Bearer boot-secret".into()))).await,
        200
    );
    assert_eq!(
        status_with(&app, Some(("X-API-Key", "wrong".into()))).await,
        401
    );
    assert_eq!(
        status_with(&app, Some(("Authorization", "Basic boot-secret".into()))).await,
        401
    );
    assert_eq!(
        app.get("/api/admin/unknown-route").await.status().as_u16(),
        401,
        "every admin path is protected"
    );
    let blocked = app
        .post_json("/api/admin/mocks", &mock_json("/x", json!({})))
        .await;
    assert_eq!(blocked.status().as_u16(), 401);
    let count = app
        .client
        .get(app.url("/api/admin/mocks"))
        .header("X-API-Key", "boot-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect_json(count, 200).await["count"],
        0,
        "a refused call changed nothing"
    );
}

#[tokio::test]
async fn created_keys_are_shown_once_listed_by_prefix_and_die_when_deleted() {
    let app = spawn_app().await;
    let created = expect_json(
        app.post_json("/api/admin/api-keys", &json!({"name": "ci"}))
            .await,
        201,
    )
    .await;
    let key = created["key"].as_str().unwrap().to_string();
    assert!(key.len() >= 43);
    assert!(key.starts_with(created["prefix"].as_str().unwrap()));
    for field in ["id", "name", "created_at"] {
        assert!(created.get(field).is_some(), "{field}");
    }
    assert_eq!(
        status_with(&app, None).await,
        401,
        "once a key exists, every call needs one"
    );
    let listed = app
        .client
        .get(app.url("/api/admin/api-keys"))
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap();
    let listed = expect_json(listed, 200).await;
    assert_eq!(listed["count"], 1);
    let entry = &listed["api_keys"][0];
    assert_eq!(entry["name"], "ci");
    assert!(
        entry.get("key").is_none() && entry.get("hash").is_none(),
        "the full key is never listed: {entry}"
    );
    assert!(!listed.to_string().contains(&key));
    let id = entry["id"].as_str().unwrap();
    let deleted = app
        .client
        .delete(app.url(&format!("/api/admin/api-keys/{id}")))
        .header("Authorization", format!("Bearer {key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status().as_u16(), 204);
    assert_eq!(
        status_with(&app, Some(("X-API-Key", key))).await,
        200,
        "no keys left: open again on loopback"
    );
    assert_eq!(
        app.client
            .delete(app.url(&format!("/api/admin/api-keys/{id}")))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn a_deleted_key_is_refused_while_others_remain() {
    let app = spawn_app().await;
    let first = expect_json(
        app.post_json("/api/admin/api-keys", &json!({"name": "one"}))
            .await,
        201,
    )
    .await;
    let key1 = first["key"].as_str().unwrap().to_string();
    let second = app
        .client
        .post(app.url("/api/admin/api-keys"))
        .header("X-API-Key", &key1)
        .json(&json!({"name": "two"}))
        .send()
        .await
        .unwrap();
    let key2 = expect_json(second, 201).await["key"]
        .as_str()
        .unwrap()
        .to_string();
    let id1 = first["id"].as_str().unwrap();
    app.client
        .delete(app.url(&format!("/api/admin/api-keys/{id1}")))
        .header("X-API-Key", &key2)
        .send()
        .await
        .unwrap();
    assert_eq!(status_with(&app, Some(("X-API-Key", key1))).await, 401);
    assert_eq!(status_with(&app, Some(("X-API-Key", key2))).await, 200);
}

#[tokio::test]
async fn key_names_are_validated() {
    let app = spawn_app().await;
    assert_eq!(
        expect_json(app.post_json("/api/admin/api-keys", &json!({})).await, 422).await["field"],
        "name"
    );
    assert_eq!(
        expect_json(
            app.post_json("/api/admin/api-keys", &json!({"name": " "}))
                .await,
            422
        )
        .await["field"],
        "name"
    );
    assert_eq!(
        expect_json(
            app.post_json("/api/admin/api-keys", &json!({"name": "x", "scope": "all"}))
                .await,
            422
        )
        .await["field"],
        "scope"
    );
    assert_eq!(
        expect_json(app.get("/api/admin/api-keys").await, 200).await["count"],
        0
    );
}

#[tokio::test]
async fn the_mock_surface_health_metrics_and_ui_never_need_a_key() {
    let app = spawn_app_with(|c| c.api_key = Some("boot-secret".into())).await;
    let create = app
        .client
        .post(app.url("/api/admin/mocks"))
        .header("X-API-Key", "boot-secret")
        .json(&mock_json("/open", json!({})))
        .send()
        .await
        .unwrap();
    assert_eq!(create.status().as_u16(), 201);
    assert_eq!(app.get("/open").await.status().as_u16(), 200);
    assert_eq!(app.get("/not-a-mock").await.status().as_u16(), 404);
    assert_eq!(app.get("/health").await.status().as_u16(), 200);
    assert_eq!(app.get("/metrics").await.status().as_u16(), 200);
    assert_eq!(app.get("/admin").await.status().as_u16(), 200);
}

#[tokio::test]
async fn last_used_at_is_recorded_after_use() {
    let app = spawn_app().await;
    let key = expect_json(
        app.post_json("/api/admin/api-keys", &json!({"name": "k"}))
            .await,
        201,
    )
    .await["key"]
        .as_str()
        .unwrap()
        .to_string();
    let mut last_used = Value::Null;
    for _ in 0..40 {
        let listed = app
            .client
            .get(app.url("/api/admin/api-keys"))
            .header("X-API-Key", &key)
            .send()
            .await
            .unwrap();
        last_used = expect_json(listed, 200).await["api_keys"][0]["last_used_at"].clone();
        if last_used.is_string() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(last_used.is_string(), "last_used_at was never set");
}

async fn admin_status(url: String, key: Option<&str>) -> u16 {
    let mut request = reqwest::Client::new().get(url);
    if let Some(key) = key {
        request = request.header("X-API-Key", key);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn bound_to_all_interfaces_without_a_key_the_server_creates_and_enforces_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("public.db");
    let (server, stderr) = start_binary_capturing_stderr(&db, &["--host", "0.0.0.0"], &[]);
    let printed: Vec<&String> = stderr
        .iter()
        .filter(|l| l.contains("admin API key (shown only now)"))
        .collect();
    assert_eq!(printed.len(), 1, "stderr: {stderr:?}");
    let key = printed[0].rsplit(' ').next().unwrap().to_string();
    assert!(key.starts_with("mk_"));
    let json_logs: Vec<&String> = stderr.iter().filter(|l| l.starts_with('{')).collect();
    assert!(
        json_logs.iter().any(|l| l.contains("mimicus started")),
        "the JSON logs were captured: {stderr:?}"
    );
    assert!(
        json_logs.iter().all(|l| !l.contains(&key)),
        "the key must never reach the JSON logs"
    );
    let mocks = server.loopback_url("/api/admin/mocks");
    assert_eq!(admin_status(mocks.clone(), None).await, 401);
    assert_eq!(admin_status(mocks.clone(), Some("mk_wrong")).await, 401);
    assert_eq!(admin_status(mocks, Some(&key)).await, 200);
    assert_eq!(
        admin_status(server.loopback_url("/health"), None).await,
        200
    );
    assert_eq!(
        admin_status(server.loopback_url("/no-mock-here"), None).await,
        404,
        "the mock surface answers without a key"
    );
    drop(server);

    let (again, stderr) = start_binary_capturing_stderr(&db, &["--host", "0.0.0.0"], &[]);
    assert!(
        stderr.iter().any(|l| l.contains("mimicus started")),
        "{stderr:?}"
    );
    assert!(
        stderr
            .iter()
            .all(|l| !l.contains(&key) && !l.contains("shown only now")),
        "printed only once: {stderr:?}"
    );
    assert_eq!(
        admin_status(again.loopback_url("/api/admin/mocks"), Some(&key)).await,
        200,
        "the generated key survives a restart"
    );
}

#[tokio::test]
async fn the_api_key_environment_variable_is_a_bootstrap_key_and_is_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let (server, stderr) = start_binary_capturing_stderr(
        &db,
        &["--host", "0.0.0.0"],
        &[("MIMICUS_API_KEY", "from-env")],
    );
    assert!(
        stderr.iter().any(|l| l.contains("mimicus started")),
        "{stderr:?}"
    );
    assert!(
        stderr
            .iter()
            .all(|l| !l.contains("from-env") && !l.contains("shown only now")),
        "a bootstrap key means no generated key, and it is never echoed: {stderr:?}"
    );
    let mocks = server.loopback_url("/api/admin/mocks");
    assert_eq!(admin_status(mocks.clone(), None).await, 401);
    assert_eq!(admin_status(mocks, Some("from-env")).await, 200);
}
