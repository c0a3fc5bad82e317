//! Bulk import (JSON and multipart, partial success, upsert) and export.

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app};

#[tokio::test]
async fn bulk_import_stores_valid_items_and_reports_the_rest() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/taken", json!({"mock_id": "taken"})))
        .await;
    let doc = json!({"mocks": [
        mock_json("/a", json!({"mock_id": "a"})),
        {"mock_name": "no method", "match_path": "/b"},
        mock_json("/c", json!({"mock_id": "taken"})),
        mock_json("/d", json!({"mock_id": "d", "response_status": 42})),
        mock_json("/e", json!({"mock_id": "e"})),
    ]});
    let report = expect_json(
        app.post_json("/api/admin/mocks/bulk-import", &doc).await,
        200,
    )
    .await;
    assert_eq!(report["created"], 2);
    assert_eq!(report["errors"], 3);
    let indexes: Vec<i64> = report["error_details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["index"].as_i64().unwrap())
        .collect();
    assert_eq!(indexes, vec![1, 2, 3]);
    assert!(report["error_details"][0]["error"]
        .as_str()
        .unwrap()
        .contains("match_method"));
    assert!(report["error_details"][1]["error"]
        .as_str()
        .unwrap()
        .contains("already exists"));
    let ids: Vec<&str> = report["mocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["mock_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["a", "e"]);
    assert_eq!(app.mock_count().await, 3);
    assert_eq!(
        app.get("/e").await.status().as_u16(),
        200,
        "imported mocks are served"
    );
    let taken = expect_json(app.get("/api/admin/mocks/taken").await, 200).await;
    assert_eq!(
        taken["match_path"], "/taken",
        "the existing mock was not replaced"
    );
}

#[tokio::test]
async fn upsert_replaces_the_whole_definition() {
    let app = spawn_app().await;
    let original = app
        .create_mock(mock_json(
            "/u",
            json!({"mock_id": "u", "response_status": 201, "mock_tags": ["old"]}),
        ))
        .await;
    let doc = json!({"mocks": [{"mock_id": "u", "mock_name": "replaced", "match_method": "GET", "match_path": "/u"}]});
    let report = expect_json(
        app.post_json("/api/admin/mocks/bulk-import?upsert=true", &doc)
            .await,
        200,
    )
    .await;
    assert_eq!(
        (report["created"].clone(), report["errors"].clone()),
        (json!(1), json!(0))
    );
    let stored = expect_json(app.get("/api/admin/mocks/u").await, 200).await;
    assert_eq!(stored["mock_name"], "replaced");
    assert_eq!(
        stored["response_status"], 200,
        "omitted fields take defaults"
    );
    assert_eq!(stored["mock_tags"], json!([]));
    assert_eq!(stored["created_at"], original["created_at"]);
    assert_eq!(app.get("/u").await.status().as_u16(), 200);
}

#[tokio::test]
async fn bulk_import_accepts_a_multipart_file() {
    let app = spawn_app().await;
    let doc =
        json!({"mocks": [mock_json("/m1", json!({})), mock_json("/m2", json!({}))]}).to_string();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(doc)
            .file_name("mocks.json")
            .mime_str("application/json")
            .unwrap(),
    );
    let response = app
        .client
        .post(app.url("/api/admin/mocks/bulk-import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let report = expect_json(response, 200).await;
    assert_eq!(report["created"], 2);
    assert_eq!(app.mock_count().await, 2);
}

#[tokio::test]
async fn bulk_import_rejects_malformed_documents_and_stores_nothing() {
    let app = spawn_app().await;
    let response = app
        .post_raw(
            "/api/admin/mocks/bulk-import",
            "application/json",
            "{\"mocks\": [",
        )
        .await;
    assert_eq!(expect_json(response, 400).await["error"], "malformed_json");
    let response = app
        .post_json("/api/admin/mocks/bulk-import", &json!({"mocks": "nope"}))
        .await;
    assert_eq!(expect_json(response, 422).await["field"], "mocks");
    let form =
        reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::text("{not json"));
    let response = app
        .client
        .post(app.url("/api/admin/mocks/bulk-import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(response, 400).await["error"], "malformed_json");
    let form = reqwest::multipart::Form::new().text("other", "x");
    let response = app
        .client
        .post(app.url("/api/admin/mocks/bulk-import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(response, 422).await["field"], "file");
    assert_eq!(app.mock_count().await, 0);
}

fn without_timestamps(export: &Value) -> Vec<Value> {
    export["mocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let mut m = m.clone();
            let o = m.as_object_mut().unwrap();
            o.remove("created_at");
            o.remove("updated_at");
            m
        })
        .collect()
}

#[tokio::test]
async fn export_delete_all_import_export_gives_identical_definitions() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/one", json!({"mock_tags": ["t"], "match_body": {"json_contains": {"a": [1, {"b": 2}]}}, "match_method": "POST"}))).await;
    app.create_mock(mock_json("^/two/(?P<id>\\d+)$", json!({"match_headers": {"X-A": {"present": true}}, "response_body": "text", "error_rate": 2.5}))).await;
    app.create_mock(mock_json(
        "/three/{*rest}",
        json!({"mock_enabled": false, "variants": [{"weight": 1, "response": {"status": 201}}]}),
    ))
    .await;
    let first = app.export().await;
    assert_eq!(first["mocks"].as_array().unwrap().len(), 3);
    for mock in first["mocks"].as_array().unwrap() {
        let id = mock["mock_id"].as_str().unwrap();
        let response = app
            .client
            .delete(app.url(&format!("/api/admin/mocks/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 204);
    }
    assert_eq!(app.mock_count().await, 0);
    let report = expect_json(
        app.post_json("/api/admin/mocks/bulk-import", &first).await,
        200,
    )
    .await;
    assert_eq!(report["created"], 3, "{report}");
    let second = app.export().await;
    assert_eq!(without_timestamps(&second), without_timestamps(&first));
}
