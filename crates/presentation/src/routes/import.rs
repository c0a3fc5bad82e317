//! `POST /api/admin/import` (SPEC §13): another tool's file in, mocks out.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use application::dto::mock_to_json;
use application::import::{ImportFormat, ImportOptions, ImportOutcome, NoProgress};
use application::AppError;
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::body::{content_type, is_multipart, media_type, read_limited, read_multipart_file};
use crate::{ApiError, AppState};
use domain::recording::is_json_media_type;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/import", web::post().to(import));
}

async fn import(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let options = options(&req)?;
    let bytes = if is_multipart(&req) {
        read_multipart_file(&req, payload, state.body_limit).await?
    } else {
        check_content_type(&req)?;
        read_limited(&req, payload, state.body_limit).await?
    };
    let outcome = state
        .mocks
        .import_document(bytes.to_vec(), options, Arc::new(NoProgress))
        .await?;
    let status = if !outcome.dry_run && !outcome.created.is_empty() {
        actix_web::http::StatusCode::CREATED
    } else {
        actix_web::http::StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(outcome_json(&outcome)))
}

fn options(req: &HttpRequest) -> Result<ImportOptions, ApiError> {
    let query = QueryParams::from_request(req);
    let format = match query.get("format") {
        Some(raw) => Some(ImportFormat::parse(raw).map_err(AppError::from)?),
        None => None,
    };
    Ok(ImportOptions {
        format,
        dry_run: query.bool("dry_run")?.unwrap_or(false),
        upsert: query.bool("upsert")?.unwrap_or(false),
        dynamic: query.bool("dynamic")?.unwrap_or(false),
    })
}

/// JSON, YAML, plain text or raw bytes; a missing Content-Type is fine (curl --data-binary).
fn check_content_type(req: &HttpRequest) -> Result<(), ApiError> {
    let Some(ct) = content_type(req) else {
        return Ok(());
    };
    let media = media_type(ct);
    let accepted = is_json_media_type(ct)
        || media.ends_with("yaml")
        || media.ends_with("+yaml")
        || media == "text/plain"
        || media == "application/octet-stream";
    if accepted {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "unsupported_content_type",
            format!("send the file as JSON or YAML (Content-Type: application/json or application/yaml) or as a multipart upload named \"file\" (got \"{ct}\")"),
        ))
    }
}

fn outcome_json(outcome: &ImportOutcome) -> Value {
    let warnings: Vec<Value> = outcome
        .warnings
        .iter()
        .map(|w| json!({"item": w.item, "message": w.message}))
        .collect();
    json!({
        "format": outcome.format.as_str(),
        "dry_run": outcome.dry_run,
        "created": outcome.created,
        "updated": outcome.updated,
        "skipped": outcome.skipped,
        "warnings": warnings,
        "mocks": outcome.mocks.iter().map(mock_to_json).collect::<Vec<_>>(),
    })
}
