//! `mimicus import` and `mimicus export` on the real binary, with the
//! server stopped; then the server started on that database serves them.

use serde_json::Value;

use crate::helpers::start_binary;
use crate::import_support::{cli, document, fixture_path};
use crate::openapi_check::check_openapi;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn import_fixture(db: &std::path::Path, name: &str, extra: &[&str]) -> std::process::Output {
    let path = fixture_path(name);
    let mut args = vec!["import", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    cli(db, &args)
}

#[tokio::test]
async fn cli_imports_each_openapi_fixture_and_the_server_serves_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    for (name, created) in [
        ("petstore-openapi3.yaml", 3),
        ("petstore-swagger2.json", 13),
        ("shop-refs-allof.yaml", 11),
    ] {
        let output = import_fixture(&db, name, &[]);
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        let table = stdout(&output);
        assert!(
            table.contains(&format!("| created  | {created:>6} |")),
            "{name}:\n{table}"
        );
        assert!(table.contains("(openapi)"), "{table}");
    }
    let server = start_binary(&db, &[]);
    let client = reqwest::Client::new();
    for (name, operations) in [
        ("petstore-openapi3.yaml", 3),
        ("petstore-swagger2.json", 11),
        ("shop-refs-allof.yaml", 8),
    ] {
        assert_eq!(
            check_openapi(&client, &server.address, &document(name)).await,
            operations,
            "{name}"
        );
    }
}

#[test]
fn cli_dry_run_stores_nothing_and_upsert_updates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dry.db");
    let dry = import_fixture(&db, "petstore-openapi3.yaml", &["--dry-run"]);
    assert!(dry.status.success());
    assert!(
        stdout(&dry).contains("Dry run: nothing was stored."),
        "{}",
        stdout(&dry)
    );
    let export = cli(&db, &["export"]);
    let doc: Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(doc["mocks"].as_array().map(Vec::len), Some(0));
    assert!(import_fixture(&db, "petstore-openapi3.yaml", &[])
        .status
        .success());
    let again = import_fixture(&db, "petstore-openapi3.yaml", &[]);
    assert!(
        stdout(&again).contains("| skipped  |      3 |"),
        "{}",
        stdout(&again)
    );
    assert!(stdout(&again).contains("Skipped: listPets, createPets, showPetById"));
    let upsert = import_fixture(&db, "petstore-openapi3.yaml", &["--upsert"]);
    assert!(
        stdout(&upsert).contains("| updated  |      3 |"),
        "{}",
        stdout(&upsert)
    );
}

#[test]
fn cli_export_writes_a_reimportable_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, copy) = (dir.path().join("a.db"), dir.path().join("b.db"));
    assert!(import_fixture(&db, "shop-refs-allof.yaml", &["--dynamic"])
        .status
        .success());
    let file = dir.path().join("mocks.json");
    let export = cli(&db, &["export", file.to_str().unwrap()]);
    assert!(export.status.success(), "{}", stderr(&export));
    assert!(stderr(&export).contains("exported 11 mocks"));
    let reimport = cli(&copy, &["import", file.to_str().unwrap()]);
    assert!(
        stdout(&reimport).contains("(mimicus)")
            && stdout(&reimport).contains("| created  |     11 |"),
        "{}",
        stdout(&reimport)
    );
    let first: Value = serde_json::from_slice(&cli(&db, &["export"]).stdout).unwrap();
    let second: Value = serde_json::from_slice(&cli(&copy, &["export"]).stdout).unwrap();
    let strip = |doc: &Value| -> Vec<Value> {
        doc["mocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.as_object_mut()
                    .unwrap()
                    .retain(|k, _| k != "created_at" && k != "updated_at");
                m
            })
            .collect()
    };
    assert_eq!(strip(&first), strip(&second));
}

#[test]
fn cli_reports_bad_files_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.db");
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "openapi: 3.0.0\npaths:\n  /a: [1, 2\n").unwrap();
    let output = cli(&db, &["import", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not valid YAML") && stderr(&output).contains("line"),
        "{}",
        stderr(&output)
    );
    let dangling = dir.path().join("dangling.json");
    std::fs::write(&dangling, r##"{"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/nope"}}}}}}"##).unwrap();
    let output = cli(&db, &["import", dangling.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("/paths/~1a/get/responses/200/$ref"),
        "{}",
        stderr(&output)
    );
    let missing = cli(
        &db,
        &["import", dir.path().join("missing.yaml").to_str().unwrap()],
    );
    assert_eq!(missing.status.code(), Some(1));
    let unknown = cli(
        &db,
        &["import", broken.to_str().unwrap(), "--format", "postman"],
    );
    assert!(stderr(&unknown).contains("postman"));
    let doc: Value = serde_json::from_slice(&cli(&db, &["export"]).stdout).unwrap();
    assert_eq!(doc["mocks"], serde_json::json!([]));
}

#[tokio::test]
async fn cli_imports_wiremock_and_mockoon_files_that_the_server_then_serves() {
    let dir = tempfile::tempdir().unwrap();
    let (wiremock_db, mockoon_db) = (dir.path().join("wm.db"), dir.path().join("mo.db"));
    let output = import_fixture(&wiremock_db, "wiremock-mappings.json", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(
        table.contains("(wiremock)")
            && table.contains(&format!(
                "| created  | {:>6} |",
                crate::import_wiremock::STUBS
            )),
        "{table}"
    );
    assert!(
        table.contains("| warnings |      2 |") && table.contains("scenario \"checkout\""),
        "{table}"
    );
    let output = import_fixture(
        &mockoon_db,
        "mockoon-environment.json",
        &["--format", "mockoon"],
    );
    assert!(
        stdout(&output).contains(&format!(
            "| created  | {:>6} |",
            crate::import_mockoon::MOCKS
        )),
        "{}",
        stdout(&output)
    );
    let client = reqwest::Client::new();
    let server = start_binary(&wiremock_db, &[]);
    crate::import_wiremock::check_wiremock(&client, &server.address).await;
    drop(server);
    let server = start_binary(&mockoon_db, &[]);
    crate::import_mockoon::check_mockoon(&client, &server.address).await;
}

#[tokio::test]
async fn cli_imports_a_har_file_that_the_server_then_serves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("har.db");
    let output = import_fixture(&db, "shop-session.har", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let table = stdout(&output);
    assert!(
        table.contains("(har)")
            && table.contains(&format!("| created  | {:>6} |", crate::import_har::MOCKS)),
        "{table}"
    );
    assert!(table.contains("/log/entries/7: not imported"), "{table}");
    let server = start_binary(&db, &[]);
    crate::import_har::check_har(&reqwest::Client::new(), &server.address).await;
}
