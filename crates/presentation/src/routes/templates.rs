//! `POST /api/admin/templates/preview` (SPEC §6).

use actix_web::{web, HttpRequest, HttpResponse};
use domain::template::TemplateRequest;
use serde_json::{json, Map, Value};

use crate::body::json_body;
use crate::{ApiError, AppState};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/templates/preview", web::post().to(preview));
}

fn pairs(value: Option<&Value>, field: &str) -> Result<Vec<(String, String)>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Object(map)) => Ok(map
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string()),
                )
            })
            .collect()),
        Some(_) => Err(ApiError::invalid(
            format!("request.{field}"),
            "must be an object of name → value",
        )),
    }
}

fn text(map: &Map<String, Value>, key: &str, default: &str) -> Result<String, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(default.to_string()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) if key == "body" => Ok(other.to_string()),
        Some(_) => Err(ApiError::invalid(
            format!("request.{key}"),
            "must be a string",
        )),
    }
}

async fn preview(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body = json_body(&req, payload, state.body_limit).await?;
    let Value::Object(fields) = body else {
        return Err(ApiError::invalid(
            "",
            "send {\"template\": \"...\", \"request\": {...}}",
        ));
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !matches!(k.as_str(), "template" | "request" | "session_id"))
    {
        return Err(ApiError::invalid(
            unknown.clone(),
            "unknown field; send template, request and session_id",
        ));
    }
    let template = match fields.get("template") {
        Some(Value::String(t)) => t.clone(),
        _ => {
            return Err(ApiError::invalid(
                "template",
                "is required and must be a string",
            ))
        }
    };
    let empty = Map::new();
    let sample = match fields.get("request") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(o)) => o,
        Some(_) => return Err(ApiError::invalid("request", "must be an object")),
    };
    let session_id = match fields.get("session_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(ApiError::invalid("session_id", "must be a string")),
    };
    let request = TemplateRequest {
        method: text(sample, "method", "GET")?.to_ascii_uppercase(),
        path: text(sample, "path", "/")?,
        headers: pairs(sample.get("headers"), "headers")?,
        query: pairs(sample.get("query"), "query")?,
        body: text(sample, "body", "")?,
        path_params: pairs(sample.get("path_params"), "path_params")?,
        client_ip: req
            .peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "127.0.0.1".into()),
        session_id,
    };
    let outcome = application::preview::preview(
        state.state.repo(),
        template,
        request,
        state.template_max_output,
    )
    .await?;
    Ok(HttpResponse::Ok().json(match outcome {
        Ok(rendered) => json!({"rendered": rendered}),
        Err(e) => json!({"error": {"message": e.message, "line": e.line}}),
    }))
}
