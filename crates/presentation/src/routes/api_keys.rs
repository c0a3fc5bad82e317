//! `/api/admin/api-keys` (SPEC §11).

use actix_web::{web, HttpRequest, HttpResponse};
use domain::api_key::ApiKey;
use serde_json::{json, Value};

use crate::body::json_body;
use crate::{ApiError, AppState};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api-keys")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .route("/api-keys/{id}", web::delete().to(delete));
}

fn summary(key: &ApiKey) -> Value {
    json!({"id": key.id, "name": key.name, "prefix": key.prefix, "created_at": key.created_at, "last_used_at": key.last_used_at})
}

async fn create(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let body = json_body(&req, payload, state.body_limit).await?;
    let Value::Object(fields) = body else {
        return Err(ApiError::invalid("", "send {\"name\": \"...\"}"));
    };
    if let Some(unknown) = fields.keys().find(|k| k.as_str() != "name") {
        return Err(ApiError::invalid(
            unknown.clone(),
            "unknown field; send only name",
        ));
    }
    let Some(Value::String(name)) = fields.get("name") else {
        return Err(ApiError::invalid(
            "name",
            "is required and must be a string",
        ));
    };
    let (record, key) = state.api_keys.create(name).await?;
    Ok(HttpResponse::Created().json(json!({
        "id": record.id, "name": record.name, "key": key, "prefix": record.prefix, "created_at": record.created_at,
    })))
}

async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let keys: Vec<Value> = state.api_keys.list().await?.iter().map(summary).collect();
    Ok(HttpResponse::Ok().json(json!({"count": keys.len(), "api_keys": keys})))
}

async fn delete(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    state.api_keys.delete(&path).await?;
    Ok(HttpResponse::NoContent().finish())
}
