//! Broken import documents: a §2 error naming where the file is wrong, and
//! nothing stored.

use serde_json::Value;

use crate::helpers::{expect_json, spawn_app, TestApp};

async fn refused(
    app: &TestApp,
    query: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
    status: u16,
) -> Value {
    let response = app
        .post_raw(&format!("/api/admin/import{query}"), content_type, body)
        .await;
    let error = expect_json(response, status).await;
    assert_eq!(app.mock_count().await, 0, "nothing is stored");
    error
}

fn detail(error: &Value) -> &str {
    error["detail"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn malformed_json_and_yaml_are_400s_with_line_and_column() {
    let app = spawn_app().await;
    let json = refused(
        &app,
        "",
        "application/json",
        "{\"openapi\": \"3.0.0\",\n  \"paths\": {,}}",
        400,
    )
    .await;
    assert_eq!(json["error"], "malformed_document");
    assert!(detail(&json).contains("line 2 column 13"), "{json}");
    let yaml = refused(
        &app,
        "",
        "application/yaml",
        "openapi: 3.0.0\npaths:\n  /a: [1, 2\n  /b: 3\n",
        400,
    )
    .await;
    assert!(detail(&yaml).contains("line 4"), "{yaml}");
    let empty = refused(&app, "", "application/json", "  ", 400).await;
    assert!(detail(&empty).contains("empty"));
}

#[tokio::test]
async fn an_unresolvable_ref_is_a_422_naming_its_location() {
    let app = spawn_app().await;
    let spec = r##"{"openapi": "3.0.3", "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}}}"##;
    let error = refused(&app, "", "application/json", spec, 422).await;
    assert_eq!(error["error"], "validation_error");
    assert_eq!(
        error["field"],
        "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref"
    );
    assert!(
        detail(&error).contains("#/components/schemas/Missing"),
        "{error}"
    );
    let external = spec.replace("#/components/schemas/Missing", "models.yaml#/Pet");
    let error = refused(&app, "", "application/json", external, 422).await;
    assert!(detail(&error).contains("bundle"), "{error}");
}

#[tokio::test]
async fn yaml_alias_bombs_and_deep_nesting_are_refused_quickly() {
    let app = spawn_app().await;
    let mut bomb = String::from("openapi: 3.0.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let started = std::time::Instant::now();
    let error = refused(&app, "", "application/yaml", bomb, 400).await;
    assert!(detail(&error).contains("repetition limit"), "{error}");
    let deep = format!("openapi: 3.0.0\npaths: {}", "[".repeat(200_000));
    let error = refused(&app, "", "application/yaml", deep, 400).await;
    assert!(
        detail(&error).contains("more than 128 levels deep at line 2"),
        "{error}"
    );
    let deep_json = format!("{{\"openapi\": \"3.0.0\", \"x\": {}", "[".repeat(200_000));
    let error = refused(&app, "", "application/json", deep_json, 400).await;
    assert!(detail(&error).contains("recursion limit"), "{error}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn cyclic_and_exponential_schemas_import_with_bounded_work() {
    let app = spawn_app().await;
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        "S0".into(),
        serde_json::json!({"type": "object", "properties": {"x": {"type": "string"}}}),
    );
    for i in 1..60 {
        let prev = format!("#/components/schemas/S{}", i - 1);
        schemas.insert(format!("S{i}"), serde_json::json!({"allOf": [{"$ref": prev}, {"$ref": prev}], "properties": {"a": {"$ref": prev}, "b": {"$ref": prev}}}));
    }
    schemas.insert("Self".into(), serde_json::json!({"allOf": [{"$ref": "#/components/schemas/Self"}], "required": ["me"], "properties": {"me": {"$ref": "#/components/schemas/Self"}}}));
    let mut paths = serde_json::Map::new();
    for name in ["S59", "Self"] {
        let response = serde_json::json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}}});
        paths.insert(
            format!("/{name}"),
            serde_json::json!({"get": {"operationId": name, "responses": response}}),
        );
    }
    let spec =
        serde_json::json!({"openapi": "3.0.3", "paths": paths, "components": {"schemas": schemas}});
    let started = std::time::Instant::now();
    let report = expect_json(app.post_json("/api/admin/import", &spec).await, 201).await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(report["created"].as_array().map(Vec::len), Some(2));
    let warned: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["item"].as_str())
        .collect();
    assert!(
        warned.contains(&"S59") && warned.contains(&"Self"),
        "{report}"
    );
    assert_eq!(app.get("/S59").await.status().as_u16(), 200);
}

#[tokio::test]
async fn unknown_formats_unrecognisable_documents_and_bad_flags_are_422s() {
    let app = spawn_app().await;
    let error = refused(&app, "?format=postman", "application/json", "{}", 422).await;
    assert_eq!(error["field"], "format");
    let error = refused(&app, "", "application/json", "{\"hello\": 1}", 422).await;
    assert!(detail(&error).contains("?format="), "{error}");
    let error = refused(&app, "?dry_run=maybe", "application/json", "{}", 422).await;
    assert_eq!(error["field"], "dry_run");
    let error = refused(&app, "", "application/json", "{\"swagger\": \"1.2\"}", 422).await;
    assert_eq!(error["field"], "/swagger");
    let error = refused(
        &app,
        "?format=openapi",
        "application/json",
        "{\"openapi\": \"3.0.0\", \"paths\": []}",
        422,
    )
    .await;
    assert_eq!(error["field"], "/paths");
}

#[tokio::test]
async fn wrong_content_types_missing_file_fields_and_huge_bodies_are_refused() {
    let app = spawn_app().await;
    let error = refused(&app, "", "text/html", "<html/>", 400).await;
    assert_eq!(error["error"], "unsupported_content_type");
    let form = reqwest::multipart::Form::new().text("other", "x");
    let response = crate::import_support::upload(&app, form).await;
    let error = expect_json(response, 422).await;
    assert_eq!(error["field"], "file");
    let huge = vec![b' '; 11 * 1024 * 1024];
    let error = refused(&app, "", "application/json", huge, 413).await;
    assert_eq!(error["error"], "payload_too_large");
    let binary = refused(
        &app,
        "",
        "application/octet-stream",
        vec![0xffu8, 0xfe, 0],
        400,
    )
    .await;
    assert!(detail(&binary).contains("UTF-8"));
}

#[tokio::test]
async fn invalid_mocks_in_a_mimicus_export_are_skipped_with_a_warning() {
    let app = spawn_app().await;
    let doc = serde_json::json!({"mocks": [
        {"mock_id": "ok", "mock_name": "ok", "match_method": "GET", "match_path": "/ok"},
        {"mock_id": "bad", "mock_name": "bad", "match_method": "GET", "match_path": "/bad", "response_status": 42},
    ]});
    let report = expect_json(app.post_json("/api/admin/import", &doc).await, 201).await;
    assert_eq!(report["format"], "mimicus");
    assert_eq!(report["created"], serde_json::json!(["ok"]));
    assert_eq!(report["skipped"], serde_json::json!(["bad"]));
    assert!(report["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("response_status"));
    assert_eq!(app.mock_count().await, 1);
}

#[tokio::test]
async fn a_key_repeated_in_one_object_is_a_422_naming_it() {
    let app = spawn_app().await;
    let yaml = "openapi: 3.0.0\npaths:\n  /pets:\n    get:\n      responses: {}\n  /pets:\n    post:\n      responses: {}\n";
    let error = refused(&app, "", "application/yaml", yaml, 422).await;
    assert_eq!(error["field"], "/paths/~1pets");
    assert!(
        detail(&error).contains("twice") && detail(&error).contains("mapping at line 3"),
        "{error}"
    );
    let json = r#"{"mappings": [{"request": {"url": "/a", "url": "/b"}, "response": {}}]}"#;
    let error = refused(&app, "", "application/json", json, 422).await;
    assert_eq!(error["field"], "/mappings/0/request/url");
}
