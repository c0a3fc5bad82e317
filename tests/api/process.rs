//! The real binary: persistence across restarts and graceful shutdown.

use serde_json::json;

use crate::helpers::{mock_json, start_binary};

#[tokio::test]
async fn mocks_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("restart.db");
    let client = reqwest::Client::new();
    let first = start_binary(&db, &[]);
    let created = client
        .post(format!("{}/api/admin/mocks", first.address))
        .json(&mock_json(
            "/persist",
            json!({"mock_id": "persist", "response_status": 203}),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    assert_eq!(first.terminate(), Some(0), "graceful exit on SIGTERM");

    let second = start_binary(&db, &[]);
    let fetched = client
        .get(format!("{}/api/admin/mocks/persist", second.address))
        .send()
        .await
        .unwrap();
    assert_eq!(fetched.status().as_u16(), 200);
    let served = client
        .get(format!("{}/persist", second.address))
        .send()
        .await
        .unwrap();
    assert_eq!(
        served.status().as_u16(),
        203,
        "the index is rebuilt from the database at startup"
    );
}

#[tokio::test]
async fn sigterm_lets_in_flight_requests_finish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("graceful.db");
    let client = reqwest::Client::new();
    let server = start_binary(&db, &[]);
    client
        .post(format!("{}/api/admin/mocks", server.address))
        .json(&mock_json("/slow", json!({"response_delay_ms": 700})))
        .send()
        .await
        .unwrap();
    let in_flight = tokio::spawn({
        let url = format!("{}/slow", server.address);
        async move { reqwest::get(url).await.map(|r| r.status().as_u16()) }
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let exit = tokio::task::spawn_blocking(move || server.terminate())
        .await
        .unwrap();
    assert_eq!(in_flight.await.unwrap().unwrap(), 200);
    assert_eq!(exit, Some(0));
}

#[test]
fn help_lists_every_flag() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mimicus"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--host",
        "--port",
        "--database-url",
        "--api-key",
        "--session-header",
        "--inspector-max-entries",
        "--inspector-queue-capacity",
        "--inspector-queue-bytes",
        "--log-format",
        "--body-limit",
    ] {
        assert!(help.contains(flag), "missing {flag}");
    }
}
