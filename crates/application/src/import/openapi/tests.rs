use serde_json::{json, Value};

use super::convert;
use crate::dto::parse_mock;
use crate::import::ImportError;

fn mocks(doc: &Value) -> Vec<Value> {
    let conversion = convert(doc, false).unwrap_or_else(|e| panic!("{e}"));
    for mock in &conversion.mocks {
        parse_mock(mock).unwrap_or_else(|e| panic!("{e}: {mock}"));
    }
    conversion.mocks
}

fn v3(paths: Value) -> Value {
    json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://api.example.com/v1"}], "paths": paths,
        "components": {"schemas": {"Pet": {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}, "tag": {"type": "string"}}}}}})
}

#[test]
fn each_operation_becomes_a_mock_with_the_first_success_response() {
    let doc = v3(json!({
        "/pets/{petId}": {
            "get": {"operationId": "showPetById", "summary": "Info for a pet", "tags": ["pets"], "responses": {
                "default": {"description": "error"},
                "201": {"description": "x", "content": {"application/xml": {"example": "<a/>"}, "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "200": {"description": "ok"},
            }},
            "delete": {"responses": {"204": {"description": "gone"}}},
        }
    }));
    let mocks = mocks(&doc);
    assert_eq!(mocks.len(), 2);
    let get = &mocks[0];
    assert_eq!(get["mock_id"], "showPetById");
    assert_eq!(get["mock_name"], "Info for a pet");
    assert_eq!(get["mock_tags"], json!(["pets"]));
    assert_eq!(get["match_path"], "/v1/pets/{petId}");
    assert_eq!(get["response_status"], 201);
    assert_eq!(get["response_headers"]["Content-Type"], "application/json");
    assert!(
        get["response_body"]["id"].is_i64() && get["response_body"]["name"].is_string(),
        "{get}"
    );
    assert_eq!(mocks[1]["mock_id"], "delete-pets-petId");
    assert_eq!(mocks[1]["response_status"], 204);
    assert_eq!(mocks[1]["response_body"], "");
}

#[test]
fn examples_win_over_schemas_and_error_examples_become_disabled_mocks() {
    let doc = v3(
        json!({"/pets": {"get": {"operationId": "listPets", "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array"}, "examples": {"two": {"$ref": "#/components/examples/Two"}}}}},
            "404": {"description": "nf", "content": {"application/problem+json": {"example": {"title": "not found"}}}},
            "500": {"description": "no example", "content": {"application/json": {"schema": {"type": "object"}}}},
        }}}}),
    );
    let mut doc = doc;
    doc["components"]["examples"] = json!({"Two": {"value": [{"id": 1}, {"id": 2}]}});
    let mocks = mocks(&doc);
    assert_eq!(mocks.len(), 2, "{mocks:#?}");
    assert_eq!(mocks[0]["response_body"], json!([{"id": 1}, {"id": 2}]));
    let error = &mocks[1];
    assert_eq!(error["mock_id"], "listPets-404");
    assert_eq!(error["mock_enabled"], false);
    assert_eq!(error["mock_priority"], 101);
    assert_eq!(error["response_status"], 404);
    assert_eq!(
        error["response_headers"]["Content-Type"],
        "application/problem+json"
    );
}

#[test]
fn swagger_2_uses_base_path_produces_and_examples() {
    let doc = json!({"swagger": "2.0", "basePath": "/v2", "produces": ["application/xml", "application/json"], "paths": {
        "/pet/{petId}": {"get": {"operationId": "getPetById", "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"},
            "headers": {"X-Rate-Limit": {"type": "integer", "format": "int32", "minimum": 1}}}}}},
        "/user/login": {"get": {"produces": ["text/plain"], "responses": {"200": {"description": "ok", "schema": {"type": "string"}, "examples": {"text/plain": "logged in"}}}}},
    }, "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string", "example": "doggie"}}}}});
    let mocks = mocks(&doc);
    assert_eq!(mocks[0]["match_path"], "/v2/pet/{petId}");
    assert_eq!(
        mocks[0]["response_headers"]["Content-Type"],
        "application/json"
    );
    assert_eq!(mocks[0]["response_body"], json!({"name": "doggie"}));
    assert!(mocks[0]["response_headers"]["X-Rate-Limit"]
        .as_str()
        .is_some_and(|v| v.parse::<i32>().is_ok_and(|n| n >= 1)));
    assert_eq!(mocks[1]["response_headers"]["Content-Type"], "text/plain");
    assert_eq!(mocks[1]["response_body"], "logged in");
}

#[test]
fn dynamic_imports_turn_generated_bodies_into_templates() {
    let doc = v3(
        json!({"/pets": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}}),
    );
    let conversion = convert(&doc, true).unwrap_or_else(|e| panic!("{e}"));
    let mock = &conversion.mocks[0];
    assert_eq!(mock["is_template"], true);
    assert!(
        mock["response_body"]
            .as_str()
            .is_some_and(|b| b.contains("{{")),
        "{mock}"
    );
    assert!(parse_mock(mock).is_ok());
}

#[test]
fn bad_specs_are_refused_with_their_location() {
    let dangling = v3(
        json!({"/a": {"get": {"responses": {"200": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}}),
    );
    match convert(&dangling, false) {
        Err(ImportError::Invalid { location, detail }) => {
            assert_eq!(
                location,
                "/paths/~1a/get/responses/200/content/application~1json/schema/$ref"
            );
            assert!(detail.contains("#/components/schemas/Missing"));
        }
        other => panic!("{other:?}"),
    }
    let old = json!({"swagger": "1.2"});
    assert!(
        matches!(convert(&old, false), Err(ImportError::Invalid { location, .. }) if location == "/swagger")
    );
    let bad_op = json!({"openapi": "3.1.0", "paths": {"/a": {"get": "nope"}}});
    assert!(
        matches!(convert(&bad_op, false), Err(ImportError::Invalid { location, .. }) if location == "/paths/~1a/get")
    );
}

#[test]
fn a_spec_without_paths_gives_a_warning_and_no_mocks() {
    let conversion = convert(&json!({"openapi": "3.1.0", "webhooks": {}}), false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(conversion.mocks.is_empty());
    assert_eq!(conversion.warnings.len(), 1);
}
