//! Issue 13: a value a template nests while it renders (here 100,001
//! levels; up to what the render's fuel allows) is printed, compared,
//! serialized and dropped without exhausting the stack of the thread that
//! renders it. On the real binary, whose threads get their stack from
//! `main`: an overflow would abort the process, so every step checks it is
//! still up.

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::{
    mock_json, start_binary, start_binary_with_address_space_limit, ServerProcess,
};

/// 100,000 loop iterations, each wrapping `ns.x` in one more list.
const NEST: &str = "{% set ns = namespace(x=[]) %}\
    {% for i in range(100000) %}{% set ns.x = [ns.x] %}{% endfor %}";

/// Prints the value, sorts and compares it, and serializes it with `tojson`.
const USE: &str =
    "{{ ns.x }}|{{ [ns.x, [ns.x]]|sort|length }}|{{ ns.x == [ns.x] }}|{{ ns.x|tojson|length }}";

/// What [`USE`] renders for the value [`NEST`] builds.
fn expected() -> String {
    let levels = 100_001;
    format!(
        "{}{}|2|False|{}",
        "[".repeat(levels),
        "]".repeat(levels),
        2 * levels
    )
}

async fn assert_up(client: &Client, server: &ServerProcess, after: &str) {
    let health = client.get(server.loopback_url("/health")).send().await;
    assert!(
        health.is_ok_and(|r| r.status().is_success()),
        "the server died after {after}"
    );
}

async fn create(client: &Client, server: &ServerProcess, path: &str, template: String) {
    let mock = mock_json(
        path,
        json!({"is_template": true, "response_body": template}),
    );
    let created = client
        .post(server.loopback_url("/api/admin/mocks"))
        .json(&mock)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201, "{path}");
}

/// Status and body of `GET path` (an empty body if the connection broke).
async fn get(client: &Client, server: &ServerProcess, path: &str) -> (u16, String) {
    match client.get(server.loopback_url(path)).send().await {
        Ok(response) => (
            response.status().as_u16(),
            response.text().await.unwrap_or_default(),
        ),
        Err(_) => (0, String::new()),
    }
}

/// Creates a mock at `path` with `template`, requests it, and checks the
/// server survived `what` and sent [`expected`].
async fn serves_the_deep_value(
    client: &Client,
    server: &ServerProcess,
    path: &str,
    template: String,
    what: &str,
) {
    create(client, server, path, template).await;
    let (status, body) = get(client, server, path).await;
    assert_up(client, server, what).await;
    let start = &body[..body.len().min(300)];
    assert_eq!((status, body == expected()), (200, true), "{start}");
}

#[tokio::test]
async fn values_nested_100000_deep_while_rendering_leave_the_server_up() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_binary(&dir.path().join("deep.db"), &[]);
    let client = Client::new();

    // Rendered on an HTTP worker thread.
    let stateless = format!("{NEST}{USE}");
    serves_the_deep_value(&client, &server, "/deep", stateless, "a stateless render").await;
    // Rendered on the state writer's thread.
    let stateful = format!("{{{{ state.get('k', '') }}}}{NEST}{USE}");
    serves_the_deep_value(
        &client,
        &server,
        "/deep-state",
        stateful,
        "a render using state",
    )
    .await;

    // Rendered on a blocking thread of the worker's runtime.
    let preview = client
        .post(server.loopback_url("/api/admin/templates/preview"))
        .json(&json!({ "template": format!("{NEST}{USE}") }))
        .send()
        .await;
    assert_up(&client, &server, "a preview").await;
    let preview: Value = preview.unwrap().json().await.unwrap();
    assert_eq!(preview["rendered"].as_str(), Some(expected().as_str()));

    // Nesting until the fuel runs out (1.8 million levels, the most per
    // instruction a loop gets), then dropping it all.
    let literal = format!("{}ns.x{}", "[".repeat(73), "]".repeat(73));
    let exhausting = format!(
        "{{% set ns = namespace(x=[]) %}}{{% for i in range(100000) %}}{{% set ns.x = {literal} %}}{{% endfor %}}"
    );
    create(&client, &server, "/fuel", exhausting).await;
    let (status, body) = get(&client, &server, "/fuel").await;
    assert_up(&client, &server, "running out of fuel").await;
    assert_eq!(status, 500, "{body}");
    assert!(
        body.contains("template_error") && body.contains("fuel"),
        "{body}"
    );

    // The server's own JSON conversions refuse what JSON cannot read back.
    let dumped = format!("{NEST}{{{{ json_dumps(ns.x) }}}}");
    create(&client, &server, "/dumps", dumped).await;
    let (status, body) = get(&client, &server, "/dumps").await;
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("nests more than 127 levels"), "{body}");
    assert_up(&client, &server, "json_dumps").await;
}

/// Where every thread's stack counts in full against a limit, 2 GiB stacks
/// would stop the server from starting its threads: it keeps the default
/// stacks, says so, and serves.
#[tokio::test]
async fn a_limited_address_space_keeps_default_stacks_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("limited.db");
    let (server, stderr) = start_binary_with_address_space_limit(&db, 4 * 1024 * 1024);
    let warned = stderr
        .iter()
        .any(|line| line.contains("WARN") && line.contains("ulimit -v"));
    assert!(warned, "{stderr:#?}");
    let client = Client::new();
    create(&client, &server, "/t", "{{ 1 + 1 }}".into()).await;
    assert_eq!(get(&client, &server, "/t").await, (200, "2".into()));
}
