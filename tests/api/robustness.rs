//! Issue 13: no request can take the shared server down, hang it, or make
//! it send broken HTTP. One test per item; each rejected input leaves the
//! stored mocks unchanged.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{expect_json, mock_json, raw_exchange, spawn_app, spawn_app_with, TestApp};

/// Asserts a 422 naming `field` (and mentioning `needle`) and that nothing was stored.
async fn assert_refused(app: &TestApp, response: reqwest::Response, field: &str, needle: &str) {
    let before = app.export().await;
    let body = expect_json(response, 422).await;
    assert_eq!(body["field"], field, "{body}");
    let detail = body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(needle), "{detail}");
    assert_eq!(
        app.export().await,
        before,
        "a refused request changed the stored mocks"
    );
}

/// The preview's answer (always 200) for `template`.
async fn preview_of(app: &TestApp, template: &str) -> Value {
    let body = json!({ "template": template });
    expect_json(
        app.post_json("/api/admin/templates/preview", &body).await,
        200,
    )
    .await
}

#[tokio::test]
async fn a_100000_operator_template_is_refused_everywhere_and_the_server_stays_up() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/base", json!({"mock_id": "base"})))
        .await;
    let before = app.export().await;
    for op in [" + 1", " - 1", " ~ 'a'", "|abs", ".b"] {
        let template = format!("{{{{ 1{} }}}}", op.repeat(100_000));
        let bad = json!({"is_template": true, "response_body": template});
        let created = app
            .post_json("/api/admin/mocks", &mock_json("/t", bad.clone()))
            .await;
        assert_refused(&app, created, "response_body", "1000 operators").await;
        let patched = app
            .send_json(reqwest::Method::PATCH, "/api/admin/mocks/base", &bad)
            .await;
        assert_refused(&app, patched, "response_body", "1000 operators").await;
        let imported = expect_json(
            app.post_json(
                "/api/admin/mocks/bulk-import",
                &json!({"mocks": [mock_json("/t", bad)]}),
            )
            .await,
            200,
        )
        .await;
        assert_eq!(imported["errors"], 1, "{imported}");
        let preview = preview_of(&app, &template).await;
        let message = preview["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("too complex"), "{preview}");
    }
    let nots = format!("{{{{ {}1 }}}}", "not ".repeat(100_000));
    let preview = preview_of(&app, &nots).await;
    assert!(preview["error"]["message"].is_string(), "{preview}");
    assert_eq!(app.export().await, before);
    assert_eq!(app.get("/health").await.status().as_u16(), 200);
}

#[tokio::test]
async fn a_deeply_nested_jsonpath_and_an_oversized_regex_are_refused() {
    let app = spawn_app().await;
    let jsonpath = format!("$[?{}@.a{}]", "(".repeat(1_000), ")".repeat(1_000));
    let created = app
        .post_json(
            "/api/admin/mocks",
            &mock_json("/j", json!({"match_body": {"jsonpath": jsonpath}})),
        )
        .await;
    assert_refused(&app, created, "match_body.jsonpath", "limit").await;
    let regex = format!("{}a{}", "(".repeat(5_000), ")".repeat(5_000));
    let created = app
        .post_json(
            "/api/admin/mocks",
            &mock_json("/r", json!({"match_headers": {"X-A": {"regex": regex}}})),
        )
        .await;
    assert_refused(&app, created, "match_headers.X-A.regex", "limit").await;
    assert_eq!(app.mock_count().await, 0);
}

#[tokio::test]
async fn connect_and_websocket_upgrades_are_answered_not_left_hanging() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/x",
        json!({"match_method": "ANY", "response_body": "tunnel?"}),
    ))
    .await;
    let started = Instant::now();
    let connect = raw_exchange(
        &app.address,
        b"CONNECT /x HTTP/1.1\r\nHost: localhost\r\n\r\n",
        Duration::from_secs(10),
    )
    .await;
    assert!(connect.starts_with("HTTP/1.1 200"), "{connect}");
    assert!(connect.ends_with("tunnel?"), "{connect}");
    let upgrade = raw_exchange(
        &app.address,
        b"GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        Duration::from_secs(10),
    )
    .await;
    assert!(upgrade.starts_with("HTTP/1.1 200"), "{upgrade}");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "answered and closed, not held open: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_body_that_stops_arriving_gets_408_and_the_connection_closes() {
    let app = spawn_app_with(|c| c.body_read_timeout = 1).await;
    for path in ["/anything", "/api/admin/mocks"] {
        let started = Instant::now();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"mock"
        );
        let answer = raw_exchange(&app.address, request.as_bytes(), Duration::from_secs(10)).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("request_timeout"), "{answer}");
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "the server closed the connection after the 408: {:?}",
            started.elapsed()
        );
    }
    assert_eq!(app.mock_count().await, 0);
}

#[tokio::test]
async fn template_output_beyond_the_cap_is_a_template_error() {
    let app = spawn_app_with(|c| c.template_max_output = 10_000).await;
    let template = "{% for i in range(100000) %}0123456789{% endfor %}";
    app.create_mock(mock_json(
        "/big",
        json!({"is_template": true, "response_body": template}),
    ))
    .await;
    let body = expect_json(app.get("/big").await, 500).await;
    assert_eq!(body["error"], "template_error");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("10000 bytes"),
        "{body}"
    );
    let preview = preview_of(&app, template).await;
    assert!(preview["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("limit"));
    let small = "{% for i in range(999) %}0123456789{% endfor %}";
    let preview = preview_of(&app, small).await;
    assert_eq!(preview["rendered"].as_str().map(str::len), Some(9_990));
}

#[tokio::test]
async fn informational_statuses_are_refused_on_every_status_field() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/s", json!({"mock_id": "s"})))
        .await;
    for (extra, field) in [
        (json!({"response_status": 101}), "response_status"),
        (json!({"error_status_code": 100}), "error_status_code"),
        (
            json!({"variants": [{"weight": 1, "response": {"status": 103}}]}),
            "variants[0].response.status",
        ),
    ] {
        let created = app
            .post_json("/api/admin/mocks", &mock_json("/s1", extra.clone()))
            .await;
        assert_refused(&app, created, field, "200 and 599").await;
        let patched = app
            .send_json(reqwest::Method::PATCH, "/api/admin/mocks/s", &extra)
            .await;
        assert_refused(&app, patched, field, "200 and 599").await;
    }
}

#[tokio::test]
async fn no_content_and_not_modified_answers_carry_no_body() {
    let app = spawn_app().await;
    for status in [204, 304] {
        app.create_mock(mock_json(
            &format!("/s{status}"),
            json!({"response_status": status, "response_body": "should not be sent"}),
        ))
        .await;
    }
    // Two requests on one connection: a stray body would corrupt the second answer.
    let answer = raw_exchange(
        &app.address,
        b"GET /s204 HTTP/1.1\r\nHost: l\r\n\r\nGET /s304 HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 204"), "{answer}");
    assert!(answer.contains("HTTP/1.1 304"), "{answer}");
    assert!(!answer.contains("should not be sent"), "{answer}");
}

#[tokio::test]
async fn request_paths_are_matched_percent_decoded() {
    let app = spawn_app().await;
    app.create_mock(mock_json("/sw/ünï", json!({"response_body": "unicode"})))
        .await;
    let stored = app
        .create_mock(mock_json("/caf%C3%A9", json!({"response_body": "cafe"})))
        .await;
    assert_eq!(
        stored["match_path"], "/café",
        "mock paths are stored decoded"
    );
    app.create_mock(mock_json(
        "/files/{name}",
        json!({"is_template": true, "response_body": "{{ request.path_params.name }}"}),
    ))
    .await;

    let unicode = app.get("/sw/%C3%BCn%C3%AF").await;
    assert_eq!(unicode.status().as_u16(), 200);
    assert_eq!(unicode.text().await.unwrap(), "unicode");
    assert_eq!(app.get("/caf%c3%a9").await.text().await.unwrap(), "cafe");
    let slash = app.get("/files/a%2Fb").await;
    assert_eq!(
        slash.status().as_u16(),
        200,
        "an escaped slash stays in its segment"
    );
    assert_eq!(slash.text().await.unwrap(), "a%2Fb");
    assert_eq!(app.get("/files/a/b").await.status().as_u16(), 404);

    let logs = app
        .inspector_logs("/api/admin/inspector/requests?limit=10", 5)
        .await;
    let paths: Vec<&str> = logs["logs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["request_path"].as_str())
        .collect();
    assert!(paths.contains(&"/sw/ünï"), "{paths:?}");
}

#[tokio::test]
async fn invalid_percent_encodings_are_a_clean_400() {
    let app = spawn_app().await;
    for path in ["/bad/%zz", "/bad/%C3", "/bad/%"] {
        let body = expect_json(app.get(path).await, 400).await;
        assert_eq!(body["error"], "bad_path", "{path}: {body}");
    }
    let created = app
        .post_json("/api/admin/mocks", &mock_json("/bad/%zz", json!({})))
        .await;
    assert_refused(&app, created, "match_path", "percent-encoding").await;
}

#[tokio::test]
async fn a_repeated_key_in_an_admin_body_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.create_mock(mock_json(
        "/d",
        json!({"mock_id": "d", "response_status": 200}),
    ))
    .await;
    let created = app
        .post_raw(
            "/api/admin/mocks",
            "application/json",
            r#"{"mock_name":"a","match_method":"GET","match_path":"/x","mock_name":"b"}"#,
        )
        .await;
    assert_refused(&app, created, "mock_name", "twice").await;
    let patched = app
        .client
        .patch(app.url("/api/admin/mocks/d"))
        .header("Content-Type", "application/json")
        .body(r#"{"response_status": 500, "response_status": 201}"#)
        .send()
        .await
        .unwrap();
    assert_refused(&app, patched, "response_status", "twice").await;
    let nested = app
        .post_raw(
            "/api/admin/mocks/bulk-import",
            "application/json",
            r#"{"mocks":[{"mock_name":"a","match_method":"GET","match_path":"/y","match_headers":{"X":"1","X":"2"}}]}"#,
        )
        .await;
    assert_refused(&app, nested, "mocks[0].match_headers.X", "twice").await;
    let stored: Value = app.get("/api/admin/mocks/d").await.json().await.unwrap();
    assert_eq!(stored["response_status"], 200);
}

/// A full disk answers 507 storage_full (nothing stored), and writes work
/// again once space is freed. Needs a small tmpfs (root); skipped otherwise,
/// with the mapping still covered by presentation's unit tests.
#[tokio::test]
async fn a_full_disk_answers_507_and_recovers_when_space_is_freed() {
    let dir = tempfile::tempdir().unwrap();
    let mount = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"])
        .arg(dir.path())
        .status();
    if !matches!(mount, Ok(s) if s.success()) {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    let unmount = scopeguard(dir.path().to_path_buf());
    let db = dir.path().join("full.db");
    let app = spawn_app_with(|c| {
        c.database_url = db.to_str().unwrap().to_string();
        c.inspector_max_entries = 10;
    })
    .await;
    app.create_mock(mock_json("/before", json!({}))).await;
    let filler = dir.path().join("filler");
    fill_disk(&filler);
    let big = "x".repeat(512 * 1024);
    let refused = app
        .post_json(
            "/api/admin/mocks",
            &mock_json("/full", json!({"response_body": big})),
        )
        .await;
    let body = expect_json(refused, 507).await;
    assert_eq!(body["error"], "storage_full", "{body}");
    assert_eq!(app.mock_count().await, 1, "nothing was stored");
    std::fs::remove_file(&filler).unwrap();
    app.create_mock(mock_json("/after", json!({"response_body": big})))
        .await;
    assert_eq!(app.mock_count().await, 2);
    drop(app);
    drop(unmount);
}

/// Writes zeros until the file system refuses more.
fn fill_disk(path: &std::path::Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    while file.write_all(&chunk).is_ok() {}
    let _ = file.sync_all();
}

/// Unmounts the tmpfs when the test ends, passed or failed.
struct Unmount(std::path::PathBuf);

fn scopeguard(path: std::path::PathBuf) -> Unmount {
    Unmount(path)
}

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// Malformed requests and oversized invalid input cannot flood the log:
/// no ERROR lines from the HTTP layer, at most one WARN about malformed
/// requests, and no line repeats more than a few hundred bytes of input.
#[tokio::test]
async fn malformed_requests_and_huge_invalid_input_cannot_flood_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let (server, lines) = crate::helpers::start_binary_collecting_stderr(
        &dir.path().join("log.db"),
        &[],
        &[("RUST_LOG", "info")],
    );
    for _ in 0..20 {
        raw_exchange(
            &server.address,
            b"GET /x HTTP/1.1\r\nHost: l\r\nBad Header Line\r\n\r\n",
            Duration::from_secs(2),
        )
        .await;
    }
    let huge_key = "k".repeat(40_000);
    let client = reqwest::Client::new();
    let mut invalid = mock_json("/x", json!({}));
    invalid[huge_key.as_str()] = json!(1);
    let refused = client
        .post(format!("{}/api/admin/mocks", server.address))
        .json(&invalid)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 422);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let lines = lines.lock().unwrap().clone();
    let longest = lines.iter().map(String::len).max().unwrap_or(0);
    // The refusal's line names the input several times (span and event), each cut to ~200 bytes.
    assert!(longest < 4_000, "a log line of {longest} bytes");
    let malformed_warnings = lines.iter().filter(|l| l.contains("malformed")).count();
    assert_eq!(malformed_warnings, 1, "{lines:#?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("ERROR") && l.contains("actix_http")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("validation_error") && l.contains("40000 bytes")),
        "the refusal is still logged, cut short: {lines:#?}"
    );
}
