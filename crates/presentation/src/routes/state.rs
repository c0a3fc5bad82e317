//! `/api/admin/state` (SPEC §5).

use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::body::json_body;
use crate::{ApiError, AppState};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/state")
            .route(web::get().to(sessions))
            .route(web::delete().to(clear_all)),
    )
    .service(
        web::resource("/state/{session_id}")
            .route(web::get().to(list))
            .route(web::post().to(set))
            .route(web::delete().to(clear_session)),
    )
    .service(
        web::resource("/state/{session_id}/{state_key}")
            .route(web::get().to(get))
            .route(web::delete().to(delete)),
    )
    .route(
        "/state/{session_id}/{state_key}/increment",
        web::put().to(increment),
    )
    .route(
        "/state/{session_id}/{state_key}/increment",
        web::post().to(increment),
    );
}

type State = web::Data<AppState>;

async fn sessions(state: State) -> Result<HttpResponse, ApiError> {
    let sessions: Vec<Value> = state
        .state
        .sessions()
        .await?
        .into_iter()
        .map(|s| json!({"session_id": s.session_id, "keys": s.keys, "updated_at": s.updated_at}))
        .collect();
    Ok(HttpResponse::Ok().json(json!({"count": sessions.len(), "sessions": sessions})))
}

async fn list(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let states: Vec<Value> = state
        .state
        .list(&path)
        .await?
        .into_iter()
        .map(|e| {
            json!({"state_key": e.key, "state_value": e.value, "session_id": e.session_id,
                   "mock_id": e.mock_id, "client_ip": e.client_ip, "updated_at": e.updated_at})
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({"count": states.len(), "states": states})))
}

async fn get(path: web::Path<(String, String)>, state: State) -> Result<HttpResponse, ApiError> {
    let (scope, key) = path.into_inner();
    let value = state.state.get(&scope, &key).await?;
    Ok(HttpResponse::Ok().json(json!({"state_key": key, "state_value": value})))
}

async fn set(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: State,
) -> Result<HttpResponse, ApiError> {
    let body = json_body(&req, payload, state.body_limit).await?;
    let Value::Object(mut fields) = body else {
        return Err(ApiError::invalid(
            "",
            "send {\"state_key\": \"...\", \"state_value\": <any JSON>}",
        ));
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !matches!(k.as_str(), "state_key" | "state_value"))
    {
        return Err(ApiError::invalid(
            unknown.clone(),
            "unknown field; send state_key and state_value",
        ));
    }
    let key = match fields.remove("state_key") {
        Some(Value::String(k)) if !k.is_empty() => k,
        _ => {
            return Err(ApiError::invalid(
                "state_key",
                "is required and must be a non-empty string",
            ))
        }
    };
    let value = fields
        .remove("state_value")
        .ok_or_else(|| ApiError::invalid("state_value", "is required (any JSON value)"))?;
    state.state.set(&path, &key, value.clone()).await?;
    Ok(HttpResponse::Ok().json(json!({"state_key": key, "state_value": value})))
}

async fn increment(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: State,
) -> Result<HttpResponse, ApiError> {
    let (scope, key) = path.into_inner();
    let delta = QueryParams::from_request(&req)
        .int("delta", i64::from(i32::MIN), i64::from(i32::MAX))?
        .unwrap_or(1);
    let new_value = state.state.increment(&scope, &key, delta).await?;
    Ok(HttpResponse::Ok().json(json!({"state_key": key, "new_value": new_value})))
}

async fn delete(path: web::Path<(String, String)>, state: State) -> Result<HttpResponse, ApiError> {
    let (scope, key) = path.into_inner();
    state.state.delete(&scope, &key).await?;
    Ok(HttpResponse::Ok().json(json!({"deleted": true, "state_key": key})))
}

async fn clear_session(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let deleted = state.state.clear(Some(&path)).await?;
    Ok(HttpResponse::Ok().json(json!({"deleted": deleted, "session_id": path.into_inner()})))
}

async fn clear_all(state: State) -> Result<HttpResponse, ApiError> {
    let deleted = state.state.clear(None).await?;
    Ok(HttpResponse::Ok().json(json!({"deleted": deleted})))
}
