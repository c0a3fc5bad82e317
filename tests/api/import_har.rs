//! A browser's HAR file imported over HTTP; every mock called.

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::import_support::{ids, import, json_of, status_of};

/// Mocks made from `shop-session.har`: six distinct requests (the two
/// `GET /api/users?page=1` share one); the PNG and the data: URL are warnings.
pub const MOCKS: usize = 6;

/// Calls every mock created from `shop-session.har` on `base`.
pub async fn check_har(client: &Client, base: &str) {
    let get = |path: &str| client.get(format!("{base}{path}"));
    let first = get("/api/users?page=1").send().await.unwrap();
    assert_eq!(first.headers()["x-total-count"], "3");
    assert!(
        first.headers().get("content-encoding").is_none(),
        "the body is stored decoded"
    );
    assert_eq!(
        first.json::<Value>().await.unwrap()["users"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    for _ in 0..2 {
        let later = json_of(get("/api/users?page=1")).await;
        assert_eq!(
            later["users"].as_array().map(Vec::len),
            Some(3),
            "sequence: the last answer repeats"
        );
    }
    assert_eq!(
        status_of(get("/api/users?page=2")).await,
        404,
        "the query is matched"
    );

    let user = get("/api/users/42").send().await.unwrap();
    assert!(
        user.headers().get("set-cookie").is_none(),
        "Set-Cookie is dropped"
    );
    assert_eq!(user.headers()["cache-control"], "no-store");
    assert_eq!(
        user.json::<Value>().await.unwrap()["email"],
        "dee@example.com"
    );

    let login = json_of(
        client
            .post(format!("{base}/api/login"))
            .json(&json!({"user": "someone else"})),
    )
    .await;
    assert_eq!(login["token"], "t-123", "the request body is no matcher");

    let order = get("/api/orders/7").send().await.unwrap();
    assert_eq!(order.status().as_u16(), 404);
    assert_eq!(order.headers()["content-type"], "application/problem+json");
    assert_eq!(
        status_of(client.request(reqwest::Method::OPTIONS, format!("{base}/api/orders/7"))).await,
        204
    );

    let script = get("/static/app.js").send().await.unwrap();
    assert_eq!(script.headers()["content-type"], "text/javascript");
    assert_eq!(script.text().await.unwrap(), "console.log('shop ready');\n");
    assert_eq!(
        status_of(get("/img/logo.png")).await,
        404,
        "binary bodies are not imported"
    );
}

#[tokio::test]
async fn a_har_file_becomes_mocks_with_recording_rules() {
    let app = spawn_app().await;
    let report = import(&app, "shop-session.har", "", 201).await;
    assert_eq!(report["format"], "har");
    let created = ids(&report["created"]);
    assert_eq!(created.len(), MOCKS, "{report}");
    assert!(
        created.contains(&"har-get-api-users-page-1".to_string()),
        "{created:?}"
    );
    let text = report["mocks"].to_string();
    for secret in [
        "eyJhbGciOiJIUzI1NiJ9",
        "session=abc123",
        "session=old",
        "hunter2",
    ] {
        assert!(!text.contains(secret), "{secret} leaked into {text}");
    }
    let users = report["mocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mock_id"] == "har-get-api-users-page-1")
        .unwrap();
    assert_eq!(
        (
            users["variant_mode"].clone(),
            users["match_headers"].clone()
        ),
        (json!("sequence"), Value::Null)
    );
    let warned: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["item"].as_str().unwrap())
        .collect();
    assert_eq!(warned, ["/log/entries/7", "/log/entries/8"]);
    check_har(&app.client, &app.address).await;
    let again = import(&app, "shop-session.har", "upsert=true", 200).await;
    assert_eq!(
        ids(&again["updated"]).len(),
        MOCKS,
        "the same ids on every import"
    );
}
