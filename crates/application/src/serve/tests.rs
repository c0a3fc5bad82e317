//! The serving rules with every port faked.

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::faults::{Decision, MockRateLimitCounter, MockVariantPositionRepository};
use domain::matching::MatchOutcome;
use domain::state::MockStateRepository;
use domain::upstream::MockUpstream;
use domain::{IncomingRequest, MockDefinition, NearMiss, Outcome};
use mockall::Sequence;
use serde_json::{json, Value};

use super::ports::{MockCaptureSink, MockClock, MockMockLookup};
use super::*;

pub(super) fn mock(extra: Value) -> Arc<MockDefinition> {
    let mut input = json!({
        "mock_id": "m1",
        "mock_name": "m1",
        "match_method": "GET",
        "match_path": "/api/x",
        "response_body": {"ok": true},
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        input[k] = v.clone();
    }
    Arc::new(crate::dto::parse_mock(&input).unwrap_or_else(|e| panic!("{e}")))
}

pub(super) fn get(path: &str) -> IncomingRequest {
    IncomingRequest::new("GET", path, vec![], vec![], vec![], "10.0.0.1")
}

/// Fakes that fail the test when called, unless a test sets expectations.
pub(super) struct Fakes {
    pub mocks: MockMockLookup,
    pub limiter: MockRateLimitCounter,
    pub positions: MockVariantPositionRepository,
    pub upstream: MockUpstream,
    pub recording: MockCaptureSink,
    pub clock: MockClock,
}

impl Fakes {
    pub fn new() -> Self {
        let mut recording = MockCaptureSink::new();
        recording.expect_active().return_const(None);
        let mut clock = MockClock::new();
        clock.expect_now().returning(Instant::now);
        Self {
            mocks: MockMockLookup::new(),
            limiter: MockRateLimitCounter::new(),
            positions: MockVariantPositionRepository::new(),
            upstream: MockUpstream::new(),
            recording,
            clock,
        }
    }

    /// Every request finds `mock`.
    pub fn finding(mut self, mock: &Arc<MockDefinition>) -> Self {
        let found = Arc::clone(mock);
        self.mocks.expect_find().returning(move |_| {
            Some(MatchOutcome {
                mock: Arc::clone(&found),
                path_params: vec![],
            })
        });
        self
    }

    pub fn surface(self) -> Surface {
        Surface::new(
            Ports {
                mocks: Arc::new(self.mocks),
                limiter: Arc::new(self.limiter),
                positions: Arc::new(self.positions),
                state: Arc::new(MockStateRepository::new()),
                upstream: Arc::new(self.upstream),
                recording: Arc::new(self.recording),
                clock: Arc::new(self.clock),
                return_path: Arc::new(Direct),
            },
            SurfaceSettings {
                keep_template_context: true,
                template_max_output: 1 << 20,
                proxy: domain::upstream::ProxyPolicy::new(None).listening_on("127.0.0.1", 18000),
                inspected_body_limit: 16,
                capture_body_limit: 32,
            },
        )
    }
}

pub(super) async fn serve(surface: &Surface, req: &IncomingRequest) -> Reply {
    surface
        .serve(SurfaceRequest {
            incoming: req,
            raw_path: &req.path,
            raw_query: "",
        })
        .await
}

pub(super) fn body_json(reply: &Reply) -> Value {
    serde_json::from_slice(reply.body.head().0).unwrap_or(Value::Null)
}

pub(super) fn extra(reply: &Reply, name: &str) -> Option<String> {
    reply
        .extra_headers
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.clone())
}

#[tokio::test]
async fn an_unmatched_request_is_a_404_naming_the_near_misses() {
    let mut fakes = Fakes::new();
    fakes.mocks.expect_find().return_const(None);
    fakes.mocks.expect_near_misses().returning(|_, limit| {
        assert_eq!(limit, 3);
        vec![NearMiss {
            mock_id: "m1".into(),
            mock_name: "m1".into(),
            reason: "method differs".into(),
            checks: vec![domain::CriterionCheck {
                field: "match_method".into(),
                expected: "POST".into(),
                actual: "GET".into(),
                passed: false,
            }],
        }]
    });
    let reply = serve(&fakes.surface(), &get("/nowhere")).await;
    assert_eq!((reply.status, reply.outcome), (404, Outcome::Unmatched));
    let body = body_json(&reply);
    assert_eq!(body["error"], "No matching mock found");
    assert_eq!(body["path"], "/nowhere");
    assert_eq!(body["near_misses"][0]["reason"], "method differs");
    assert_eq!(
        body["near_misses"][0]["checks"],
        json!([{"field": "match_method", "expected": "POST", "actual": "GET", "passed": false}])
    );
    assert_eq!(reply.near_misses.len(), 1);
    assert_eq!(reply.mock_id, None);
}

#[tokio::test]
async fn a_static_mock_answers_its_response_without_touching_other_ports() {
    let m = mock(json!({"response_status": 201, "response_headers": {"X-A": "1"}}));
    let reply = serve(&Fakes::new().finding(&m).surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (201, Outcome::Matched));
    assert_eq!(body_json(&reply), json!({"ok": true}));
    let mut headers = vec![];
    reply
        .headers
        .for_each(|k, v| headers.push((k.to_string(), v.to_vec())));
    assert_eq!(headers, [("X-A".to_string(), b"1".to_vec())]);
    assert_eq!(reply.mock_id.as_deref(), Some("m1"));
    assert_eq!(reply.default_content_type, JSON);
    assert!(reply.source.is_none() && reply.extra_headers.is_empty());
}

#[tokio::test]
async fn a_refused_rate_limit_answers_429_before_any_other_rule() {
    // error_rate 100 and a delay: neither may run once the limit refuses.
    let m = mock(json!({
        "rate_limit_requests": 1, "error_rate": 100, "response_delay_ms": 500,
        "variants": [{"weight": 1, "response": {"status": 200, "body": "a"}}],
        "variant_mode": "sequence",
    }));
    let mut fakes = Fakes::new().finding(&m);
    fakes
        .limiter
        .expect_check()
        .times(1)
        .returning(|_, _, _, _, _| Decision::Limited {
            limit: 1,
            retry_after_secs: 7,
        });
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (429, Outcome::RateLimited));
    assert_eq!(body_json(&reply)["retry_after_seconds"], 7);
    assert_eq!(extra(&reply, "retry-after").as_deref(), Some("7"));
    assert_eq!(extra(&reply, "x-ratelimit-remaining").as_deref(), Some("0"));
}

#[tokio::test]
async fn error_simulation_comes_after_the_rate_limit_and_before_delay_and_variants() {
    let m = mock(json!({
        "rate_limit_requests": 5, "rate_limit_scope": "global", "error_rate": 100,
        "error_status_code": 503, "error_body": "down", "response_delay_ms": 500,
        "variants": [{"weight": 1, "response": {"status": 200, "body": "a"}}],
        "variant_mode": "sequence",
    }));
    let mut fakes = Fakes::new().finding(&m);
    fakes
        .limiter
        .expect_check()
        .withf(|id, scope, limit, window, _| {
            (id, scope, *limit, *window) == ("m1", "global", 5, Duration::from_secs(60))
        })
        .times(1)
        .return_const(Decision::Allowed {
            limit: 5,
            remaining: 4,
        });
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    assert_eq!(
        (reply.status, reply.outcome),
        (503, Outcome::ErrorSimulated)
    );
    assert_eq!(reply.body.head().0.as_ref(), b"down");
    assert_eq!(
        extra(&reply, "x-mimicus-simulated-error").as_deref(),
        Some("true")
    );
    assert_eq!(extra(&reply, "x-ratelimit-remaining").as_deref(), Some("4"));
    assert_eq!(reply.variant, None);
}

#[tokio::test]
async fn rate_limit_then_delay_then_variant_position_then_render_in_that_order() {
    let m = mock(json!({
        "rate_limit_requests": 5, "response_delay_ms": 40,
        "variants": [
            {"weight": 1, "response": {"status": 200, "body": "first"}},
            {"weight": 1, "response": {"status": 202, "body": "second", "delay_ms": 7}},
        ],
        "variant_mode": "sequence",
    }));
    let mut fakes = Fakes::new().finding(&m);
    let mut order = Sequence::new();
    fakes
        .limiter
        .expect_check()
        .withf(|_, scope, _, _, _| scope == "ip:10.0.0.1")
        .times(1)
        .in_sequence(&mut order)
        .return_const(Decision::Allowed {
            limit: 5,
            remaining: 3,
        });
    fakes
        .clock
        .expect_sleep()
        .withf(|d| *d == Duration::from_millis(40))
        .times(1)
        .in_sequence(&mut order)
        .return_const(());
    fakes
        .positions
        .expect_advance()
        .withf(|id, scope| (id, scope) == ("m1", "ip:10.0.0.1"))
        .times(1)
        .in_sequence(&mut order)
        .returning(|_, _| Ok(1));
    fakes
        .clock
        .expect_sleep()
        .withf(|d| *d == Duration::from_millis(7))
        .times(1)
        .in_sequence(&mut order)
        .return_const(());
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (202, Outcome::Matched));
    assert_eq!(reply.body.head().0.as_ref(), b"second");
    assert_eq!(reply.variant, Some(1));
    assert_eq!(extra(&reply, "x-mimicus-variant").as_deref(), Some("1"));
    assert_eq!(extra(&reply, "x-ratelimit-remaining").as_deref(), Some("3"));
}

#[tokio::test]
async fn a_lost_variant_position_falls_back_to_the_first_variant() {
    let m = mock(json!({
        "variants": [
            {"weight": 1, "response": {"status": 200, "body": "first"}},
            {"weight": 1, "response": {"status": 202, "body": "second"}},
        ],
        "variant_mode": "cycle",
    }));
    let mut fakes = Fakes::new().finding(&m);
    fakes
        .positions
        .expect_advance()
        .returning(|_, _| Err(domain::RepositoryError::Unknown("gone".into())));
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.variant), (200, Some(0)));
}

#[tokio::test]
async fn a_template_renders_with_the_request_and_keeps_its_context() {
    let m = mock(json!({
        "response_body": "hello {{ request.path }}",
        "response_headers": {"X-Echo": "{{ request.method }}"},
        "is_template": true,
    }));
    let reply = serve(&Fakes::new().finding(&m).surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (200, Outcome::Matched));
    assert_eq!(reply.body.head().0.as_ref(), b"hello /api/x");
    let mut headers = vec![];
    reply
        .headers
        .for_each(|k, v| headers.push((k.to_string(), v.to_vec())));
    assert_eq!(headers, [("X-Echo".to_string(), b"GET".to_vec())]);
    assert!(reply.template_context.is_some());
}

#[tokio::test]
async fn a_failing_template_is_a_500_template_error() {
    let m = mock(json!({
        "response_body": "{{ none_such() }}",
        "is_template": true,
    }));
    let reply = serve(&Fakes::new().finding(&m).surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (500, Outcome::TemplateError));
    assert_eq!(body_json(&reply)["error"], "template_error");
    assert_eq!(body_json(&reply)["mock_id"], "m1");
}

#[tokio::test]
async fn no_content_answers_carry_no_body() {
    let m = mock(json!({"response_status": 204}));
    let reply = serve(&Fakes::new().finding(&m).surface(), &get("/api/x")).await;
    assert_eq!(reply.status, 204);
    assert!(reply.body.head().0.is_empty());
}
