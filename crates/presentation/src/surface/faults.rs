//! Rate limiting, error simulation and variant choice for one matched request
//! (SPEC §7, §9).

use std::time::{Duration, Instant};

use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use domain::faults::{pick_weighted, position_to_index, Decision};
use domain::{IncomingRequest, MockDefinition, RateLimitScope, VariantMode};

use super::respond;
use crate::{ApiError, AppState};

/// The rate-limit decision for this request, or `None` when the mock has no limit.
pub fn rate_limit(
    state: &AppState,
    mock: &MockDefinition,
    req: &IncomingRequest,
) -> Option<Decision> {
    let limit = mock.faults.rate_limit_requests?;
    let scope = match mock.faults.rate_limit_scope {
        RateLimitScope::ClientIp => format!("ip:{}", req.client_ip),
        RateLimitScope::Session => req.state_scope(),
        RateLimitScope::Global => "global".to_string(),
    };
    let window = Duration::from_secs(u64::from(mock.faults.rate_limit_window_seconds));
    Some(
        state
            .limiter
            .check(mock.id.as_str(), &scope, limit, window, Instant::now()),
    )
}

/// The 429 answer (SPEC §7).
pub fn too_many(mock: &MockDefinition, limit: u32, retry_after_secs: u64) -> HttpResponse {
    let error = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!(
            "mock '{}' allows {limit} requests per {} s; retry in {retry_after_secs} s",
            mock.id, mock.faults.rate_limit_window_seconds
        ),
    )
    .with("retry_after_seconds", retry_after_secs);
    let body = serde_json::to_vec(&error.body()).unwrap_or_default();
    let headers = vec![
        ("Retry-After".to_string(), retry_after_secs.to_string()),
        ("X-RateLimit-Limit".to_string(), limit.to_string()),
        ("X-RateLimit-Remaining".to_string(), "0".to_string()),
    ];
    respond::build(429, &headers, body)
}

/// Adds headers to a finished response (rate-limit counters, variant index, …).
pub fn add_headers(response: &mut HttpResponse, headers: &[(&'static str, String)]) {
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::try_from(value.as_str()) {
            response
                .headers_mut()
                .insert(HeaderName::from_static(name), value);
        }
    }
}

/// Which variant answers: by weight, or by the scope's position for
/// `sequence`/`cycle` (persisted, so a restart continues where it was).
pub async fn choose_variant(
    state: &AppState,
    mock: &MockDefinition,
    req: &IncomingRequest,
) -> usize {
    match mock.variant_mode {
        VariantMode::Weighted => pick_weighted(&mock.variants, &mut rand::thread_rng()),
        mode => {
            let position = match state
                .positions
                .advance(mock.id.as_str(), &req.state_scope())
                .await
            {
                Ok(p) => p,
                Err(e) => {
                    tracing::error!(error = %e, mock_id = %mock.id, "variant position unavailable; using the first variant");
                    0
                }
            };
            position_to_index(mode, position, mock.variants.len())
        }
    }
}
