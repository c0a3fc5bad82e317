//! A Mockoon environment imported over HTTP; every route's mocks called.

use std::time::{Duration, Instant};

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::import_support::{ids, import, json_of, status_of};

/// Mocks made from `mockoon-environment.json`: six HTTP routes, plus one per
/// rule-matched response (three); the CRUD route has no equivalent.
pub const MOCKS: usize = 9;

/// Calls every mock created from `mockoon-environment.json` on `base`.
pub async fn check_mockoon(client: &Client, base: &str) {
    let get = |path: &str| client.get(format!("{base}{path}"));
    let all = get("/api/products").send().await.unwrap();
    assert_eq!(all.headers()["content-type"], "application/json");
    assert_eq!(all.headers()["x-total-count"], "2");
    assert_eq!(
        all.json::<Value>().await.unwrap().as_array().map(Vec::len),
        Some(2)
    );
    let lighting = json_of(get("/api/products?category=lighting")).await;
    assert_eq!(lighting, json!([{"id": 1, "name": "Lamp"}]));

    let started = Instant::now();
    let product = json_of(get("/api/products/5").header("Accept-Language", "fr")).await;
    assert!(
        started.elapsed() >= Duration::from_millis(30),
        "route latency"
    );
    assert_eq!(
        (product["id"].clone(), product["lang"].clone()),
        (json!("5"), json!("fr"))
    );
    assert!(
        uuid::Uuid::parse_str(product["ref"].as_str().unwrap()).is_ok(),
        "{product}"
    );
    assert_eq!(
        product["name"], "{{faker 'commerce.productName'}}",
        "an untranslated helper is sent as written"
    );
    let english = json_of(get("/api/products/6")).await;
    assert_eq!(english["lang"], "en");
    let missing = get("/api/products/999").send().await.unwrap();
    assert_eq!(missing.status().as_u16(), 404);

    let order = |body: Value, tier: &str| {
        client
            .post(format!("{base}/api/orders"))
            .header("X-Customer-Tier", tier)
            .json(&body)
            .send()
    };
    let created = order(json!({"customer": {"name": "Ann"}}), "free")
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let location = created.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location
            .strip_prefix("/api/orders/")
            .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| (1000..=9999).contains(&n))),
        "{location}"
    );
    assert_eq!(
        created.json::<Value>().await.unwrap(),
        json!({"status": "created", "customer": "Ann", "shipping": "standard"})
    );
    let refused = order(
        json!({"customer": {"name": "Ann"}, "shipping": "express"}),
        "free",
    )
    .await
    .unwrap();
    assert_eq!(refused.status().as_u16(), 422, "both AND rules hold");
    let express = order(
        json!({"customer": {"name": "Ann"}, "shipping": "express"}),
        "pro",
    )
    .await
    .unwrap();
    assert_eq!(
        express.json::<Value>().await.unwrap()["shipping"],
        "express"
    );

    let mut steps = Vec::new();
    for _ in 0..4 {
        let step = json_of(get("/api/orders/1/status")).await;
        steps.push(step["status"].as_str().unwrap().to_string());
    }
    assert_eq!(
        steps,
        ["placed", "shipped", "delivered", "placed"],
        "sequential responses cycle"
    );

    let mut statuses = std::collections::BTreeSet::new();
    for _ in 0..40 {
        statuses.insert(status_of(get("/api/stock/sku-1")).await);
    }
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        [200, 503],
        "random responses"
    );

    let customers = json_of(get("/api/customers")).await;
    assert_eq!(customers[1]["name"], "Bo", "the data bucket's content");
}

#[tokio::test]
async fn a_mockoon_environment_becomes_working_mocks_with_warnings_for_the_rest() {
    let app = spawn_app().await;
    let report = import(&app, "mockoon-environment.json", "", 201).await;
    assert_eq!(report["format"], "mockoon");
    assert_eq!(ids(&report["created"]).len(), MOCKS, "{report}");
    let warnings: Vec<String> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| format!("{}: {}", w["item"], w["message"]))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings
        .iter()
        .any(|w| w.contains("a1b2c3d4-0007-4000-8000-000000000007") && w.contains("crud")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("a1b2c3d4-0002-4000-8000-000000000002")
            && w.contains("commerce.productName")));
    check_mockoon(&app.client, &app.address).await;
}
