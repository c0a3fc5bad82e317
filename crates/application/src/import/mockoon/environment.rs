//! The Mockoon environment file format (the fields Mimicus reads).

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Environment {
    pub name: String,
    pub endpoint_prefix: String,
    pub latency: u64,
    pub routes: Vec<Route>,
    pub headers: Vec<Header>,
    pub data: Vec<DataBucket>,
    pub proxy_mode: bool,
    pub proxy_host: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Route {
    pub uuid: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub documentation: String,
    pub method: String,
    pub endpoint: String,
    pub responses: Vec<RouteResponse>,
    pub response_mode: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RouteResponse {
    pub uuid: String,
    pub body: String,
    pub latency: u64,
    pub status_code: u16,
    pub label: String,
    pub headers: Vec<Header>,
    pub body_type: Option<String>,
    pub file_path: String,
    #[serde(rename = "databucketID")]
    pub databucket_id: String,
    pub rules: Vec<Rule>,
    pub rules_operator: Option<String>,
    pub disable_templating: bool,
    pub default: bool,
    pub callbacks: Vec<Value>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Header {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rule {
    pub target: String,
    pub modifier: String,
    pub value: String,
    pub invert: bool,
    pub operator: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DataBucket {
    pub id: String,
    pub name: String,
    pub value: String,
}
