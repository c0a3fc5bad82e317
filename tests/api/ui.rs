//! The admin UI at `/admin` as the binary serves it (SPEC §12): caching,
//! client-route fallback, pre-compressed assets, 404 for unknown assets.
//! With the UI built (`make ui`, as `make test` does) the real build is
//! checked; a binary compiled without it must say how to build it.

use presentation::routes::ui::EmbeddedUi;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use reqwest::{redirect, Client, Response};

use crate::helpers::{spawn_app, TestApp};

fn header(response: &Response, name: reqwest::header::HeaderName) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// A client that neither follows redirects nor decompresses, to see the wire.
fn raw_client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap()
}

async fn get(app: &TestApp, path: &str, accept_encoding: &str) -> Response {
    raw_client()
        .get(app.url(path))
        .header(ACCEPT_ENCODING, accept_encoding)
        .send()
        .await
        .unwrap()
}

/// The hashed script `index.html` loads, e.g. `/admin/assets/index-AbC123.js`.
async fn entry_script(app: &TestApp) -> String {
    let index = get(app, "/admin/", "identity").await.text().await.unwrap();
    let start = index
        .find("/admin/assets/")
        .expect("index.html links an asset");
    let end = index[start..].find(".js").expect("a .js asset") + start + 3;
    index[start..end].to_string()
}

#[tokio::test]
async fn admin_redirects_to_the_app_keeping_the_query() {
    let app = spawn_app().await;
    let bare = get(&app, "/admin", "").await;
    assert_eq!(bare.status(), 308);
    assert_eq!(header(&bare, reqwest::header::LOCATION), "/admin/");
    let filtered = get(&app, "/admin?search=user&enabled=false", "").await;
    assert_eq!(
        header(&filtered, reqwest::header::LOCATION),
        "/admin/?search=user&enabled=false"
    );
}

#[tokio::test]
async fn client_routes_get_the_app_shell_uncached() {
    let app = spawn_app().await;
    for path in [
        "/admin/",
        "/admin/mocks/new",
        "/admin/mocks/some-id",
        "/admin/inspector/42",
        "/admin/state",
        "/admin/recording",
        "/admin/settings",
    ] {
        let response = get(&app, path, "identity").await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{path}");
        assert_eq!(header(&response, CONTENT_TYPE), "text/html; charset=utf-8");
        let body = response.text().await.unwrap();
        if EmbeddedUi::is_built() {
            assert!(body.contains("<div id=\"root\">"), "{path}: {body}");
        } else {
            assert!(body.contains("make ui"), "{path}: {body}");
        }
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_sent_precompressed() {
    if !EmbeddedUi::is_built() {
        eprintln!("UI not built into this binary: run `make ui` (make test does) to check assets");
        return;
    }
    let app = spawn_app().await;
    let script = entry_script(&app).await;

    let plain = get(&app, &script, "identity").await;
    assert_eq!(plain.status(), 200);
    assert_eq!(
        header(&plain, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        header(&plain, CONTENT_TYPE),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(header(&plain, CONTENT_ENCODING), "");
    assert_eq!(header(&plain, VARY), "Accept-Encoding");
    let plain_len = plain.bytes().await.unwrap().len();

    let br = get(&app, &script, "gzip, deflate, br").await;
    assert_eq!(header(&br, CONTENT_ENCODING), "br");
    assert_eq!(header(&br, VARY), "Accept-Encoding");
    let br_len = br.bytes().await.unwrap().len();
    assert!(br_len < plain_len / 2, "br {br_len} vs plain {plain_len}");

    let gz = get(&app, &script, "gzip").await;
    assert_eq!(header(&gz, CONTENT_ENCODING), "gzip");
    let gz_bytes = gz.bytes().await.unwrap();
    assert_eq!(&gz_bytes[..2], &[0x1f, 0x8b], "a gzip stream");

    // A normal client gets the same script back after decoding.
    let decoded = Client::new().get(app.url(&script)).send().await.unwrap();
    assert_eq!(decoded.bytes().await.unwrap().len(), plain_len);
}

#[tokio::test]
async fn unknown_assets_are_404_not_the_app() {
    let app = spawn_app().await;
    let response = get(&app, "/admin/assets/index-doesnotexist.js", "").await;
    if EmbeddedUi::is_built() {
        assert_eq!(response.status(), 404);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"], "not_found");
    } else {
        assert!(response.text().await.unwrap().contains("make ui"));
    }
}

#[tokio::test]
async fn the_ui_is_not_the_mock_surface() {
    let app = spawn_app().await;
    app.create_mock(crate::helpers::mock_json(
        "/admin/mocks/new",
        serde_json::json!({}),
    ))
    .await;
    let response = get(&app, "/admin/mocks/new", "").await;
    assert_eq!(
        header(&response, CACHE_CONTROL),
        "no-cache",
        "the UI answered"
    );
    // A mock-surface request after it: once that one is logged, the UI
    // request would have been too, had it been.
    app.get("/not-the-ui").await;
    let logs = app.inspector_logs("/api/admin/inspector/requests", 1).await;
    let paths: Vec<&str> = logs["logs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["request_path"].as_str())
        .collect();
    assert_eq!(paths, ["/not-the-ui"]);
}
