//! Route groups; each exposes `configure` and is mounted by [`crate::configure`].

pub mod api_keys;
pub mod health;
pub mod import;
pub mod inspector;
mod mock_stats;
pub mod mocks;
mod mocks_bulk;
mod query;
pub mod recording;
pub mod server_info;
pub mod state;
pub mod templates;
pub mod traffic;
pub mod ui;

use actix_web::HttpRequest;

use crate::ApiError;

/// Anything under `/api/admin` that is not an endpoint: a JSON 404, never the mock surface.
pub async fn unknown_admin_route(req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::not_found(format!(
        "there is no admin endpoint {} {}; see docs/admin-api.md",
        req.method(),
        req.path()
    )))
}
