//! `GET /api/admin/server-info`: version, database, listen address, uptime,
//! mock count, inspector drops and whether a key is required.

use actix_web::{web, HttpResponse};
use serde_json::json;

use crate::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/server-info", web::get().to(server_info));
}

async fn server_info(state: web::Data<AppState>) -> HttpResponse {
    let info = state
        .server
        .report(&state.mocks, &state.inspector, &state.api_keys);
    HttpResponse::Ok().json(json!({
        "version": info.version,
        "database": {"kind": info.database.kind, "location": info.database.location},
        "listen_address": info.listen_address,
        "started_at": info.started_at,
        "uptime_seconds": info.uptime_seconds,
        "mocks": info.mocks,
        "inspector": {
            "enabled": info.inspector_enabled,
            "queue_depth": info.inspector_queue_depth,
            "written": info.inspector_written,
            "dropped": info.inspector_dropped,
        },
        "api_key_required": info.api_key_required,
    }))
}
