use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/health", web::get().to(health));
}

/// A constant: the benchmark's baseline is the cost of actix itself, so the
/// handler does no work of its own (building it with `json!` per request
/// made it slower than a mock lookup).
const BODY: &str = concat!(
    r#"{"status":"healthy","service":"mimicus","version":""#,
    env!("CARGO_PKG_VERSION"),
    r#""}"#
);

async fn health() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(BODY)
}
