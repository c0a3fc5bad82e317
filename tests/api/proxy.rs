//! Proxy modes (SPEC §8) against a real upstream on 127.0.0.1.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, spawn_app_with, start_binary, TestApp};
use crate::upstream::{closed_port_url, pseudo_random, Upstream};

/// A mock at `path` (any method) forwarding to `upstream` in `mode`.
async fn proxy_mock(app: &TestApp, path: &str, mode: &str, upstream: &str, extra: Value) -> Value {
    let mut body = mock_json(
        path,
        json!({
            "match_method": "ANY", "mock_mode": mode, "upstream_url": upstream,
            "response_body": {"from": "fallback"},
        }),
    );
    for (k, v) in extra.as_object().into_iter().flatten() {
        body[k] = v.clone();
    }
    app.create_mock(body).await
}

fn source(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("x-mimicus-source")
        .map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test]
async fn method_path_query_headers_and_body_reach_the_upstream_for_every_method() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    proxy_mock(&app, "/api/{*rest}", "proxy", &upstream.url, json!({})).await;
    for method in [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ] {
        let body = format!("payload for {method}");
        let response = app
            .client
            .request(method.clone(), app.url("/api/items/a%20b?x=1&x=2&y=%26"))
            .header("X-Custom", "kept")
            .header("Content-Type", "text/plain")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{method}");
        assert_eq!(source(&response).as_deref(), Some("upstream"));
        assert_eq!(response.headers()["x-upstream"], "yes");
        let echoed: Value = response.json().await.unwrap();
        assert_eq!(echoed["method"], method.as_str());
        let seen = upstream.last();
        assert_eq!(seen.method, method.as_str());
        assert_eq!(seen.path, "/api/items/a%20b", "the raw path is forwarded");
        assert_eq!(seen.query, "x=1&x=2&y=%26");
        assert_eq!(seen.header("x-custom"), Some("kept"));
        assert_eq!(seen.header("content-type"), Some("text/plain"));
        assert_eq!(seen.body, body.as_bytes());
        let host = upstream.url.trim_start_matches("http://");
        assert_eq!(seen.header("host"), Some(host), "Host is the upstream's");
        assert_eq!(seen.header("x-forwarded-for"), Some("127.0.0.1"));
    }
}

#[tokio::test]
async fn binary_bodies_pass_byte_exact_and_large_ones_stream() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    proxy_mock(
        &app,
        "/bin/{*rest}",
        "passthrough",
        &upstream.url,
        json!({}),
    )
    .await;
    let sent = pseudo_random(300 * 1024);
    let response = app
        .client
        .post(app.url("/bin/bytes"))
        .header("Content-Type", "application/octet-stream")
        .body(sent.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(
        upstream.last().body,
        sent,
        "the upstream got the exact bytes"
    );
    assert_eq!(
        response.bytes().await.unwrap(),
        sent,
        "and so did the client"
    );

    let big = app.get("/bin/big").await;
    assert_eq!(big.status(), 200);
    let received = big.bytes().await.unwrap();
    assert_eq!(received.len(), 3 * 1024 * 1024 + 7);
    assert!(
        received == pseudo_random(received.len()),
        "3 MiB byte-exact"
    );
}

#[tokio::test]
async fn hop_by_hop_headers_are_not_forwarded_and_x_forwarded_for_is_appended() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    proxy_mock(&app, "/api/{*rest}", "proxy", &upstream.url, json!({})).await;
    let response = app
        .client
        .get(app.url("/api/hops"))
        .header("Connection", "keep-alive, X-Trace")
        .header("X-Trace", "listed in Connection")
        .header("TE", "trailers")
        .header("Proxy-Authorization", "Basic c2VjcmV0")
        .header("Upgrade", "websocket")
        .header("X-Forwarded-For", "10.1.2.3")
        .header("X-Kept", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let seen = upstream.last();
    for hop in [
        "x-trace",
        "te",
        "proxy-authorization",
        "upgrade",
        "keep-alive",
    ] {
        assert_eq!(
            seen.header(hop),
            None,
            "{hop} must not be forwarded: {seen:?}"
        );
    }
    assert_eq!(seen.header("x-kept"), Some("1"));
    assert_eq!(seen.header("x-forwarded-for"), Some("10.1.2.3, 127.0.0.1"));

    // On the way back (the unit tests cover the hop-by-hop list there: an
    // actix upstream will not send a `Connection` naming other headers).
    let back = app.get("/api/secret").await;
    assert!(
        back.headers().get("set-cookie").is_some(),
        "a proxy passes cookies on"
    );
}

#[tokio::test]
async fn upstream_statuses_pass_through() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    proxy_mock(&app, "/api/{*rest}", "proxy", &upstream.url, json!({})).await;
    for status in [201u16, 404, 418, 500] {
        let response = app.get(&format!("/api/status/{status}")).await;
        assert_eq!(response.status().as_u16(), status);
        assert_eq!(source(&response).as_deref(), Some("upstream"));
        assert_eq!(response.json::<Value>().await.unwrap()["status"], status);
    }
}

#[tokio::test]
async fn an_unreachable_or_slow_upstream_is_a_502_naming_the_cause() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    let closed = closed_port_url();
    proxy_mock(&app, "/down", "proxy", &closed, json!({})).await;
    proxy_mock(
        &app,
        "/slow",
        "proxy",
        &upstream.url,
        json!({"timeout_seconds": 0.5}),
    )
    .await;
    proxy_mock(&app, "/pass", "passthrough", &closed, json!({})).await;

    for path in ["/down", "/pass"] {
        let refused = expect_json(app.get(path).await, 502).await;
        assert_eq!(refused["error"], "upstream_error");
        let detail = refused["detail"].as_str().unwrap();
        assert!(detail.contains("connection refused"), "{detail}");
        assert!(
            detail.contains(closed.trim_start_matches("http://")),
            "{detail}"
        );
    }

    let started = std::time::Instant::now();
    let slow = expect_json(app.get("/slow").await, 502).await;
    assert!(started.elapsed() < std::time::Duration::from_millis(2500));
    let detail = slow["detail"].as_str().unwrap();
    assert!(detail.contains("did not answer within 0.5 s"), "{detail}");
}

#[tokio::test]
async fn proxy_with_fallback_answers_with_the_mock_on_failure_and_5xx_but_not_4xx() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    let fallback = |path: &str, url: &str, extra: Value| {
        let app = &app;
        let (path, url) = (path.to_string(), url.to_string());
        async move { proxy_mock(app, &path, "proxy-with-fallback", &url, extra).await }
    };
    fallback("/closed", &closed_port_url(), json!({})).await;
    fallback("/slow", &upstream.url, json!({"timeout_seconds": 0.5})).await;
    fallback("/status/{code}", &upstream.url, json!({})).await;
    fallback("/ok", &upstream.url, json!({})).await;

    for path in ["/closed", "/slow", "/status/500", "/status/503"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(source(&response).as_deref(), Some("fallback"), "{path}");
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"from": "fallback"})
        );
    }
    for (path, status) in [("/status/404", 404u16), ("/status/418", 418), ("/ok", 200)] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        assert_eq!(source(&response).as_deref(), Some("upstream"), "{path}");
    }
    let logs = app
        .inspector_logs("/api/admin/inspector/requests?path=/closed", 1)
        .await;
    assert_eq!(logs["logs"][0]["outcome"], "fallback");
    assert_eq!(logs["logs"][0]["source"], "fallback");
    let logs = app
        .inspector_logs("/api/admin/inspector/requests?path=/ok", 1)
        .await;
    assert_eq!(logs["logs"][0]["outcome"], "proxied");
    assert_eq!(logs["logs"][0]["source"], "upstream");
    assert_eq!(logs["logs"][0]["response_status"], 200);
}

#[tokio::test]
async fn passthrough_is_never_templated_and_never_falls_back() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    let templated = json!({
        "is_template": true, "response_body": "{{ request.path }} from the mock",
        "response_headers": {"X-Template": "{{ request.method }}"},
        "error_rate": 100, "response_delay_ms": 2000,
    });
    proxy_mock(
        &app,
        "/t/{*rest}",
        "passthrough",
        &upstream.url,
        templated.clone(),
    )
    .await;
    proxy_mock(&app, "/gone", "passthrough", &closed_port_url(), templated).await;
    let started = std::time::Instant::now();
    let response = app.get("/t/status/500").await;
    assert_eq!(
        response.status(),
        500,
        "the upstream's 500, not a fallback or simulated error"
    );
    assert_eq!(response.headers().get("x-template"), None);
    assert_eq!(response.headers().get("x-mimicus-simulated-error"), None);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"status": 500})
    );
    assert!(
        started.elapsed() < std::time::Duration::from_millis(1500),
        "no delay"
    );
    assert_eq!(
        expect_json(app.get("/gone").await, 502).await["error"],
        "upstream_error"
    );
}

#[tokio::test]
async fn forwarding_to_this_server_itself_is_refused_not_looped() {
    let app = spawn_app().await;
    for own in [
        app.address.clone(),
        app.address.replace("127.0.0.1", "localhost"),
    ] {
        let response = app
            .post_json(
                "/api/admin/mocks",
                &mock_json("/loop", json!({"mock_mode": "proxy", "upstream_url": own})),
            )
            .await;
        let error = expect_json(response, 422).await;
        assert_eq!(error["field"], "upstream_url");
        assert!(
            error["detail"].as_str().unwrap().contains("own address"),
            "{error}"
        );
        let start = app
            .post_json("/api/admin/recording/start", &json!({"upstream_url": own}))
            .await;
        assert_eq!(expect_json(start, 422).await["field"], "upstream_url");
    }
    assert_eq!(app.mock_count().await, 0);
}

#[tokio::test]
async fn hosts_outside_the_allowlist_are_refused_when_saved() {
    let app = spawn_app_with(|c| c.proxy_allowed_hosts = Some(vec!["localhost".into()])).await;
    let outside = mock_json(
        "/x",
        json!({"mock_mode": "proxy", "upstream_url": "http://127.0.0.1:9"}),
    );
    let error = expect_json(app.post_json("/api/admin/mocks", &outside).await, 422).await;
    assert_eq!(error["field"], "upstream_url");
    assert!(error["detail"]
        .as_str()
        .unwrap()
        .contains("--proxy-allowed-hosts"));

    let inside = mock_json(
        "/x",
        json!({"mock_id": "inside", "mock_mode": "proxy", "upstream_url": "http://localhost:9"}),
    );
    app.create_mock(inside).await;
    let patch = app
        .send_json(
            Method::PATCH,
            "/api/admin/mocks/inside",
            &json!({"upstream_url": "http://api.example"}),
        )
        .await;
    assert_eq!(expect_json(patch, 422).await["field"], "upstream_url");

    let bulk = app
        .post_json("/api/admin/mocks/bulk-import", &json!({"mocks": [outside]}))
        .await;
    let report: Value = bulk.json().await.unwrap();
    let text = report.to_string();
    assert!(text.contains("--proxy-allowed-hosts"), "{report}");
    assert_eq!(
        app.mock_count().await,
        1,
        "nothing outside the list was stored"
    );
    let stored = expect_json(app.get("/api/admin/mocks/inside").await, 200).await;
    assert_eq!(stored["upstream_url"], "http://localhost:9");
}

#[tokio::test]
async fn a_stored_mock_outside_a_new_allowlist_is_refused_at_request_time() {
    let upstream = Upstream::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let server = start_binary(&db, &[]);
    let client = reqwest::Client::new();
    let mock = mock_json(
        "/p",
        json!({"mock_mode": "proxy", "upstream_url": upstream.url}),
    );
    let created = client
        .post(server.loopback_url("/api/admin/mocks"))
        .json(&mock)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    server.terminate();

    let server = start_binary(&db, &["--proxy-allowed-hosts", "api.example,other.example"]);
    let response = client.get(server.loopback_url("/p")).send().await.unwrap();
    let error = expect_json(response, 502).await;
    assert_eq!(error["error"], "upstream_error");
    assert!(
        error["detail"]
            .as_str()
            .unwrap()
            .contains("--proxy-allowed-hosts"),
        "{error}"
    );
    assert!(upstream.seen().is_empty(), "nothing was forwarded");
}

#[tokio::test]
async fn metrics_count_upstream_calls_errors_and_latency() {
    let upstream = Upstream::start().await;
    let app = spawn_app().await;
    proxy_mock(&app, "/ok", "proxy", &upstream.url, json!({})).await;
    proxy_mock(&app, "/down", "proxy", &closed_port_url(), json!({})).await;
    app.get("/ok").await;
    app.get("/ok").await;
    app.get("/down").await;
    let text = app.get("/metrics").await.text().await.unwrap();
    let value = |name: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} missing:\n{text}"))
    };
    assert_eq!(value("mimicus_upstream_requests_total"), 3.0);
    assert_eq!(value("mimicus_upstream_errors_total"), 1.0);
    assert_eq!(value("mimicus_upstream_duration_seconds_count"), 3.0);
    assert_eq!(value("mimicus_requests_total{outcome=\"proxied\"}"), 3.0);
}
