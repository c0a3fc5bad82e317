//! Templated responses and the template preview (SPEC §6), through HTTP.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app};

#[tokio::test]
async fn templated_body_and_headers_see_the_request() {
    let app = spawn_app().await;
    let body = r#"{"id": "{{ request.path_params.id }}", "name": "{{ request.json.name }}", "ct1": "{{ request.headers['content-type'] }}", "ct2": "{{ request.headers['Content-Type'] }}", "page": "{{ request.query.page }}", "raw": {{ request.body | tojson }}, "theme": "{{ request.cookies.theme }}", "mock": "{{ mock.id }}", "method": "{{ request.method }}"}"#;
    app.create_mock(mock_json("/users/{id}", json!({
        "mock_id": "tpl", "match_method": "POST", "is_template": true,
        "response_headers": {"X-User": "user-{{ request.path_params.id }}"}, "response_body": body
    })))
    .await;
    let response = app
        .client
        .post(app.url("/users/42?page=3&page=4"))
        .header("Content-Type", "application/json")
        .header("Cookie", "theme=dark; other=1")
        .body(r#"{"name":"Ada"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-user"], "user-42");
    let rendered = expect_json(response, 200).await;
    assert_eq!(
        rendered,
        json!({"id": "42", "name": "Ada", "ct1": "application/json", "ct2": "application/json", "page": "3",
               "raw": "{\"name\":\"Ada\"}", "theme": "dark", "mock": "tpl", "method": "POST"})
    );
}

#[tokio::test]
async fn a_json_response_body_is_rendered_as_a_template_too() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/j/{id}", json!({"is_template": true, "response_body": {"id": "{{ request.path_params.id }}", "n": 1}}))).await;
    assert_eq!(
        expect_json(app.get("/j/7").await, 200).await,
        json!({"id": "7", "n": 1})
    );
}

#[tokio::test]
async fn is_template_false_leaves_braces_untouched() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/raw", json!({"response_body": "{{ request.path }} {% if x %}", "response_headers": {"X-T": "{{ x }}"}}))).await;
    let response = app.get("/raw").await;
    assert_eq!(response.headers()["x-t"], "{{ x }}");
    assert_eq!(
        response.text().await.unwrap(),
        "{{ request.path }} {% if x %}"
    );
}

#[tokio::test]
async fn conditionals_loops_and_helpers_render() {
    let app = spawn_app().await;
    let body = "{% for i in range(3) %}{{ i }}{% endfor %}|{% if request.query.vip == 'yes' %}vip{% else %}std{% endif %}|{{ random_int(1, 1) }}|{{ md5('abc') }}|{{ sum(1, 2) }}";
    app.create_mock(mock_json(
        "/h",
        json!({"is_template": true, "response_body": body}),
    ))
    .await;
    assert_eq!(
        app.get("/h?vip=yes").await.text().await.unwrap(),
        "012|vip|1|900150983cd24fb0d6963f7d28e17f72|3"
    );
}

#[tokio::test]
async fn templates_that_do_not_compile_are_refused_with_the_line() {
    let app = spawn_app().await;
    for (field, extra) in [
        (
            "response_body",
            json!({"is_template": true, "response_body": "line one\n{{ broken( }}"}),
        ),
        (
            "response_headers.X-A",
            json!({"is_template": true, "response_headers": {"X-A": "{% if %}"}}),
        ),
        (
            "error_body",
            json!({"is_template": true, "error_body": "{{ }"}),
        ),
        (
            "variants[0].response.body",
            json!({"variants": [{"weight": 1, "response": {"is_template": true, "body": "{% for %}"}}]}),
        ),
    ] {
        let error = expect_json(
            app.post_json("/api/admin/mocks", &mock_json("/x", extra))
                .await,
            422,
        )
        .await;
        assert_eq!(error["field"], field);
        assert!(
            error["detail"].as_str().unwrap().contains("line"),
            "{error}"
        );
    }
    assert_eq!(app.mock_count().await, 0);
    app.create_mock(mock_json("/ok", json!({"mock_id": "ok"})))
        .await;
    let update = app
        .send_json(
            Method::PATCH,
            "/api/admin/mocks/ok",
            &json!({"is_template": true, "response_body": "{{ x"}),
        )
        .await;
    assert_eq!(expect_json(update, 422).await["field"], "response_body");
    assert_eq!(
        expect_json(app.get("/api/admin/mocks/ok").await, 200).await["is_template"],
        false
    );
}

#[tokio::test]
async fn a_render_failure_is_a_500_template_error_naming_the_mock() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/fail", json!({"mock_id": "failing", "is_template": true, "response_body": "{{ json_loads('{oops') }}"}))).await;
    let error = expect_json(app.get("/fail").await, 500).await;
    assert_eq!(error["error"], "template_error");
    assert_eq!(error["mock_id"], "failing");
    assert!(error["detail"].as_str().unwrap().contains("json_loads"));
}

#[tokio::test]
async fn preview_renders_reports_errors_with_line_and_never_writes_state() {
    let app = spawn_app().await;
    let ok = json!({"template": "{{ request.method }} {{ request.path_params.id }} {{ request.json.a }} {{ request.headers['X-A'] }} {{ request.query.q }}",
                    "request": {"method": "post", "path": "/u/1", "headers": {"x-a": "h"}, "query": {"q": "s"}, "body": "{\"a\": 5}", "path_params": {"id": "1"}}});
    assert_eq!(
        expect_json(
            app.post_json("/api/admin/templates/preview", &ok).await,
            200
        )
        .await,
        json!({"rendered": "POST 1 5 h s"})
    );
    let broken = json!({"template": "a\nb\n{% if %}"});
    let error = expect_json(
        app.post_json("/api/admin/templates/preview", &broken).await,
        200,
    )
    .await;
    assert_eq!(error["error"]["line"], 3);
    assert!(error["error"]["message"].as_str().is_some());

    app.post_json(
        "/api/admin/state/preview-session",
        &json!({"state_key": "count", "state_value": 5}),
    )
    .await;
    let writes = json!({"template": "{{ state.set('count', 99) }}{{ state.get('count') }} {{ state.inc('count') }} {{ state.set('new', 1) }}", "session_id": "preview-session"});
    assert_eq!(
        expect_json(
            app.post_json("/api/admin/templates/preview", &writes).await,
            200
        )
        .await["rendered"],
        "99 100 "
    );
    let stored = expect_json(app.get("/api/admin/state/preview-session").await, 200).await;
    assert_eq!(stored["count"], 1, "no new key: {stored}");
    assert_eq!(
        stored["states"][0]["state_value"], 5,
        "the preview's writes were discarded"
    );
}

#[tokio::test]
async fn preview_rejects_bad_input_with_field_errors() {
    let app = spawn_app().await;
    assert_eq!(
        expect_json(
            app.post_json("/api/admin/templates/preview", &json!({}))
                .await,
            422
        )
        .await["field"],
        "template"
    );
    let bad = json!({"template": "x", "request": {"headers": "nope"}});
    assert_eq!(
        expect_json(
            app.post_json("/api/admin/templates/preview", &bad).await,
            422
        )
        .await["field"],
        "request.headers"
    );
    let resp = app
        .post_raw("/api/admin/templates/preview", "application/json", "{")
        .await;
    assert_eq!(resp.status().as_u16(), 400);
}

#[tokio::test]
async fn sequences_count_per_session_and_fall_back_to_the_client_ip() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/next",
        json!({"is_template": true, "response_body": "{{ sequence('orders', start=1) }}"}),
    ))
    .await;
    let next = |session: Option<&'static str>| {
        let mut request = app.client.get(app.url("/next"));
        if let Some(s) = session {
            request = request.header("X-Session-ID", s);
        }
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    assert_eq!(next(Some("alice")).await, "1");
    assert_eq!(next(Some("alice")).await, "2");
    assert_eq!(next(Some("bob")).await, "1");
    assert_eq!(next(Some("alice")).await, "3");
    assert_eq!(next(None).await, "1");
    let by_ip = expect_json(app.get("/api/admin/state/ip:127.0.0.1").await, 200).await;
    assert_eq!(by_ip["states"][0]["state_key"], "orders");
    assert_eq!(by_ip["states"][0]["state_value"], 1);
    let alice = expect_json(app.get("/api/admin/state/alice/orders").await, 200).await;
    assert_eq!(alice, json!({"state_key": "orders", "state_value": 3}));
}

#[tokio::test]
async fn a_cart_flow_keeps_state_between_requests() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/cart/add/{item}", json!({"match_method": "POST", "is_template": true,
        "response_body": "{% set cart = state.get('cart', []) %}{{ state.set('cart', cart + [request.path_params.item]) }}{{ json_dumps(state.get('cart')) }}"}))).await;
    app.create_mock(mock_json("/cart", json!({"is_template": true, "response_body": "{\"items\": {{ json_dumps(state.get('cart', [])) }}}"}))).await;
    let add = |item: &str| {
        app.client
            .post(app.url(&format!("/cart/add/{item}")))
            .header("X-Session-ID", "cart-1")
            .send()
    };
    add("apple").await.unwrap();
    assert_eq!(
        add("pear").await.unwrap().text().await.unwrap(),
        r#"["apple","pear"]"#
    );
    let cart = app
        .client
        .get(app.url("/cart"))
        .header("X-Session-ID", "cart-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect_json(cart, 200).await,
        json!({"items": ["apple", "pear"]})
    );
    let other = app
        .client
        .get(app.url("/cart"))
        .header("X-Session-ID", "cart-2")
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(other, 200).await, json!({"items": []}));
}

#[tokio::test]
async fn one_hundred_concurrent_template_increments_add_exactly_one_hundred() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/inc",
        json!({"is_template": true, "response_body": "{{ state.inc('hits') }}"}),
    ))
    .await;
    let requests = (0..100).map(|_| {
        app.client
            .get(app.url("/inc"))
            .header("X-Session-ID", "load")
            .send()
    });
    for response in futures_util::future::join_all(requests).await {
        assert_eq!(response.unwrap().status().as_u16(), 200);
    }
    let value = expect_json(app.get("/api/admin/state/load/hits").await, 200).await;
    assert_eq!(value["state_value"], 100);
}

#[tokio::test]
async fn concurrent_sequence_calls_in_one_session_each_get_their_own_number() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/next",
        json!({"is_template": true, "response_body": "{{ sequence('orders', start=1) }} {{ state.get('orders') }}"}),
    ))
    .await;
    let requests = (0..100).map(|_| {
        app.client
            .get(app.url("/next"))
            .header("X-Session-ID", "many")
            .send()
    });
    let mut numbers = Vec::new();
    for response in futures_util::future::join_all(requests).await {
        let response = response.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let text = response.text().await.unwrap();
        let (number, stored) = text.split_once(' ').unwrap();
        assert_eq!(number, stored, "a render reads back its own write");
        numbers.push(number.parse::<i64>().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=100).collect::<Vec<_>>());
}

#[tokio::test]
async fn incrementing_a_non_integer_in_a_template_is_a_template_error() {
    let app = spawn_app().await;
    app.post_json(
        "/api/admin/state/s",
        &json!({"state_key": "n", "state_value": "7"}),
    )
    .await;
    app.create_mock(mock_json(
        "/bad-inc",
        json!({"mock_id": "bad-inc", "is_template": true, "response_body": "{{ state.inc('n') }}"}),
    ))
    .await;
    let response = app
        .client
        .get(app.url("/bad-inc"))
        .header("X-Session-ID", "s")
        .send()
        .await
        .unwrap();
    let error: Value = expect_json(response, 500).await;
    assert_eq!(error["error"], "template_error");
    let still = expect_json(app.get("/api/admin/state/s/n").await, 200).await;
    assert_eq!(still["state_value"], "7");
}
