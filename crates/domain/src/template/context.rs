//! The template context (SPEC §6), built once per render, plus its JSON form
//! for the inspector.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde_json::json;

use super::faker::FakerObject;
use super::state_object::StateObject;
use crate::state::{StateMeta, StateRepository};
use crate::IncomingRequest;

/// The request as templates see it; also what a preview supplies.
#[derive(Debug, Clone, Default)]
pub struct TemplateRequest {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    pub body: String,
    pub path_params: Vec<(String, String)>,
    pub client_ip: String,
    pub session_id: Option<String>,
}

impl TemplateRequest {
    pub fn from_incoming(req: &IncomingRequest, path_params: &[(String, String)]) -> Self {
        Self {
            method: req.method.clone(),
            path: req.path.clone(),
            headers: req.headers.clone(),
            query: req.query.clone(),
            body: req.body_text().into_owned(),
            path_params: path_params.to_vec(),
            client_ip: req.client_ip.clone(),
            session_id: req.session_id.clone(),
        }
    }

    /// `session id`, else `ip:<client address>` (SPEC §5).
    pub fn scope(&self) -> String {
        match &self.session_id {
            Some(s) => s.clone(),
            None => format!("ip:{}", self.client_ip),
        }
    }

    fn cookies(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("cookie"))
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    }
}

/// Request headers with case-insensitive lookup: `request.headers['content-type']`
/// and `request.headers['Content-Type']` both work.
#[derive(Debug)]
struct Headers(Vec<(String, String)>);

impl Object for Headers {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| Value::from(v.clone()))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.0.iter().map(|(k, _)| Value::from(k.clone())).collect())
    }
}

fn first_values(pairs: &[(String, String)]) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    for (k, v) in pairs {
        map.entry(k.clone()).or_insert_with(|| json!(v));
    }
    map
}

/// Everything a render needs, built once per request.
pub struct RenderContext {
    value: Value,
    json: serde_json::Value,
    uses_state: bool,
}

impl RenderContext {
    pub fn new(
        request: &TemplateRequest,
        mock_id: &str,
        mock_name: &str,
        store: Option<Arc<dyn StateRepository>>,
    ) -> Self {
        let parsed: Option<serde_json::Value> = serde_json::from_str(&request.body).ok();
        let headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect();
        let json = json!({
            "request": {
                "method": request.method,
                "path": request.path,
                "headers": first_values(&headers),
                "query": first_values(&request.query),
                "json": parsed,
                "body": request.body,
                "path_params": first_values(&request.path_params),
                "cookies": first_values(&request.cookies()),
            },
            "session_id": request.session_id,
            "client_ip": request.client_ip,
            "mock": {"id": mock_id, "name": mock_name},
            "env": {"timestamp": chrono::Utc::now().timestamp()},
        });
        let mut request_value: Vec<(String, Value)> = match json.get("request") {
            Some(serde_json::Value::Object(o)) => o
                .iter()
                .map(|(k, v)| (k.clone(), Value::from_serialize(v)))
                .collect(),
            _ => Vec::new(),
        };
        for entry in &mut request_value {
            if entry.0 == "headers" {
                entry.1 = Value::from_object(Headers(headers.clone()));
            }
        }
        let mut root: Vec<(String, Value)> = match &json {
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| k.as_str() != "request")
                .map(|(k, v)| (k.clone(), Value::from_serialize(v)))
                .collect(),
            _ => Vec::new(),
        };
        root.push(("request".into(), Value::from_iter(request_value)));
        root.push(("faker".into(), Value::from_object(FakerObject)));
        let uses_state = store.is_some();
        if let Some(store) = store {
            let meta = StateMeta {
                mock_id: Some(mock_id.to_string()),
                client_ip: Some(request.client_ip.clone()),
            };
            root.push((
                "state".into(),
                Value::from_object(StateObject {
                    store,
                    scope: request.scope(),
                    meta,
                }),
            ));
        }
        Self {
            value: Value::from_iter(root),
            json,
            uses_state,
        }
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The context as JSON (without the `state` and `faker` objects), as given to the template.
    pub fn as_json(&self) -> &serde_json::Value {
        &self.json
    }

    pub fn has_state(&self) -> bool {
        self.uses_state
    }
}
