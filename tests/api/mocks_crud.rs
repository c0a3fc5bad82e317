use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app};

#[tokio::test]
async fn health_reports_service_and_version() {
    let app = spawn_app().await;
    let body = expect_json(app.get("/health").await, 200).await;
    assert_eq!(body["status"], "healthy");
    assert_eq!(body["service"], "mimicus");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn create_fills_defaults_and_get_returns_the_same_mock() {
    let app = spawn_app().await;
    let created = app
        .create_mock(
            json!({"mock_name": "users", "match_method": "get", "match_path": "/api/users"}),
        )
        .await;
    assert_eq!(created["mock_priority"], 100);
    assert_eq!(created["mock_enabled"], true);
    assert_eq!(created["mock_mode"], "mock");
    assert_eq!(created["match_method"], "GET");
    assert_eq!(created["response_status"], 200);
    assert_eq!(created["error_status_code"], 500);
    assert_eq!(created["rate_limit_window_seconds"], 60);
    assert_eq!(created["timeout_seconds"], 10);
    let id = created["mock_id"].as_str().unwrap();
    assert_eq!(id.len(), 36, "generated UUID");
    let fetched = expect_json(app.get(&format!("/api/admin/mocks/{id}")).await, 200).await;
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn every_field_round_trips_exactly() {
    let app = spawn_app().await;
    let full = json!({
        "mock_id": "full-1", "mock_name": "Full", "mock_priority": 7, "mock_enabled": false,
        "mock_mode": "proxy-with-fallback", "mock_tags": ["a", "b"], "match_method": "POST",
        "match_path": "/api/orders/{id}", "match_headers": {"X-Env": {"regex": "^p"}, "X-A": "b"},
        "match_query": {"page": {"present": true}}, "match_body": [{"jsonpath": "$.sku", "equals": "A1"}, {"contains": "qty"}],
        "match_content_type": "application/json", "response_status": 201,
        "response_headers": {"X-Trace": "1", "Content-Type": "application/json"},
        "response_body": {"nested": [1, {"b": null}]}, "is_template": false, "response_delay_ms": 5,
        "response_delay_max_ms": 10, "error_rate": 12.5, "error_status_code": 503, "error_body": "down",
        "rate_limit_requests": 5, "rate_limit_window_seconds": 2, "rate_limit_scope": "session",
        "variants": [{"weight": 3, "response": {"status": 202, "headers": {"A": "1"}, "body": "x", "is_template": false, "delay_ms": 1}}],
        "variant_mode": "cycle", "upstream_url": "http://127.0.0.1:9/base", "timeout_seconds": 2.5
    });
    let created = app.create_mock(full.clone()).await;
    for (key, value) in full.as_object().unwrap() {
        assert_eq!(&created[key], value, "field {key}");
    }
    let fetched = expect_json(app.get("/api/admin/mocks/full-1").await, 200).await;
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn list_filters_by_search_enabled_mode_and_tag_with_total_count() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/users",
        json!({"mock_name": "List users", "mock_tags": ["users"]}),
    ))
    .await;
    app.create_mock(mock_json(
        "/orders",
        json!({"mock_name": "Orders", "mock_enabled": false, "mock_tags": ["shop"]}),
    ))
    .await;
    app.create_mock(mock_json(
        "/proxy",
        json!({"mock_name": "Proxy", "mock_mode": "proxy", "upstream_url": "http://127.0.0.1:1"}),
    ))
    .await;
    for i in 0..3 {
        app.create_mock(mock_json(
            &format!("/users/{i}"),
            json!({"mock_name": format!("User {i}"), "mock_tags": ["users", "detail"]}),
        ))
        .await;
    }
    let count = |v: &Value| v["count"].as_i64().unwrap();
    let len = |v: &Value| v["mocks"].as_array().unwrap().len();

    let all = expect_json(app.get("/api/admin/mocks").await, 200).await;
    assert_eq!((count(&all), len(&all)), (6, 6));
    let search = expect_json(app.get("/api/admin/mocks?search=user").await, 200).await;
    assert_eq!(count(&search), 4, "name match is case-insensitive");
    let by_path = expect_json(app.get("/api/admin/mocks?search=/orders").await, 200).await;
    assert_eq!(count(&by_path), 1);
    let disabled = expect_json(app.get("/api/admin/mocks?enabled=false").await, 200).await;
    assert_eq!(disabled["mocks"][0]["mock_name"], "Orders");
    let proxies = expect_json(app.get("/api/admin/mocks?mode=proxy").await, 200).await;
    assert_eq!(
        (count(&proxies), proxies["mocks"][0]["mock_name"].clone()),
        (1, json!("Proxy"))
    );
    let tagged = expect_json(app.get("/api/admin/mocks?tag=users").await, 200).await;
    assert_eq!(count(&tagged), 4);
    let page = expect_json(
        app.get("/api/admin/mocks?tag=users&limit=2&offset=1").await,
        200,
    )
    .await;
    assert_eq!(
        (count(&page), len(&page)),
        (4, 2),
        "count is the total, not the page size"
    );
    assert_eq!(page["mocks"][0]["mock_name"], "User 0");
    let none = expect_json(app.get("/api/admin/mocks?search=100%25").await, 200).await;
    assert_eq!(count(&none), 0, "LIKE wildcards are escaped");
}

#[tokio::test]
async fn list_rejects_bad_filter_values() {
    let app = spawn_app().await;
    let body = expect_json(app.get("/api/admin/mocks?enabled=maybe").await, 422).await;
    assert_eq!(body["field"], "enabled");
    let body = expect_json(app.get("/api/admin/mocks?mode=record").await, 422).await;
    assert_eq!(body["field"], "mode");
    let body = expect_json(app.get("/api/admin/mocks?limit=-1").await, 422).await;
    assert_eq!(body["field"], "limit");
}

#[tokio::test]
async fn patch_and_put_change_only_the_fields_present() {
    let app = spawn_app().await;
    let created = app
        .create_mock(mock_json(
            "/a",
            json!({"mock_id": "m1", "mock_tags": ["x"], "response_status": 201}),
        ))
        .await;
    for method in [Method::PATCH, Method::PUT] {
        let updated = expect_json(
            app.send_json(
                method.clone(),
                "/api/admin/mocks/m1",
                &json!({"mock_name": format!("renamed {method}")}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(updated["mock_name"], format!("renamed {method}"));
        assert_eq!(updated["response_status"], 201);
        assert_eq!(updated["mock_tags"], json!(["x"]));
        assert_eq!(updated["created_at"], created["created_at"]);
        assert_ne!(updated["updated_at"], created["updated_at"]);
    }
    let served = app.client.get(app.url("/a")).send().await.unwrap();
    assert_eq!(served.status().as_u16(), 201, "the index follows updates");
    let cleared = expect_json(
        app.send_json(
            Method::PATCH,
            "/api/admin/mocks/m1",
            &json!({"mock_tags": null}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        cleared["mock_tags"],
        json!([]),
        "null resets a field to its default"
    );
}

#[tokio::test]
async fn update_cannot_rename_the_id_and_unknown_ids_are_404() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/a", json!({"mock_id": "m1"})))
        .await;
    let body = expect_json(
        app.send_json(
            Method::PATCH,
            "/api/admin/mocks/m1",
            &json!({"mock_id": "m2"}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(body["field"], "mock_id");
    let body = expect_json(
        app.send_json(
            Method::PATCH,
            "/api/admin/mocks/nope",
            &json!({"mock_name": "x"}),
        )
        .await,
        404,
    )
    .await;
    assert_eq!(body["error"], "not_found");
}

#[tokio::test]
async fn delete_removes_the_mock_and_stops_serving_it() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/gone", json!({"mock_id": "gone"})))
        .await;
    assert_eq!(app.get("/gone").await.status().as_u16(), 200);
    let deleted = app
        .client
        .delete(app.url("/api/admin/mocks/gone"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status().as_u16(), 204);
    assert_eq!(
        app.get("/api/admin/mocks/gone").await.status().as_u16(),
        404
    );
    assert_eq!(app.get("/gone").await.status().as_u16(), 404);
    let again = app
        .client
        .delete(app.url("/api/admin/mocks/gone"))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(again, 404).await["error"], "not_found");
}

#[tokio::test]
async fn toggle_flips_enabled_and_the_surface_follows() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/t", json!({"mock_id": "t"})))
        .await;
    let off = expect_json(
        app.post_json("/api/admin/mocks/t/toggle", &json!({})).await,
        200,
    )
    .await;
    assert_eq!(off["mock_enabled"], false);
    assert_eq!(app.get("/t").await.status().as_u16(), 404);
    let on = expect_json(
        app.client
            .post(app.url("/api/admin/mocks/t/toggle"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(on["mock_enabled"], true);
    assert_eq!(app.get("/t").await.status().as_u16(), 200);
    assert_eq!(
        app.client
            .post(app.url("/api/admin/mocks/zz/toggle"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn duplicate_creates_a_disabled_copy() {
    let app = spawn_app().await;
    let original = app
        .create_mock(mock_json(
            "/d",
            json!({"mock_id": "d", "mock_name": "Orig", "response_status": 202}),
        ))
        .await;
    let copy = expect_json(
        app.client
            .post(app.url("/api/admin/mocks/d/duplicate"))
            .send()
            .await
            .unwrap(),
        201,
    )
    .await;
    assert_eq!(copy["mock_name"], "Orig (copy)");
    assert_eq!(copy["mock_enabled"], false);
    assert_ne!(copy["mock_id"], original["mock_id"]);
    assert_eq!(copy["response_status"], 202);
    assert_eq!(app.mock_count().await, 2);
    assert_eq!(
        app.client
            .post(app.url("/api/admin/mocks/nope/duplicate"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn reset_returns_the_mock_and_404s_for_unknown_ids() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/r", json!({"mock_id": "r"})))
        .await;
    let body = expect_json(
        app.client
            .post(app.url("/api/admin/mocks/r/reset"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(body["mock_id"], "r");
    assert_eq!(
        app.client
            .post(app.url("/api/admin/mocks/nope/reset"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn unknown_admin_paths_are_json_404_not_the_mock_surface() {
    let app = spawn_app().await;
    app.create_mock(json!({"mock_name": "greedy", "match_method": "ANY", "match_path": "^/.*", "response_body": {"path": "^/.*"}})).await;
    let body = expect_json(app.get("/api/admin/nothing-here").await, 404).await;
    assert_eq!(body["error"], "not_found");
    let value: Value = app.get("/anything/else").await.json().await.unwrap();
    assert_eq!(value["path"], "^/.*");
}
