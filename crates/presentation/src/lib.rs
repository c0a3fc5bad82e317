//! HTTP layer: admin API routes, the mock surface, and SPEC §2 error mapping.

pub mod auth;
pub mod body;
pub mod error;
pub mod metrics;
pub mod routes;
mod state;
pub mod surface;

pub use error::ApiError;
pub use state::AppState;

use actix_web::web;

/// Mounts every route; used by the binary and the integration tests alike.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(routes::health::configure)
        .configure(metrics::configure)
        .service(
            web::scope("/api/admin")
                .wrap(actix_web::middleware::from_fn(auth::require_api_key))
                .wrap(tracing_actix_web::TracingLogger::default())
                .configure(routes::api_keys::configure)
                .configure(routes::mocks::configure)
                .configure(routes::import::configure)
                .configure(routes::state::configure)
                .configure(routes::inspector::configure)
                .configure(routes::templates::configure)
                .configure(routes::recording::configure)
                .configure(routes::server_info::configure)
                .configure(routes::traffic::configure)
                .default_service(web::to(routes::unknown_admin_route)),
        )
        .configure(routes::ui::configure)
        .default_service(web::to(surface::handle));
}
