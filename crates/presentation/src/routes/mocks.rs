//! `/api/admin/mocks` (SPEC §3).

use actix_web::{web, HttpRequest, HttpResponse};
use application::dto::mock_to_json;
use domain::{MockFilter, MockMode};
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::body::json_body;
use crate::{ApiError, AppState};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // Fixed paths first, so "export" and "bulk-import" are not taken for ids.
    cfg.route("/mocks/export", web::get().to(export))
        .route("/mocks/stats", web::get().to(super::mock_stats::stats))
        .route(
            "/mocks/bulk-import",
            web::post().to(super::mocks_bulk::bulk_import),
        )
        .service(
            web::resource("/mocks")
                .route(web::get().to(list))
                .route(web::post().to(create)),
        )
        .service(
            web::resource("/mocks/{mock_id}")
                .route(web::get().to(get))
                .route(web::put().to(update))
                .route(web::patch().to(update))
                .route(web::delete().to(delete)),
        )
        .route("/mocks/{mock_id}/toggle", web::post().to(toggle))
        .route("/mocks/{mock_id}/duplicate", web::post().to(duplicate))
        .route("/mocks/{mock_id}/reset", web::post().to(reset));
}

type State = web::Data<AppState>;

async fn create(
    req: HttpRequest,
    payload: web::Payload,
    state: State,
) -> Result<HttpResponse, ApiError> {
    let input = json_body(&req, payload, state.body_limit).await?;
    let mock = state.mocks.create(&input).await?;
    Ok(HttpResponse::Created().json(mock_to_json(&mock)))
}

async fn list(req: HttpRequest, state: State) -> Result<HttpResponse, ApiError> {
    let q = QueryParams::from_request(&req);
    let mode = q
        .get("mode")
        .map(MockMode::parse)
        .transpose()
        .map_err(|e| ApiError::invalid("mode", e.detail))?;
    let filter = MockFilter {
        search: q.get("search").map(str::to_string),
        enabled: q.bool("enabled")?,
        mode,
        tag: q.get("tag").map(str::to_string),
        limit: q.int("limit", 0, 100_000)?,
        offset: q.int("offset", 0, i64::MAX)?.unwrap_or(0),
    };
    let page = state.mocks.list(&filter).await?;
    let mocks: Vec<Value> = page.mocks.iter().map(mock_to_json).collect();
    Ok(HttpResponse::Ok().json(json!({ "mocks": mocks, "count": page.total })))
}

async fn get(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let mock = state.mocks.get(&path)?;
    Ok(HttpResponse::Ok().json(mock_to_json(&mock)))
}

async fn update(
    req: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
    state: State,
) -> Result<HttpResponse, ApiError> {
    // Unknown ids are a 404 even when the body is also wrong.
    state.mocks.get(&path)?;
    let patch = json_body(&req, payload, state.body_limit).await?;
    let mock = state.mocks.update(&path, &patch).await?;
    Ok(HttpResponse::Ok().json(mock_to_json(&mock)))
}

async fn delete(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    state.mocks.delete(&path).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn toggle(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let mock = state.mocks.toggle(&path).await?;
    Ok(HttpResponse::Ok().json(mock_to_json(&mock)))
}

async fn duplicate(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let mock = state.mocks.duplicate(&path).await?;
    Ok(HttpResponse::Created().json(mock_to_json(&mock)))
}

async fn reset(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let mock = state.mocks.reset(&path).await?;
    Ok(HttpResponse::Ok().json(mock_to_json(&mock)))
}

async fn export(state: State) -> HttpResponse {
    HttpResponse::Ok().json(state.mocks.export_document())
}
