//! `GET /api/admin/mocks/stats`: hits and last hit time per mock (SPEC §12).

use actix_web::{web, HttpResponse};
use chrono::SecondsFormat;
use serde_json::json;

use crate::{ApiError, AppState};

pub(super) async fn stats(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let mocks = state.mocks.export();
    let stats: Vec<_> = state
        .stats
        .of(&mocks)
        .await?
        .into_iter()
        .map(|s| {
            json!({
                "mock_id": s.mock_id,
                "hits": s.hits,
                "last_hit_at": s.last_hit_at.map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true)),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "stats": stats })))
}
