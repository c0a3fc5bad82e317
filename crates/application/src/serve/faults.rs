//! A matched mock's own answer: rate limiting, error simulation, delay and
//! variant choice (SPEC §7, §9), then the render.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use domain::faults::{pick_weighted, position_to_index, should_fail, Decision};
use domain::matching::MatchOutcome;
use domain::{IncomingRequest, MockDefinition, Outcome, RateLimitScope, VariantMode};

use super::render::Part;
use super::reply::Reply;
use super::Surface;

const SIMULATED: &str = "x-mimicus-simulated-error";

/// What the fault checks decided before the response itself.
pub(super) enum Gate {
    /// Answer this now (429; boxed: the rare case).
    Refused(Box<Reply>),
    /// Go on, adding these headers to whatever answers.
    Pass(Vec<(&'static str, String)>),
}

impl Surface {
    /// The mock's own response, after its faults (the whole chain for `mock`
    /// mode).
    pub(super) async fn answer_with_mock(
        &self,
        found: MatchOutcome,
        req: &IncomingRequest,
    ) -> Reply {
        let mut extra_headers = match self.rate_limit(&found.mock, req).await {
            Gate::Refused(reply) => return *reply,
            Gate::Pass(headers) => headers,
        };
        let mut reply = self.respond(&found, req).await;
        extra_headers.append(&mut reply.extra_headers);
        reply.extra_headers = extra_headers;
        reply
    }

    /// The rate-limit decision (SPEC §7); mocks without a limit always pass.
    pub(super) async fn rate_limit(&self, mock: &MockDefinition, req: &IncomingRequest) -> Gate {
        let Some(limit) = mock.faults.rate_limit_requests else {
            return Gate::Pass(Vec::new());
        };
        let scope = match mock.faults.rate_limit_scope {
            RateLimitScope::ClientIp => format!("ip:{}", req.client_ip),
            RateLimitScope::Session => req.state_scope(),
            RateLimitScope::Global => "global".to_string(),
        };
        let window = Duration::from_secs(u64::from(mock.faults.rate_limit_window_seconds));
        let decision = self
            .ports
            .limiter
            .check(
                mock.id.as_str(),
                &scope,
                limit,
                window,
                self.ports.clock.now(),
            )
            .await;
        match decision {
            Decision::Limited {
                limit,
                retry_after_secs,
            } => Gate::Refused(Box::new(too_many(mock, limit, retry_after_secs))),
            Decision::Allowed { limit, remaining } => Gate::Pass(vec![
                ("x-ratelimit-limit", limit.to_string()),
                ("x-ratelimit-remaining", remaining.to_string()),
            ]),
        }
    }

    /// Error simulation → delay → variant → render; no rate limit.
    pub(super) async fn respond(&self, found: &MatchOutcome, req: &IncomingRequest) -> Reply {
        if let Some(reply) = self.simulated_error(found, req).await {
            return reply;
        }
        self.delay(&found.mock).await;
        self.own_response(found, req).await
    }

    /// The simulated error, when the dice say so (SPEC §7).
    pub(super) async fn simulated_error(
        &self,
        found: &MatchOutcome,
        req: &IncomingRequest,
    ) -> Option<Reply> {
        let mock = &found.mock;
        if !should_fail(mock.faults.error_rate, &mut rand::thread_rng()) {
            return None;
        }
        let part = Part {
            status: mock.faults.error_status_code.get(),
            variant: None,
            wire_body: Bytes::from(mock.faults.error_body.clone()),
            is_template: mock.response.is_template,
            body_template: "error_body".into(),
            header_prefix: "response_headers.".into(),
        };
        let mut reply = self
            .render(mock, req, &found.path_params, part, Outcome::ErrorSimulated)
            .await;
        reply.extra_headers.push((SIMULATED, "true".to_string()));
        Some(reply)
    }

    /// The mock's `response_delay_ms` (or a random one up to `response_delay_max_ms`).
    pub(super) async fn delay(&self, mock: &MockDefinition) {
        let delay = mock.response.delay(&mut rand::thread_rng());
        if !delay.is_zero() {
            self.ports.clock.sleep(delay).await;
        }
    }

    /// The response itself: a variant (after its own delay) or the mock's
    /// response, rendered.
    pub(super) async fn own_response(&self, found: &MatchOutcome, req: &IncomingRequest) -> Reply {
        let mock = &found.mock;
        let spec = &mock.response;
        if mock.variants.is_empty() {
            let part = Part {
                status: spec.status.get(),
                variant: None,
                wire_body: spec.wire_body.clone(),
                is_template: spec.is_template,
                body_template: "response_body".into(),
                header_prefix: "response_headers.".into(),
            };
            return self
                .render(mock, req, &found.path_params, part, Outcome::Matched)
                .await;
        }
        let i = self.choose_variant(mock, req).await;
        let v = &mock.variants[i].response;
        if v.delay_ms > 0 {
            self.ports
                .clock
                .sleep(Duration::from_millis(v.delay_ms))
                .await;
        }
        let part = Part {
            status: v.status.get(),
            variant: Some(i),
            wire_body: v.wire_body.clone(),
            is_template: v.is_template,
            body_template: format!("variants[{i}].response.body").into(),
            header_prefix: format!("variants[{i}].response.headers.").into(),
        };
        let mut reply = self
            .render(mock, req, &found.path_params, part, Outcome::Matched)
            .await;
        reply.variant = Some(i);
        reply
            .extra_headers
            .push(("x-mimicus-variant", i.to_string()));
        reply
    }

    /// Which variant answers: by weight, or by the scope's position for
    /// `sequence`/`cycle` (persisted, so a restart continues where it was).
    async fn choose_variant(&self, mock: &Arc<MockDefinition>, req: &IncomingRequest) -> usize {
        match mock.variant_mode {
            VariantMode::Weighted => pick_weighted(&mock.variants, &mut rand::thread_rng()),
            mode => {
                let position = match self
                    .ports
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
}

/// The 429 answer (SPEC §7).
fn too_many(mock: &MockDefinition, limit: u32, retry_after_secs: u64) -> Reply {
    let mut reply = Reply::error(
        429,
        "rate_limited",
        format!(
            "mock '{}' allows {limit} requests per {} s; retry in {retry_after_secs} s",
            mock.id, mock.faults.rate_limit_window_seconds
        ),
        &[("retry_after_seconds", retry_after_secs.into())],
        Outcome::RateLimited,
    )
    .for_mock(mock);
    reply.extra_headers = vec![
        ("retry-after", retry_after_secs.to_string()),
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", "0".to_string()),
    ];
    reply
}
