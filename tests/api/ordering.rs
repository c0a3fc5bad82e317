//! SPEC §4 ordering: priority, then path specificity, then number of
//! conditions, then the oldest mock.

use serde_json::json;

use crate::helpers::{mock_json, spawn_app};

async fn winner(app: &crate::helpers::TestApp, request: reqwest::RequestBuilder) -> String {
    let _ = app;
    request.send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn higher_priority_wins_over_a_more_specific_path() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/p/1",
        json!({"response_body": "exact-low", "mock_priority": 1}),
    ))
    .await;
    app.create_mock(mock_json(
        "^/p/.*",
        json!({"response_body": "regex-high", "mock_priority": 5}),
    ))
    .await;
    assert_eq!(
        winner(&app, app.client.get(app.url("/p/1"))).await,
        "regex-high"
    );
}

#[tokio::test]
async fn on_equal_priority_exact_beats_template_beats_regex() {
    let app = spawn_app().await;
    app.create_mock(mock_json("^/s/.*", json!({"response_body": "regex"})))
        .await;
    app.create_mock(mock_json("/s/{id}", json!({"response_body": "template"})))
        .await;
    app.create_mock(mock_json(
        "/s/{*rest}",
        json!({"response_body": "catch-all"}),
    ))
    .await;
    app.create_mock(mock_json("/s/1", json!({"response_body": "exact"})))
        .await;
    assert_eq!(winner(&app, app.client.get(app.url("/s/1"))).await, "exact");
    assert_eq!(
        winner(&app, app.client.get(app.url("/s/2"))).await,
        "template"
    );
    assert_eq!(
        winner(&app, app.client.get(app.url("/s/2/3"))).await,
        "catch-all"
    );
}

#[tokio::test]
async fn on_equal_path_kind_more_conditions_win() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/c", json!({"response_body": "plain"})))
        .await;
    app.create_mock(mock_json(
        "/c",
        json!({"response_body": "two", "match_headers": {"X-A": "1"}, "match_query": {"q": "1"}}),
    ))
    .await;
    app.create_mock(mock_json(
        "/c",
        json!({"response_body": "one", "match_headers": {"X-A": "1"}}),
    ))
    .await;
    let request = |q: &str| {
        app.client
            .get(app.url(&format!("/c{q}")))
            .header("X-A", "1")
    };
    assert_eq!(winner(&app, request("?q=1")).await, "two");
    assert_eq!(winner(&app, request("")).await, "one");
    assert_eq!(winner(&app, app.client.get(app.url("/c"))).await, "plain");
}

#[tokio::test]
async fn on_a_full_tie_the_oldest_mock_wins() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/tie",
        json!({"mock_id": "zzz-first", "response_body": "first"}),
    ))
    .await;
    app.create_mock(mock_json(
        "/tie",
        json!({"mock_id": "aaa-second", "response_body": "second"}),
    ))
    .await;
    assert_eq!(winner(&app, app.client.get(app.url("/tie"))).await, "first");
}

#[tokio::test]
async fn a_failing_higher_ranked_mock_falls_through_to_the_next() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/f", json!({"response_body": "strict", "mock_priority": 200, "match_headers": {"X-Env": "prod"}}))).await;
    app.create_mock(mock_json("/f", json!({"response_body": "loose"})))
        .await;
    assert_eq!(winner(&app, app.client.get(app.url("/f"))).await, "loose");
    assert_eq!(
        winner(&app, app.client.get(app.url("/f")).header("X-Env", "prod")).await,
        "strict"
    );
}
