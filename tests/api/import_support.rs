//! Shared by the import tests: fixtures, the import call, the CLI, and
//! small request helpers.

use std::path::{Path, PathBuf};
use std::process::Output;

use reqwest::{Client, Method};
use serde_json::Value;

use crate::helpers::{expect_json, TestApp};

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A fixture parsed as JSON or YAML.
pub fn document(name: &str) -> Value {
    application::import::parse_document(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn content_type(name: &str) -> &'static str {
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        "application/yaml"
    } else {
        "application/json"
    }
}

/// `POST /api/admin/import?{query}` with a fixture as the body.
pub async fn import(app: &TestApp, name: &str, query: &str, status: u16) -> Value {
    let response = app
        .post_raw(
            &format!("/api/admin/import?{query}"),
            content_type(name),
            fixture(name),
        )
        .await;
    expect_json(response, status).await
}

/// Runs `mimicus import|export …` against `db`.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_mimicus"))
        .args(args)
        .args(["--database-url", db.to_str().expect("utf-8")])
        .output()
        .expect("mimicus runs")
}

pub fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().or_else(|| v["mock_id"].as_str()))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Sends `request` and reads its JSON body.
pub async fn json_of(request: reqwest::RequestBuilder) -> Value {
    request
        .send()
        .await
        .expect("request sent")
        .json()
        .await
        .expect("JSON body")
}

/// Sends `request` and returns its status.
pub async fn status_of(request: reqwest::RequestBuilder) -> u16 {
    request
        .send()
        .await
        .expect("request sent")
        .status()
        .as_u16()
}

/// `POST /api/admin/import` with a multipart form.
pub async fn upload(app: &TestApp, form: reqwest::multipart::Form) -> reqwest::Response {
    app.client
        .post(app.url("/api/admin/import"))
        .multipart(form)
        .send()
        .await
        .expect("request sent")
}

pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

pub async fn call(client: &Client, base: &str, method: &str, path: &str) -> Answer {
    let method = Method::from_bytes(method.as_bytes()).expect("method");
    let response = client
        .request(method, format!("{base}{path}"))
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    Answer {
        status,
        content_type,
        body: response.text().await.expect("body"),
    }
}
