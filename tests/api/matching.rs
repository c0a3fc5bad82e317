//! Every matcher kind, matching and not matching, through HTTP.

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, TestApp};

async fn status_of(app: &TestApp, request: reqwest::RequestBuilder) -> u16 {
    let _ = app;
    request.send().await.expect("sent").status().as_u16()
}

#[tokio::test]
async fn exact_template_catch_all_and_regex_paths() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/api/users", json!({"response_body": "exact"})))
        .await;
    app.create_mock(mock_json(
        "/api/users/{id}",
        json!({"response_body": "template"}),
    ))
    .await;
    app.create_mock(mock_json(
        "/files/{*rest}",
        json!({"response_body": "rest"}),
    ))
    .await;
    app.create_mock(mock_json(
        "^/items/(?P<sku>[A-Z]+[0-9]+)$",
        json!({"response_body": "regex"}),
    ))
    .await;
    let text = |path: &'static str| {
        let app = &app;
        async move { app.get(path).await.text().await.unwrap() }
    };
    assert_eq!(text("/api/users").await, "exact");
    assert_eq!(text("/api/users/42").await, "template");
    assert_eq!(text("/files/a/b/c.txt").await, "rest");
    assert_eq!(text("/items/AB12").await, "regex");
    for miss in [
        "/api/users/42/extra",
        "/items/ab12",
        "/items/AB12/x",
        "/api/user",
    ] {
        assert_eq!(app.get(miss).await.status().as_u16(), 404, "{miss}");
    }
}

#[tokio::test]
async fn method_must_match_unless_any() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/only-post", json!({"match_method": "POST"})))
        .await;
    app.create_mock(mock_json("/any", json!({"match_method": "ANY"})))
        .await;
    assert_eq!(
        status_of(&app, app.client.post(app.url("/only-post"))).await,
        200
    );
    assert_eq!(
        status_of(&app, app.client.get(app.url("/only-post"))).await,
        404
    );
    for method in ["GET", "POST", "DELETE", "PATCH"] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        assert_eq!(
            status_of(&app, app.client.request(m, app.url("/any"))).await,
            200,
            "{method}"
        );
    }
}

#[tokio::test]
async fn header_matchers_are_case_insensitive_on_names() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/h/exact",
        json!({"match_headers": {"X-Env": "prod"}}),
    ))
    .await;
    app.create_mock(mock_json(
        "/h/equals",
        json!({"match_headers": {"x-env": {"equals": "prod"}}}),
    ))
    .await;
    app.create_mock(mock_json(
        "/h/contains",
        json!({"match_headers": {"Authorization": {"contains": "Bearer"}}}),
    ))
    .await;
    app.create_mock(mock_json(
        "/h/regex",
        json!({"match_headers": {"X-Version": {"regex": "^v[0-9]+$"}}}),
    ))
    .await;
    app.create_mock(mock_json(
        "/h/present",
        json!({"match_headers": {"X-Token": {"present": true}}}),
    ))
    .await;
    app.create_mock(mock_json(
        "/h/absent",
        json!({"match_headers": {"X-Token": {"present": false}}}),
    ))
    .await;
    let c = &app.client;
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, u16);
    let cases: Vec<Case> = vec![
        ("/h/exact", vec![("x-ENV", "prod")], 200),
        ("/h/exact", vec![("X-Env", "production")], 404),
        ("/h/equals", vec![("X-Env", "prod")], 200),
        ("/h/equals", vec![], 404),
        ("/h/contains", vec![("Authorization", "Bearer abc")], 200),
        ("/h/contains", vec![("Authorization", "Basic abc")], 404),
        ("/h/regex", vec![("X-Version", "v12")], 200),
        ("/h/regex", vec![("X-Version", "v1.2")], 404),
        ("/h/present", vec![("X-Token", "")], 200),
        ("/h/present", vec![], 404),
        ("/h/absent", vec![], 200),
        ("/h/absent", vec![("X-Token", "t")], 404),
    ];
    for (path, headers, expected) in cases {
        let mut request = c.get(app.url(path));
        for (k, v) in &headers {
            request = request.header(*k, *v);
        }
        assert_eq!(
            status_of(&app, request).await,
            expected,
            "{path} {headers:?}"
        );
    }
}

#[tokio::test]
async fn query_matchers_decode_values() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/q", json!({"match_query": {"page": "2", "q": {"contains": "hello world"}, "debug": {"present": false}}}))).await;
    app.create_mock(mock_json(
        "/q/regex",
        json!({"match_query": {"id": {"regex": "^[0-9]+$"}}}),
    ))
    .await;
    assert_eq!(
        app.get("/q?page=2&q=say+hello%20world")
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.get("/q?page=3&q=hello world").await.status().as_u16(),
        404
    );
    assert_eq!(
        app.get("/q?page=2&q=hello world&debug=1")
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(app.get("/q/regex?id=123").await.status().as_u16(), 200);
    assert_eq!(app.get("/q/regex?id=12a").await.status().as_u16(), 404);
}

async fn post_body(app: &TestApp, path: &str, content_type: &str, body: &str) -> u16 {
    app.post_raw(path, content_type, body.to_string())
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn raw_body_conditions() {
    let app = spawn_app().await;
    let post = |body: Value| json!({"match_method": "POST", "match_body": body});
    app.create_mock(mock_json("/b/equals", post(json!({"equals": "ping"}))))
        .await;
    app.create_mock(mock_json(
        "/b/contains",
        post(json!({"contains": "needle"})),
    ))
    .await;
    app.create_mock(mock_json("/b/regex", post(json!({"regex": "^id=[0-9]+$"}))))
        .await;
    assert_eq!(
        post_body(&app, "/b/equals", "text/plain", "ping").await,
        200
    );
    assert_eq!(
        post_body(&app, "/b/equals", "text/plain", "ping ").await,
        404
    );
    assert_eq!(
        post_body(&app, "/b/contains", "text/plain", "hayneedlehay").await,
        200
    );
    assert_eq!(
        post_body(&app, "/b/contains", "text/plain", "hay").await,
        404
    );
    assert_eq!(
        post_body(&app, "/b/regex", "text/plain", "id=42").await,
        200
    );
    assert_eq!(
        post_body(&app, "/b/regex", "text/plain", "id=4x").await,
        404
    );
}

#[tokio::test]
async fn json_body_conditions() {
    let app = spawn_app().await;
    let post = |body: Value| json!({"match_method": "POST", "match_body": body});
    app.create_mock(mock_json(
        "/j/equals",
        post(json!({"json_equals": {"a": 1, "b": {"c": [1, 2]}}})),
    ))
    .await;
    app.create_mock(mock_json(
        "/j/contains",
        post(json!({"json_contains": {"user": {"role": "admin"}}})),
    ))
    .await;
    app.create_mock(mock_json(
        "/j/path",
        post(json!({"jsonpath": "$.order.sku", "equals": "A1"})),
    ))
    .await;
    app.create_mock(mock_json(
        "/j/path-regex",
        post(json!({"jsonpath": "$.email", "regex": "@example\\.com$"})),
    ))
    .await;
    app.create_mock(mock_json(
        "/j/path-exists",
        post(json!({"jsonpath": "$.token"})),
    ))
    .await;
    app.create_mock(mock_json(
        "/j/all",
        post(json!([{"jsonpath": "$.a"}, {"contains": "zz"}])),
    ))
    .await;
    let ct = "application/json";
    assert_eq!(
        post_body(&app, "/j/equals", ct, r#"{"b":{"c":[1,2]},"a":1}"#).await,
        200
    );
    assert_eq!(
        post_body(&app, "/j/equals", ct, r#"{"a":1,"b":{"c":[1,2]},"x":0}"#).await,
        404
    );
    assert_eq!(
        post_body(
            &app,
            "/j/contains",
            ct,
            r#"{"user":{"role":"admin","id":1},"more":true}"#
        )
        .await,
        200
    );
    assert_eq!(
        post_body(&app, "/j/contains", ct, r#"{"user":{"role":"viewer"}}"#).await,
        404
    );
    assert_eq!(
        post_body(&app, "/j/path", ct, r#"{"order":{"sku":"A1","qty":2}}"#).await,
        200
    );
    assert_eq!(
        post_body(&app, "/j/path", ct, r#"{"order":{"sku":"B2"}}"#).await,
        404
    );
    assert_eq!(
        post_body(&app, "/j/path-regex", ct, r#"{"email":"a@example.com"}"#).await,
        200
    );
    assert_eq!(
        post_body(&app, "/j/path-regex", ct, r#"{"email":"a@example.org"}"#).await,
        404
    );
    assert_eq!(
        post_body(&app, "/j/path-exists", ct, r#"{"token":null}"#).await,
        200
    );
    assert_eq!(
        post_body(&app, "/j/path-exists", ct, r#"{"other":1}"#).await,
        404
    );
    assert_eq!(post_body(&app, "/j/path-exists", ct, "not json").await, 404);
    assert_eq!(post_body(&app, "/j/all", ct, r#"{"a":"zz"}"#).await, 200);
    assert_eq!(
        post_body(&app, "/j/all", ct, r#"{"a":"yy"}"#).await,
        404,
        "every condition must hold"
    );
}

#[tokio::test]
async fn content_type_is_a_case_insensitive_prefix() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/ct",
        json!({"match_method": "POST", "match_content_type": "application/json"}),
    ))
    .await;
    assert_eq!(
        post_body(&app, "/ct", "Application/JSON; charset=utf-8", "{}").await,
        200
    );
    assert_eq!(post_body(&app, "/ct", "text/plain", "{}").await, 404);
}

#[tokio::test]
async fn static_response_uses_status_headers_and_body() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/s/json", json!({"response_status": 201, "response_headers": {"X-Trace": "abc"}, "response_body": {"id": 1}}))).await;
    app.create_mock(mock_json("/s/text", json!({"response_headers": {"Content-Type": "text/plain"}, "response_body": "plain {{ not a template }}"}))).await;
    let response = app.get("/s/json").await;
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.headers()["x-trace"], "abc");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(expect_json(response, 201).await, json!({"id": 1}));
    let response = app.get("/s/text").await;
    assert_eq!(response.headers()["content-type"], "text/plain");
    assert_eq!(response.text().await.unwrap(), "plain {{ not a template }}");
}

#[tokio::test]
async fn response_delay_and_delay_range_are_applied() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/slow", json!({"response_delay_ms": 300})))
        .await;
    app.create_mock(mock_json(
        "/range",
        json!({"response_delay_ms": 100, "response_delay_max_ms": 250}),
    ))
    .await;
    let started = std::time::Instant::now();
    assert_eq!(app.get("/slow").await.status().as_u16(), 200);
    assert!(started.elapsed().as_millis() >= 300);
    for _ in 0..3 {
        let started = std::time::Instant::now();
        app.get("/range").await;
        let ms = started.elapsed().as_millis();
        assert!(ms >= 100, "delay {ms} below the range");
    }
}

#[tokio::test]
async fn delays_do_not_block_other_requests() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/slow", json!({"response_delay_ms": 1500})))
        .await;
    app.create_mock(mock_json("/fast", json!({}))).await;
    let slow = tokio::spawn({
        let (client, url) = (app.client.clone(), app.url("/slow"));
        async move { client.get(url).send().await.map(|r| r.status().as_u16()) }
    });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    let futures: Vec<_> = (0..10)
        .map(|_| app.client.get(app.url("/fast")).send())
        .collect();
    for r in futures_util::future::join_all(futures).await {
        assert_eq!(r.unwrap().status().as_u16(), 200);
    }
    assert!(
        started.elapsed().as_millis() < 1000,
        "fast requests waited for the slow one"
    );
    assert_eq!(slow.await.unwrap().unwrap(), 200);
}

#[tokio::test]
async fn disabled_mocks_never_match() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/off", json!({"mock_enabled": false})))
        .await;
    assert_eq!(app.get("/off").await.status().as_u16(), 404);
}
