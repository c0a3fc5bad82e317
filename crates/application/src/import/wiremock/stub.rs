//! The WireMock stub mapping format (the fields Mimicus reads).

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Stub {
    pub id: Option<String>,
    pub uuid: Option<String>,
    pub name: Option<String>,
    pub priority: Option<i64>,
    pub request: Request,
    pub response: Response,
    pub scenario_name: Option<String>,
    pub post_serve_actions: Option<Value>,
    pub serve_event_listeners: Option<Value>,
    /// Everything else; reported unless harmless (metadata, persistence).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Request {
    pub method: Option<String>,
    pub url: Option<String>,
    pub url_path: Option<String>,
    pub url_pattern: Option<String>,
    pub url_path_pattern: Option<String>,
    pub url_path_template: Option<String>,
    pub headers: Option<Map<String, Value>>,
    pub query_parameters: Option<Map<String, Value>>,
    pub body_patterns: Option<Vec<Value>>,
    pub basic_auth_credentials: Option<BasicAuth>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BasicAuth {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Response {
    pub status: Option<u16>,
    pub headers: Option<Map<String, Value>>,
    pub body: Option<String>,
    pub json_body: Option<Value>,
    pub base64_body: Option<String>,
    pub body_file_name: Option<String>,
    pub fixed_delay_milliseconds: Option<u64>,
    pub delay_distribution: Option<Value>,
    pub fault: Option<String>,
    pub proxy_base_url: Option<String>,
    pub transformers: Option<Vec<String>>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Stub fields with no effect on what a mock answers.
pub const HARMLESS: &[&str] = &[
    "metadata",
    "persistent",
    "insertionIndex",
    "requiredScenarioState",
    "newScenarioState",
];
