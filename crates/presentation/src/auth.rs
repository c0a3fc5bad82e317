//! Admin API authentication (SPEC §11), wrapped around `/api/admin` only:
//! the mock surface, `/health`, `/metrics` and the UI files need no key.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, AUTHORIZATION, WWW_AUTHENTICATE};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error, ResponseError};

use crate::{ApiError, AppState};

/// The key from `X-API-Key`, or from `Authorization: Bearer …`.
fn presented_key(req: &ServiceRequest) -> Option<&str> {
    let headers = req.headers();
    if let Some(key) = headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Some(key.trim());
    }
    let auth = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = auth.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub async fn require_api_key(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let allowed = match req.app_data::<web::Data<AppState>>() {
        Some(state) if state.api_keys.auth_required() => {
            presented_key(&req).is_some_and(|k| state.api_keys.verify(k))
        }
        Some(_) => true,
        None => false,
    };
    if allowed {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let detail = if presented_key(&req).is_some() {
        "the API key is not valid; create one with POST /api/admin/api-keys or use the bootstrap key"
    } else {
        "this admin endpoint needs an API key: send X-API-Key: <key> or Authorization: Bearer <key>"
    };
    let mut response =
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", detail).error_response();
    response.headers_mut().insert(
        WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"mimicus\""),
    );
    Ok(req.into_response(response).map_into_right_body())
}
