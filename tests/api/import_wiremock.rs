//! A WireMock mappings export imported over HTTP; every stub's mock called.

use std::time::{Duration, Instant};

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::import_support::{ids, import, json_of, status_of};

pub const STUBS: usize = 9;

/// Calls every mock created from `wiremock-mappings.json` on `base`.
pub async fn check_wiremock(client: &Client, base: &str) {
    let get = |path: &str| client.get(format!("{base}{path}"));
    let user = get("/api/users/42").send().await.unwrap();
    assert_eq!(user.status().as_u16(), 200);
    assert_eq!(
        user.json::<Value>().await.unwrap()["email"],
        "ann@example.com"
    );

    let page = get("/api/users?page=1").send().await.unwrap();
    assert_eq!(page.headers()["x-total-count"], "2");
    assert_eq!(page.json::<Value>().await.unwrap()["page"], 1);
    assert_eq!(
        status_of(get("/api/users?page=2")).await,
        404,
        "url matches the query exactly"
    );

    let created = client
        .post(format!("{base}/api/users"))
        .json(&json!({"name": "Bo", "role": "admin", "team": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location
            .strip_prefix("/api/users/")
            .is_some_and(|n| n.len() == 6 && n.parse::<u32>().is_ok()),
        "{location}"
    );
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["name"], "Bo");
    assert!(
        uuid::Uuid::parse_str(body["id"].as_str().unwrap()).is_ok(),
        "{body}"
    );
    assert!(
        chrono::NaiveDate::parse_from_str(body["created"].as_str().unwrap(), "%Y-%m-%d").is_ok(),
        "{body}"
    );
    let not_admin = client
        .post(format!("{base}/api/users"))
        .json(&json!({"name": "Bo", "role": "user"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        not_admin.status().as_u16(),
        404,
        "equalToJson with ignoreExtraElements"
    );

    let order = get("/api/orders/17?expand=lines")
        .header("X-Tenant", "t-acme")
        .send()
        .await
        .unwrap();
    assert_eq!(order.headers()["content-type"], "text/plain");
    assert_eq!(
        order.text().await.unwrap(),
        "order 17 for t-acme (lines) via GET /api/orders/17"
    );
    assert_eq!(
        status_of(get("/api/orders/17?expand=lines").header("X-Tenant", "T1")).await,
        404
    );

    let deleted = client
        .delete(format!("{base}/api/orders/17"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status().as_u16(), 204);

    let started = Instant::now();
    let report = get("/api/report").send().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert_eq!(report.text().await.unwrap(), "report ready");

    assert_eq!(status_of(get("/api/backoffice/stats")).await, 404);
    let stats = json_of(get("/api/backoffice/stats").basic_auth("admin", Some("s3cret"))).await;
    assert_eq!(stats, json!({"users": 2, "orders": 5}));

    assert_eq!(status_of(get("/api/cart")).await, 200);
    assert_eq!(status_of(get("/api/legacy")).await, 200);
}

#[tokio::test]
async fn wiremock_mappings_become_working_mocks_with_warnings_for_the_rest() {
    let app = spawn_app().await;
    let report = import(&app, "wiremock-mappings.json", "", 201).await;
    assert_eq!(report["format"], "wiremock");
    let created = ids(&report["created"]);
    assert_eq!(created.len(), STUBS);
    assert_eq!(created[0], "8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7");
    let priorities: Vec<&Value> = report["mocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["mock_priority"])
        .collect();
    assert_eq!(priorities[2], &json!(102), "WireMock priority 3");
    assert_eq!(
        priorities[4],
        &json!(104),
        "WireMock priority 1 beats the default"
    );
    assert_eq!(priorities[0], &json!(100), "no priority: Mimicus's default");
    let warnings: Vec<(String, String)> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["item"].as_str().unwrap().to_string(),
                w["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        warnings
            .iter()
            .any(|(item, m)| item == "f9a0b1c2-4444-4d5e-9f6a-7b8c9d0e1f2a"
                && m.contains("scenario \"checkout\"")),
        "{warnings:#?}"
    );
    assert!(warnings
        .iter()
        .any(|(item, m)| item == "0a1b2c3d-5555-4e6f-8a7b-8c9d0e1f2a3b"
            && m.contains("CONNECTION_RESET_BY_PEER")));
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    check_wiremock(&app.client, &app.address).await;
}
