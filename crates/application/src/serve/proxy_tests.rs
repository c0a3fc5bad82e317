//! Each proxy mode's decisions, with a faked upstream.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::Utc;
use domain::recording::{PathPrefix, Recording, RecordingSettings, REDACTED};
use domain::upstream::{UpstreamBody, UpstreamError, UpstreamResponse, UpstreamUrl};
use domain::{IncomingRequest, Outcome};
use serde_json::json;

use super::tests::{body_json, extra, get, mock, serve, Fakes};
use super::*;

fn answer(status: u16, body: &'static str) -> UpstreamResponse {
    UpstreamResponse {
        status,
        headers: vec![
            ("content-type".into(), Bytes::from_static(b"text/plain")),
            ("content-length".into(), Bytes::from_static(b"5")),
            ("connection".into(), Bytes::from_static(b"x-hop")),
            ("x-hop".into(), Bytes::from_static(b"1")),
            ("set-cookie".into(), Bytes::from_static(b"sid=secret")),
        ],
        body: UpstreamBody::from_bytes(Bytes::from_static(body.as_bytes())),
    }
}

fn refused() -> UpstreamError {
    UpstreamError::ConnectionRefused {
        host: "127.0.0.1:9".into(),
    }
}

fn proxy_mock(mode: &str, extra: serde_json::Value) -> Arc<domain::MockDefinition> {
    let mut input = json!({
        "mock_mode": mode, "upstream_url": "http://127.0.0.1:9/base", "timeout_seconds": 2.5,
        "response_body": {"from": "mock"},
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        input[k] = v.clone();
    }
    mock(input)
}

fn header_names(reply: &Reply) -> Vec<String> {
    let mut names = vec![];
    reply.headers.for_each(|k, _| names.push(k.to_string()));
    names
}

#[tokio::test]
async fn proxy_forwards_the_raw_target_and_returns_the_upstream_answer() {
    let m = proxy_mock("proxy", json!({}));
    let mut fakes = Fakes::new().finding(&m);
    fakes
        .upstream
        .expect_forward()
        .withf(|r| {
            r.method == "POST"
                && r.url == "http://127.0.0.1:9/base/api/a%20b?q=%26"
                && r.timeout == Duration::from_millis(2500)
                && r.body == "payload"
                && r.headers
                    .iter()
                    .all(|(k, _)| k != "connection" && k != "te" && k != "host")
                && r.headers
                    .iter()
                    .any(|(k, v)| k == "x-forwarded-for" && v == "1.2.3.4, 10.0.0.1")
                && r.headers.iter().any(|(k, v)| k == "x-kept" && v == "1")
        })
        .times(1)
        .returning(|_| Ok(answer(418, "short")));
    let req = IncomingRequest::new(
        "POST",
        "/api/a b",
        vec![("q".into(), "&".into())],
        vec![
            ("Host".into(), "mimicus".into()),
            ("Connection".into(), "TE".into()),
            ("TE".into(), "trailers".into()),
            ("X-Forwarded-For".into(), "1.2.3.4".into()),
            ("X-Kept".into(), "1".into()),
        ],
        b"payload".to_vec(),
        "10.0.0.1",
    );
    let reply = fakes
        .surface()
        .serve(SurfaceRequest {
            incoming: &req,
            raw_path: "/api/a%20b",
            raw_query: "q=%26",
        })
        .await;
    assert_eq!((reply.status, reply.outcome), (418, Outcome::Proxied));
    assert_eq!(reply.source, Some(Source::Upstream));
    assert_eq!(
        extra(&reply, "x-mimicus-source").as_deref(),
        Some("upstream")
    );
    assert_eq!(reply.body.head(), (&Bytes::from_static(b"short"), false));
    assert_eq!(
        reply.default_content_type, None,
        "the upstream's headers as sent"
    );
    assert_eq!(header_names(&reply), ["content-type", "set-cookie"]);
    assert!(reply.upstream.is_some_and(|c| !c.failed));
    assert_eq!(reply.mock_id.as_deref(), Some("m1"));
}

#[tokio::test]
async fn a_body_longer_than_the_inspected_part_streams_on() {
    let m = proxy_mock("passthrough", json!({}));
    let mut fakes = Fakes::new().finding(&m);
    fakes.upstream.expect_forward().returning(|_| {
        let pieces = (0..10).map(|i| Ok(Bytes::from(vec![i as u8; 8])));
        Ok(UpstreamResponse {
            status: 200,
            headers: vec![],
            body: UpstreamBody::new(futures_util::stream::iter(pieces.collect::<Vec<_>>())),
        })
    });
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    let ReplyBody::Streamed { head, rest } = reply.body else {
        panic!("expected a streamed body");
    };
    // The inspected limit is 16 in these tests: read past it, in whole pieces.
    assert_eq!(head.len(), 24);
    let tail = rest.collect().await.unwrap();
    assert_eq!(head.len() + tail.len(), 80);
}

#[tokio::test]
async fn proxy_answers_502_naming_the_cause_and_never_falls_back() {
    let m = proxy_mock("proxy", json!({}));
    let mut fakes = Fakes::new().finding(&m);
    fakes
        .upstream
        .expect_forward()
        .returning(|_| Err(refused()));
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (502, Outcome::Proxied));
    let body = body_json(&reply);
    assert_eq!(body["error"], "upstream_error");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("connection refused by 127.0.0.1:9"));
    assert!(reply.upstream.is_some_and(|c| c.failed));
    assert_eq!(reply.source, None);
}

#[tokio::test]
async fn fallback_answers_with_the_mock_on_errors_and_5xx_only() {
    let cases: Vec<(Result<u16, UpstreamError>, bool)> = vec![
        (Err(refused()), true),
        (
            Err(UpstreamError::Timeout {
                host: "h:1".into(),
                seconds: 2.5,
            }),
            true,
        ),
        (Ok(500), true),
        (Ok(503), true),
        (Ok(404), false),
        (Ok(429), false),
        (Ok(200), false),
    ];
    for (upstream_says, falls_back) in cases {
        let m = proxy_mock("proxy-with-fallback", json!({}));
        let mut fakes = Fakes::new().finding(&m);
        let said = upstream_says.clone();
        fakes
            .upstream
            .expect_forward()
            .returning(move |_| match &said {
                Ok(status) => Ok(answer(*status, "upstream")),
                Err(e) => Err(e.clone()),
            });
        let reply = serve(&fakes.surface(), &get("/api/x")).await;
        if falls_back {
            assert_eq!(
                (reply.status, reply.outcome),
                (200, Outcome::Fallback),
                "{upstream_says:?}"
            );
            assert_eq!(body_json(&reply), json!({"from": "mock"}));
            assert_eq!(reply.source, Some(Source::Fallback));
            assert_eq!(
                extra(&reply, "x-mimicus-source").as_deref(),
                Some("fallback")
            );
        } else {
            let status = *upstream_says.as_ref().unwrap();
            assert_eq!((reply.status, reply.outcome), (status, Outcome::Proxied));
            assert_eq!(reply.source, Some(Source::Upstream));
        }
    }
}

#[tokio::test]
async fn passthrough_skips_faults_and_templates_and_never_falls_back() {
    let m = proxy_mock(
        "passthrough",
        json!({"error_rate": 100, "response_delay_ms": 5000, "rate_limit_requests": 1,
               "is_template": true, "response_body": "{{ request.path }}"}),
    );
    // No limiter, clock or fallback expectations: calling them fails the test.
    let mut fakes = Fakes::new().finding(&m);
    fakes
        .upstream
        .expect_forward()
        .times(2)
        .returning(|_| Ok(answer(500, "{{ x }}")));
    let surface = fakes.surface();
    for _ in 0..2 {
        let reply = serve(&surface, &get("/api/x")).await;
        assert_eq!((reply.status, reply.outcome), (500, Outcome::Proxied));
        assert_eq!(reply.body.head().0.as_ref(), b"{{ x }}");
        assert!(reply.template_context.is_none());
    }
}

#[tokio::test]
async fn proxy_keeps_the_mocks_faults_before_forwarding() {
    let m = proxy_mock(
        "proxy",
        json!({"error_rate": 100, "error_status_code": 503}),
    );
    // The upstream is never called: the simulated error answers first.
    let reply = serve(&Fakes::new().finding(&m).surface(), &get("/api/x")).await;
    assert_eq!(
        (reply.status, reply.outcome),
        (503, Outcome::ErrorSimulated)
    );
}

#[tokio::test]
async fn a_loop_to_this_server_is_refused_without_forwarding_even_with_a_fallback() {
    for mode in ["proxy", "proxy-with-fallback", "passthrough"] {
        let m = proxy_mock(mode, json!({"upstream_url": "http://localhost:18000"}));
        let reply = serve(&Fakes::new().finding(&m).surface(), &get("/api/x")).await;
        assert_eq!(reply.status, 502, "{mode}");
        let detail = body_json(&reply)["detail"].as_str().unwrap().to_string();
        assert!(detail.contains("own address"), "{detail}");
        assert!(reply.upstream.is_none(), "no upstream call was made");
    }
}

fn recording(prefix: &str) -> Arc<Recording> {
    Arc::new(Recording {
        recording_id: 7,
        settings: RecordingSettings {
            upstream_url: UpstreamUrl::parse("http://127.0.0.1:9").unwrap(),
            path_prefix: PathPrefix::parse(prefix).unwrap(),
            timeout: Duration::from_secs(3),
        },
        started_at: Utc::now(),
        stopped_at: None,
    })
}

#[tokio::test]
async fn while_recording_an_unmatched_request_under_the_prefix_is_forwarded_and_stored_first() {
    let mut fakes = Fakes::new();
    fakes.mocks.expect_find().return_const(None);
    fakes.recording = super::ports::MockCaptureSink::new();
    let active = recording("/api");
    fakes.recording.expect_active().return_const(Some(active));
    fakes
        .upstream
        .expect_forward()
        .withf(|r| r.url == "http://127.0.0.1:9/api/x" && r.timeout == Duration::from_secs(3))
        .returning(|_| Ok(answer(200, "abcdefghijklmnopqrstuvwxyz0123456789")));
    fakes
        .recording
        .expect_store()
        .withf(|rec, capture| {
            let e = capture.exchange();
            rec.recording_id == 7
                && capture.mock_id().is_none()
                && e.path == "/api/x"
                && e.status == 200
                && e.response_body.len() == 32
                && e.response_body_truncated
                && e.response_headers
                    .iter()
                    .any(|(k, v)| k == "set-cookie" && v == REDACTED)
        })
        .times(1)
        .returning(|_, _| Ok(()));
    let surface = fakes.surface();
    let reply = serve(&surface, &get("/api/x")).await;
    assert_eq!((reply.status, reply.outcome), (200, Outcome::Proxied));
    assert_eq!(reply.source, Some(Source::Upstream));

    // Outside the prefix: the usual 404, nothing forwarded or stored.
    let mut fakes = Fakes::new();
    fakes.mocks.expect_find().return_const(None);
    fakes.mocks.expect_near_misses().returning(|_, _| vec![]);
    fakes.recording = super::ports::MockCaptureSink::new();
    fakes
        .recording
        .expect_active()
        .return_const(Some(recording("/api")));
    let reply = serve(&fakes.surface(), &get("/apiary")).await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn a_proxy_mode_mocks_exchange_is_captured_with_its_id_even_on_fallback() {
    let m = proxy_mock("proxy-with-fallback", json!({}));
    let mut fakes = Fakes::new().finding(&m);
    fakes.recording = super::ports::MockCaptureSink::new();
    fakes
        .recording
        .expect_active()
        .return_const(Some(recording("/other")));
    fakes
        .upstream
        .expect_forward()
        .returning(|_| Ok(answer(503, "busy")));
    fakes
        .recording
        .expect_store()
        .withf(|_, c| c.mock_id() == Some("m1") && c.exchange().status == 503)
        .times(1)
        .returning(|_, _| Ok(()));
    let reply = serve(&fakes.surface(), &get("/api/x")).await;
    assert_eq!(reply.outcome, Outcome::Fallback);
}
