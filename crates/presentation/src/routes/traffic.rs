//! `GET /api/admin/traffic`: the last minutes of mock-surface traffic for
//! the admin UI's "traffic at a glance" (docs/admin-api.md).

use actix_web::{web, HttpRequest, HttpResponse};
use application::{TrafficReport, TrafficWindow};
use chrono::{DateTime, SecondsFormat};
use domain::stats::{TrafficBucket, MOCK_HITS_STEP_SECONDS};
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::{ApiError, AppState};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/traffic", web::get().to(traffic));
}

fn window(req: &HttpRequest) -> Result<TrafficWindow, ApiError> {
    let q = QueryParams::from_request(req);
    let seconds = q
        .int("window", 10, i64::from(TrafficWindow::MAX_SECONDS))?
        .map_or(TrafficWindow::DEFAULT_SECONDS, |s| s as u32);
    let step_seconds = q
        .int("step", 1, i64::from(TrafficWindow::MAX_STEP_SECONDS))?
        .map_or(TrafficWindow::DEFAULT_STEP_SECONDS, |s| s as u32);
    if step_seconds > seconds {
        return Err(ApiError::invalid(
            "step",
            format!("must not be longer than the window ({seconds} s), got {step_seconds}"),
        ));
    }
    Ok(TrafficWindow {
        seconds,
        step_seconds,
    })
}

async fn traffic(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let report = state.stats.traffic(window(&req)?);
    Ok(HttpResponse::Ok().json(report_json(&report)))
}

fn millis(value: Option<f64>) -> Value {
    value.map_or(Value::Null, |v| json!(v))
}

fn bucket_json(b: &TrafficBucket) -> Value {
    let t = DateTime::from_timestamp(b.start, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    json!({
        "t": t,
        "requests": b.requests,
        "matched": b.matched,
        "unmatched": b.unmatched,
        "p50_ms": millis(b.p50_ms),
        "p99_ms": millis(b.p99_ms),
    })
}

fn report_json(r: &TrafficReport) -> Value {
    let mocks: Vec<Value> = r
        .mock_hits
        .iter()
        .map(|(id, hits)| json!({"mock_id": id, "hits": hits}))
        .collect();
    json!({
        "now": r.now.to_rfc3339_opts(SecondsFormat::Millis, true),
        "window_seconds": r.window.seconds,
        "step_seconds": r.window.step_seconds,
        "requests_per_second": r.requests_per_second,
        "summary": {
            "requests": r.summary.requests,
            "matched": r.summary.matched,
            "unmatched": r.summary.unmatched,
            "p50_ms": millis(r.summary.p50_ms),
            "p99_ms": millis(r.summary.p99_ms),
        },
        "buckets": r.buckets.iter().map(bucket_json).collect::<Vec<_>>(),
        "mock_step_seconds": MOCK_HITS_STEP_SECONDS,
        "mocks": mocks,
    })
}
