//! OpenAPI and Swagger fixtures imported over HTTP; every mock called and
//! its answer checked against the spec.

use serde_json::{json, Value};

use crate::helpers::{expect_json, spawn_app};
use crate::import_support::{call, document, ids, import};
use crate::openapi_check::{check_openapi, validate};

#[tokio::test]
async fn petstore_openapi_3_imports_one_mock_per_operation() {
    let app = spawn_app().await;
    let report = import(&app, "petstore-openapi3.yaml", "", 201).await;
    assert_eq!(report["format"], "openapi");
    assert_eq!(
        ids(&report["created"]),
        ["listPets", "createPets", "showPetById"]
    );
    assert_eq!(report["updated"], json!([]));
    assert_eq!(report["skipped"], json!([]));
    assert_eq!(report["mocks"][0]["mock_tags"], json!(["pets"]));
    assert_eq!(report["mocks"][2]["match_path"], "/v1/pets/{petId}");
    let spec = document("petstore-openapi3.yaml");
    assert_eq!(check_openapi(&app.client, &app.address, &spec).await, 3);
}

#[tokio::test]
async fn swagger_2_petstore_answers_valid_bodies_under_its_base_path() {
    let app = spawn_app().await;
    let report = import(&app, "petstore-swagger2.json", "", 201).await;
    let created = ids(&report["created"]);
    assert!(created.contains(&"getPetById".to_string()), "{created:?}");
    let spec = document("petstore-swagger2.json");
    assert_eq!(check_openapi(&app.client, &app.address, &spec).await, 11);
    let login = call(
        &app.client,
        &app.address,
        "GET",
        "/v2/user/login?username=a&password=b",
    )
    .await;
    assert!(login.content_type.starts_with("application/json"));
    let pet = call(&app.client, &app.address, "GET", "/v2/pet/1").await;
    let pet: Value = serde_json::from_str(&pet.body).unwrap();
    assert_eq!(pet["name"], "doggie", "the schema's own example is used");
}

#[tokio::test]
async fn refs_all_of_one_of_and_recursion_give_bodies_valid_against_the_schema() {
    let app = spawn_app().await;
    let report = import(&app, "shop-refs-allof.yaml", "", 201).await;
    assert_eq!(report["warnings"], json!([]), "{report}");
    let spec = document("shop-refs-allof.yaml");
    assert_eq!(check_openapi(&app.client, &app.address, &spec).await, 8);
    let report_path = report["mocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mock_id"] == "downloadReport")
        .unwrap()["match_path"]
        .clone();
    assert_eq!(
        report_path,
        "^/api/v2/reports/(?P<reportId>[^/]+)\\.(?P<format>[^/]+)$"
    );
    let tree = call(&app.client, &app.address, "GET", "/api/v2/categories").await;
    let tree: Value = serde_json::from_str(&tree.body).unwrap();
    assert!(
        tree[0]["children"][0]["name"].is_string(),
        "recursive schemas expand: {tree}"
    );
}

#[tokio::test]
async fn documented_errors_with_examples_become_disabled_mocks_that_win_when_enabled() {
    let app = spawn_app().await;
    let report = import(&app, "shop-refs-allof.yaml", "", 201).await;
    let created = ids(&report["created"]);
    for id in ["createCustomer-422", "getCustomer-404", "getOrder-404"] {
        assert!(created.contains(&id.to_string()), "{id} in {created:?}");
    }
    let error = expect_json(app.get("/api/admin/mocks/getCustomer-404").await, 200).await;
    assert_eq!(
        (
            error["mock_enabled"].clone(),
            error["response_status"].clone()
        ),
        (json!(false), json!(404))
    );
    let path = "/api/v2/customers/1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    assert_eq!(
        call(&app.client, &app.address, "GET", path).await.status,
        200
    );
    expect_json(
        app.post_json("/api/admin/mocks/getCustomer-404/toggle", &json!({}))
            .await,
        200,
    )
    .await;
    let answer = call(&app.client, &app.address, "GET", path).await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.content_type, "application/problem+json");
    let spec = document("shop-refs-allof.yaml");
    validate(
        &spec,
        "/components/responses/NotFound/content/application~1problem+json/schema",
        &serde_json::from_str(&answer.body).unwrap(),
    );
}

#[tokio::test]
async fn dynamic_import_gives_bodies_that_vary_and_still_validate() {
    let app = spawn_app().await;
    let report = import(&app, "shop-refs-allof.yaml", "dynamic=true", 201).await;
    let customer = report["mocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mock_id"] == "getCustomer")
        .unwrap();
    assert_eq!(customer["is_template"], true);
    let spec = document("shop-refs-allof.yaml");
    let pointer = "/components/schemas/Customer";
    let path = "/api/v2/customers/42";
    let first = call(&app.client, &app.address, "GET", path).await;
    let second = call(&app.client, &app.address, "GET", path).await;
    assert_ne!(first.body, second.body, "each call varies");
    for answer in [first, second] {
        assert_eq!(answer.status, 200);
        validate(&spec, pointer, &serde_json::from_str(&answer.body).unwrap());
    }
    assert_eq!(check_openapi(&app.client, &app.address, &spec).await, 8);
}

#[tokio::test]
async fn dry_run_reports_the_mocks_and_stores_nothing() {
    let app = spawn_app().await;
    let report = import(&app, "petstore-openapi3.yaml", "dry_run=true", 200).await;
    assert_eq!(report["dry_run"], true);
    assert_eq!(ids(&report["created"]).len(), 3);
    assert_eq!(report["mocks"].as_array().map(Vec::len), Some(3));
    assert_eq!(app.mock_count().await, 0);
    assert_eq!(app.get("/v1/pets").await.status().as_u16(), 404);
}

#[tokio::test]
async fn importing_again_skips_existing_ids_unless_upsert() {
    let app = spawn_app().await;
    import(&app, "petstore-openapi3.yaml", "", 201).await;
    let again = import(&app, "petstore-openapi3.yaml", "format=openapi", 200).await;
    assert_eq!(
        ids(&again["skipped"]),
        ["listPets", "createPets", "showPetById"]
    );
    assert_eq!(again["warnings"][0]["item"], "listPets");
    assert!(again["warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("already exists"));
    let upserted = import(&app, "petstore-openapi3.yaml", "upsert=true", 200).await;
    assert_eq!(ids(&upserted["updated"]).len(), 3);
    assert_eq!(upserted["created"], json!([]));
    assert_eq!(app.mock_count().await, 3);
}

#[tokio::test]
async fn a_multipart_upload_imports_like_a_raw_body() {
    let app = spawn_app().await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(crate::import_support::fixture("petstore-openapi3.yaml"))
            .file_name("petstore.yaml"),
    );
    let response = crate::import_support::upload(&app, form).await;
    let report = expect_json(response, 201).await;
    assert_eq!(ids(&report["created"]).len(), 3);
}
