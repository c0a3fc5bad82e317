//! The template context (SPEC §6), built once per render, plus its JSON form
//! for the inspector.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};

use super::faker::FakerObject;
use super::state_object::StateObject;
use crate::inspector::JsonText;
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

    pub(super) fn cookies(&self) -> Vec<(String, String)> {
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
struct Headers(Arc<TemplateRequest>);

impl Object for Headers {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        self.0
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| Value::from(v.as_str()))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(
            self.0
                .headers
                .iter()
                .map(|(k, _)| Value::from(k.to_ascii_lowercase()))
                .collect(),
        )
    }
}

/// Name → first value, as a template map.
fn first_value_map(pairs: &[(String, String)]) -> Value {
    let mut seen: Vec<(&str, &str)> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if !seen.iter().any(|(s, _)| s == k) {
            seen.push((k, v));
        }
    }
    Value::from_iter(
        seen.into_iter()
            .map(|(k, v)| (k.to_string(), Value::from(v))),
    )
}

/// `request`: each field is built only when a template reads it, so a
/// template that uses one path param pays for nothing else.
#[derive(Debug)]
struct RequestObject {
    request: Arc<TemplateRequest>,
    json: std::sync::OnceLock<Value>,
}

impl Object for RequestObject {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let r = &self.request;
        Some(match key.as_str()? {
            "method" => Value::from(r.method.as_str()),
            "path" => Value::from(r.path.as_str()),
            "headers" => Value::from_object(Headers(Arc::clone(r))),
            "query" => first_value_map(&r.query),
            "json" => self
                .json
                .get_or_init(|| {
                    serde_json::from_str::<serde_json::Value>(&r.body)
                        .map(|j| Value::from_serialize(&j))
                        .unwrap_or(Value::from(()))
                })
                .clone(),
            "body" => Value::from(r.body.as_str()),
            "path_params" => first_value_map(&r.path_params),
            "cookies" => first_value_map(&r.cookies()),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&[
            "method",
            "path",
            "headers",
            "query",
            "json",
            "body",
            "path_params",
            "cookies",
        ])
    }
}

/// The top level of the context.
#[derive(Debug)]
struct Root {
    request: Value,
    mock: Value,
    session_id: Value,
    client_ip: Value,
    state: Option<Value>,
}

impl Object for Root {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "request" => self.request.clone(),
            "mock" => self.mock.clone(),
            "session_id" => self.session_id.clone(),
            "client_ip" => self.client_ip.clone(),
            "env" => Value::from_iter([("timestamp", Value::from(chrono::Utc::now().timestamp()))]),
            "faker" => Value::from_object(FakerObject),
            "state" => return self.state.clone(),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&[
            "request",
            "mock",
            "session_id",
            "client_ip",
            "env",
            "faker",
            "state",
        ])
    }
}

/// Everything a render needs, built once per request.
pub struct RenderContext {
    value: Value,
    request: Arc<TemplateRequest>,
    mock_id: String,
    mock_name: String,
    uses_state: bool,
}

impl RenderContext {
    /// Takes the request by value: it is built per render and shared by the
    /// `request` object, so copying it again would be wasted work.
    pub fn new(
        request: TemplateRequest,
        mock_id: &str,
        mock_name: &str,
        store: Option<Arc<dyn StateRepository>>,
    ) -> Self {
        let request = Arc::new(request);
        let uses_state = store.is_some();
        let state = store.map(|store| {
            let meta = StateMeta {
                mock_id: Some(mock_id.to_string()),
                client_ip: Some(request.client_ip.clone()),
            };
            Value::from_object(StateObject {
                store,
                scope: request.scope(),
                meta,
            })
        });
        let root = Root {
            request: Value::from_object(RequestObject {
                request: Arc::clone(&request),
                json: std::sync::OnceLock::new(),
            }),
            mock: Value::from_iter([
                ("id", Value::from(mock_id)),
                ("name", Value::from(mock_name)),
            ]),
            session_id: request
                .session_id
                .as_deref()
                .map_or(Value::from(()), Value::from),
            client_ip: Value::from(request.client_ip.as_str()),
            state,
        };
        Self {
            value: Value::from_object(root),
            request,
            mock_id: mock_id.to_string(),
            mock_name: mock_name.to_string(),
            uses_state,
        }
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The context as JSON text (without the `state` and `faker` objects), as
    /// given to the template; built only when asked (the inspector records it).
    pub fn to_json_text(&self) -> JsonText {
        super::context_json::context_json(&self.request, &self.mock_id, &self.mock_name)
    }

    pub fn has_state(&self) -> bool {
        self.uses_state
    }
}
