//! `/api/admin/recording` (SPEC §8): start, status, captured, stop.

use actix_web::{web, HttpRequest, HttpResponse};
use application::dto::{capture_json, status_json};
use application::recording::RecordingStatus;
use domain::recording::CapturePage;
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::body::{json_body, parse_json, read_limited};
use crate::{ApiError, AppState};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/recording", web::get().to(status))
        .route("/recording/start", web::post().to(start))
        .route("/recording/captured", web::get().to(captured))
        .route("/recording/stop", web::post().to(stop));
}

type State = web::Data<AppState>;

async fn start(
    req: HttpRequest,
    payload: web::Payload,
    state: State,
) -> Result<HttpResponse, ApiError> {
    let body = json_body(&req, payload, state.body_limit).await?;
    let recording = state.recording.start(&body).await?;
    Ok(HttpResponse::Ok().json(status_json(&RecordingStatus {
        recording: Some(recording),
        captured: 0,
    })))
}

async fn status(state: State) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(status_json(&state.recording.status().await?)))
}

async fn captured(req: HttpRequest, state: State) -> Result<HttpResponse, ApiError> {
    let query = QueryParams::from_request(&req);
    let page = CapturePage {
        limit: query.int("limit", 1, 100_000)?,
        offset: query.int("offset", 0, i64::MAX)?.unwrap_or(0),
    };
    let (captures, total) = state.recording.captured(page).await?;
    let list: Vec<Value> = captures.iter().map(capture_json).collect();
    Ok(HttpResponse::Ok().json(json!({"captured": list, "count": total})))
}

/// The body is optional: `curl -X POST …/stop` alone just stops.
async fn stop(
    req: HttpRequest,
    payload: web::Payload,
    state: State,
) -> Result<HttpResponse, ApiError> {
    let raw = read_limited(&req, payload, state.body_limit).await?;
    let body = if raw.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(parse_json(&req, &raw)?)
    };
    let report = state.recording.stop(body.as_ref()).await?;
    let captured: Vec<Value> = report.captures.iter().map(capture_json).collect();
    let created: Vec<&str> = report.mocks.created.iter().map(|m| m.id.as_str()).collect();
    let skipped: Vec<Value> = report
        .mocks
        .skipped
        .iter()
        .map(|s| json!({"capture_id": s.capture_id, "reason": s.reason}))
        .collect();
    let errors: Vec<Value> = report
        .mocks
        .errors
        .iter()
        .map(|(mock_id, error)| json!({"mock_id": mock_id, "error": error}))
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "captured": captured,
        "count": captured.len(),
        "created_mocks": created,
        "skipped": skipped,
        "errors": errors,
    })))
}
