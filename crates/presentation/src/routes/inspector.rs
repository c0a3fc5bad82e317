//! `/api/admin/inspector` (SPEC §10): request logs and their live stream.

use std::time::Duration;

use actix_web::{web, HttpRequest, HttpResponse};
use application::inspector::log_to_json;
use bytes::Bytes;
use domain::inspector::RequestLogFilter;
use domain::Outcome;
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;

use super::query::QueryParams;
use crate::{ApiError, AppState};

/// A comment line keeps idle SSE connections (and proxies) alive.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/inspector/requests")
            .route(web::get().to(list))
            .route(web::delete().to(clear)),
    )
    .route("/inspector/requests/{log_id}", web::get().to(detail))
    .route(
        "/inspector/mocks/{mock_id}/requests",
        web::get().to(for_mock),
    )
    .route("/inspector/stream", web::get().to(stream));
}

type State = web::Data<AppState>;

fn filter(req: &HttpRequest) -> Result<RequestLogFilter, ApiError> {
    let q = QueryParams::from_request(req);
    let outcome = match q.get("outcome") {
        None => None,
        Some(raw) => Some(Outcome::parse(raw).ok_or_else(|| {
            let all: Vec<&str> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
            ApiError::invalid(
                "outcome",
                format!("must be one of {}, got \"{raw}\"", all.join(", ")),
            )
        })?),
    };
    Ok(RequestLogFilter {
        session_id: q.get("session_id").map(str::to_string),
        mock_id: q.get("mock_id").map(str::to_string),
        method: q.get("method").map(str::to_string),
        status: q.int("status", 100, 599)?.map(|s| s as u16),
        outcome,
        path: q.get("path").map(str::to_string),
        before: q.int("before", 1, i64::MAX)?,
        limit: q.int("limit", 1, 1000)?.unwrap_or(50),
    })
}

async fn respond_list(
    state: &AppState,
    filter: RequestLogFilter,
) -> Result<HttpResponse, ApiError> {
    let (logs, total) = state.inspector.list(&filter).await?;
    let logs: Vec<Value> = logs.iter().map(log_to_json).collect();
    Ok(HttpResponse::Ok().json(json!({"logs": logs, "count": total})))
}

async fn list(req: HttpRequest, state: State) -> Result<HttpResponse, ApiError> {
    respond_list(&state, filter(&req)?).await
}

async fn for_mock(
    req: HttpRequest,
    path: web::Path<String>,
    state: State,
) -> Result<HttpResponse, ApiError> {
    let mut filter = filter(&req)?;
    filter.mock_id = Some(path.into_inner());
    respond_list(&state, filter).await
}

async fn detail(path: web::Path<String>, state: State) -> Result<HttpResponse, ApiError> {
    let log_id: i64 = path
        .parse()
        .map_err(|_| ApiError::not_found(format!("request log '{path}' was not found")))?;
    let log = state.inspector.get(log_id).await?;
    Ok(HttpResponse::Ok().json(log_to_json(&log)))
}

async fn clear(state: State) -> Result<HttpResponse, ApiError> {
    let deleted = state.inspector.clear().await?;
    Ok(HttpResponse::Ok().json(json!({"deleted": deleted})))
}

/// Server-Sent Events: one `data:` line of JSON per new entry.
async fn stream(state: State) -> HttpResponse {
    let receiver = state.inspector.subscribe();
    let events = futures_util::stream::unfold(receiver, |mut rx| async move {
        let chunk = match tokio::time::timeout(KEEP_ALIVE, rx.recv()).await {
            Ok(Ok(entry)) => format!("event: request\ndata: {entry}\n\n"),
            Ok(Err(RecvError::Lagged(missed))) => {
                format!(": skipped {missed} entries (client too slow)\n\n")
            }
            Ok(Err(RecvError::Closed)) => return None,
            Err(_) => ": keep-alive\n\n".to_string(),
        };
        Some((Ok::<_, actix_web::Error>(Bytes::from(chunk)), rx))
    });
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(Box::pin(events))
}
