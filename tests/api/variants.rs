//! Response variants (SPEC §9).

use std::time::Duration;

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, spawn_app, start_binary};

fn variant(weight: u32, body: &str) -> Value {
    json!({"weight": weight, "response": {"status": 200, "body": body}})
}

#[tokio::test]
async fn weighted_variants_follow_their_weights_and_zero_is_never_chosen() {
    let app = spawn_app_quiet().await;
    app.create_mock(mock_json(
        "/w",
        json!({"variants": [variant(80, "a"), variant(0, "never"), variant(20, "b")]}),
    ))
    .await;
    let mut counts = [0usize; 3];
    for _ in 0..2000 {
        let response = app.get("/w").await;
        let index: usize = response.headers()["x-mimicus-variant"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let body = response.text().await.unwrap();
        assert_eq!(body, ["a", "never", "b"][index]);
        counts[index] += 1;
    }
    assert_eq!(counts[1], 0);
    let share = counts[0] as f64 / 20.0;
    assert!(
        (76.0..=84.0).contains(&share),
        "80/20 split observed as {share}%"
    );
}

async fn spawn_app_quiet() -> crate::helpers::TestApp {
    crate::helpers::spawn_app_with(|c| c.inspector_max_entries = 0).await
}

#[tokio::test]
async fn sequence_advances_per_session_and_repeats_the_last() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/seq", json!({"variant_mode": "sequence", "variants": [
        {"response": {"status": 202, "body": "first"}}, {"response": {"status": 200, "body": "second", "headers": {"X-Step": "2"}}}, {"response": {"status": 410, "body": "last"}}
    ]}))).await;
    let call = |s: &'static str| {
        app.client
            .get(app.url("/seq"))
            .header("X-Session-ID", s)
            .send()
    };
    let a1 = call("a").await.unwrap();
    assert_eq!(
        (
            a1.status().as_u16(),
            a1.headers()["x-mimicus-variant"]
                .to_str()
                .unwrap()
                .to_string()
        ),
        (202, "0".into())
    );
    let a2 = call("a").await.unwrap();
    assert_eq!(a2.headers()["x-step"], "2");
    assert_eq!(a2.text().await.unwrap(), "second");
    assert_eq!(
        call("b").await.unwrap().text().await.unwrap(),
        "first",
        "each session has its own position"
    );
    for _ in 0..3 {
        let last = call("a").await.unwrap();
        assert_eq!(last.status().as_u16(), 410);
    }
}

#[tokio::test]
async fn cycle_goes_round_robin() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/cyc", json!({"variant_mode": "cycle", "variants": [variant(1, "x"), variant(1, "y"), variant(1, "z")]}))).await;
    let mut seen = String::new();
    for _ in 0..7 {
        seen.push_str(&app.get("/cyc").await.text().await.unwrap());
    }
    assert_eq!(seen, "xyzxyzx");
}

#[tokio::test]
async fn variants_can_be_templates_and_are_recorded_in_the_inspector() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/tv/{id}", json!({"mock_id": "tv", "variants": [
        {"weight": 1, "response": {"status": 201, "is_template": true, "body": "{\"id\": \"{{ request.path_params.id }}\"}",
                                   "headers": {"X-Id": "{{ request.path_params.id }}"}}}
    ]}))).await;
    let response = app.get("/tv/5").await;
    assert_eq!(response.headers()["x-id"], "5");
    assert_eq!(expect_json(response, 201).await, json!({"id": "5"}));
    let logs = app
        .inspector_logs("/api/admin/inspector/mocks/tv/requests", 1)
        .await;
    assert_eq!(logs["logs"][0]["variant"], 0);
}

#[tokio::test]
async fn reset_starts_sequences_over() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/again", json!({"mock_id": "again", "variant_mode": "sequence", "variants": [variant(1, "one"), variant(1, "two")]}))).await;
    assert_eq!(app.get("/again").await.text().await.unwrap(), "one");
    assert_eq!(app.get("/again").await.text().await.unwrap(), "two");
    expect_json(
        app.client
            .post(app.url("/api/admin/mocks/again/reset"))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert_eq!(app.get("/again").await.text().await.unwrap(), "one");
}

#[tokio::test]
async fn sequence_positions_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("variants.db");
    let client = reqwest::Client::new();
    let first = start_binary(&db, &[]);
    let mock = mock_json(
        "/persist-seq",
        json!({"variant_mode": "sequence", "variants": [variant(1, "one"), variant(1, "two"), variant(1, "three")]}),
    );
    client
        .post(format!("{}/api/admin/mocks", first.address))
        .json(&mock)
        .send()
        .await
        .unwrap();
    let body = client
        .get(format!("{}/persist-seq", first.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "one");
    assert_eq!(first.terminate(), Some(0));
    let second = start_binary(&db, &[]);
    let body = client
        .get(format!("{}/persist-seq", second.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "two");
}

#[tokio::test]
async fn variant_delay_is_applied() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/vd",
        json!({"variants": [{"weight": 1, "response": {"delay_ms": 250, "body": "late"}}]}),
    ))
    .await;
    let started = std::time::Instant::now();
    assert_eq!(app.get("/vd").await.text().await.unwrap(), "late");
    assert!(started.elapsed() >= Duration::from_millis(250));
}
