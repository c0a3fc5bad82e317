use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, ResponseError};

use super::encoding::{accepts, PRECOMPRESSED};
use super::files::UiFiles;
use crate::ApiError;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";
const INDEX: &str = "index.html";

/// Shown at `/admin` by a binary compiled before the UI was built.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Mimicus</title></head><body><main><h1>Mimicus</h1>\
<p>The admin UI is not built into this binary. Build it with <code>make ui</code> \
(it needs Node.js 20.19 or later), then rebuild the server (<code>cargo build</code>), \
or run both with <code>make run</code>.</p>\
<p>The admin API is at <code>/api/admin</code>; see docs/admin-api.md.</p></main></body></html>";

/// Answers one `/admin/**` request from `files` (see the module docs for the rules).
pub fn respond(files: &dyn UiFiles, req: &HttpRequest) -> HttpResponse {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .finish();
    }
    if files.get(INDEX).is_none() {
        return HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, NO_CACHE))
            .body(NOT_BUILT);
    }
    let path = req.path().strip_prefix("/admin/").unwrap_or("");
    if path.starts_with("assets/") {
        return match file(files, path, IMMUTABLE, req) {
            Some(response) => response,
            None => ApiError::not_found(format!(
                "there is no UI asset /admin/{path}; the UI was probably rebuilt, so reload the page"
            ))
            .error_response(),
        };
    }
    let is_file = !path.is_empty() && !path.ends_with('/');
    is_file
        .then(|| file(files, path, NO_CACHE, req))
        .flatten()
        .or_else(|| file(files, INDEX, NO_CACHE, req))
        .unwrap_or_else(|| HttpResponse::NotFound().finish())
}

/// The file at `path`, pre-compressed when the client accepts it.
fn file(files: &dyn UiFiles, path: &str, cache: &str, req: &HttpRequest) -> Option<HttpResponse> {
    let plain = files.get(path)?;
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut has_variants = false;
    let mut chosen = None;
    for (coding, suffix) in PRECOMPRESSED {
        let Some(data) = files.get(&format!("{path}{suffix}")) else {
            continue;
        };
        has_variants = true;
        if chosen.is_none() && accepts(accept, coding) {
            chosen = Some((coding, data));
        }
    }
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CONTENT_TYPE, content_type(path)))
        .insert_header((header::CACHE_CONTROL, cache));
    if has_variants {
        response.insert_header((header::VARY, "Accept-Encoding"));
    }
    Some(match chosen {
        Some((coding, data)) => response
            .insert_header((header::CONTENT_ENCODING, HeaderValue::from_static(coding)))
            .body(data.into_owned()),
        None => response.body(plain.into_owned()),
    })
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "manifest+json"
        );
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use actix_web::body::to_bytes;
    use actix_web::test::TestRequest;

    use super::*;

    fn built() -> HashMap<&'static str, &'static str> {
        HashMap::from([
            ("index.html", "<div id=\"root\"></div>"),
            ("index.html.gz", "gz-index"),
            ("favicon.svg", "<svg/>"),
            ("assets/index-abc123.js", "console.log(1)"),
            ("assets/index-abc123.js.br", "br-js"),
            ("assets/index-abc123.js.gz", "gz-js"),
            ("assets/index-abc123.css", "body{}"),
        ])
    }

    /// A response's status and headers, with its body as text.
    struct Got {
        status: u16,
        headers: header::HeaderMap,
    }

    async fn get(
        files: &HashMap<&'static str, &'static str>,
        path: &str,
        accept: &str,
    ) -> (Got, String) {
        let req = TestRequest::get()
            .uri(path)
            .insert_header((header::ACCEPT_ENCODING, accept))
            .to_http_request();
        let response = respond(files, &req);
        let got = Got {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
        };
        let bytes = to_bytes(response.into_body()).await.unwrap_or_default();
        (got, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn header_of(got: &Got, name: header::HeaderName) -> &str {
        got.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    #[actix_web::test]
    async fn hashed_assets_are_immutable_and_typed() {
        let (response, body) = get(&built(), "/admin/assets/index-abc123.css", "").await;
        assert_eq!(response.status, 200);
        assert_eq!(body, "body{}");
        assert_eq!(header_of(&response, header::CACHE_CONTROL), IMMUTABLE);
        assert_eq!(
            header_of(&response, header::CONTENT_TYPE),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            header_of(&response, header::VARY),
            "",
            "no variants, no Vary"
        );
    }

    #[actix_web::test]
    async fn brotli_is_preferred_then_gzip_then_the_plain_file() {
        let path = "/admin/assets/index-abc123.js";
        let (br, body) = get(&built(), path, "gzip, deflate, br").await;
        assert_eq!(
            (header_of(&br, header::CONTENT_ENCODING), body.as_str()),
            ("br", "br-js")
        );
        assert_eq!(header_of(&br, header::VARY), "Accept-Encoding");
        assert_eq!(
            header_of(&br, header::CONTENT_TYPE),
            "text/javascript; charset=utf-8"
        );
        let (gz, body) = get(&built(), path, "gzip, br;q=0").await;
        assert_eq!(
            (header_of(&gz, header::CONTENT_ENCODING), body.as_str()),
            ("gzip", "gz-js")
        );
        let (plain, body) = get(&built(), path, "identity").await;
        assert_eq!(
            (header_of(&plain, header::CONTENT_ENCODING), body.as_str()),
            ("", "console.log(1)")
        );
        assert_eq!(header_of(&plain, header::VARY), "Accept-Encoding");
    }

    #[actix_web::test]
    async fn client_routes_get_the_app_uncached() {
        for path in [
            "/admin/",
            "/admin/mocks/new",
            "/admin/inspector/42",
            "/admin/settings/",
        ] {
            let (response, body) = get(&built(), path, "").await;
            assert_eq!(response.status, 200, "{path}");
            assert_eq!(body, "<div id=\"root\"></div>", "{path}");
            assert_eq!(header_of(&response, header::CACHE_CONTROL), NO_CACHE);
            assert_eq!(
                header_of(&response, header::CONTENT_TYPE),
                "text/html; charset=utf-8"
            );
        }
        let (gz, body) = get(&built(), "/admin/state", "gzip").await;
        assert_eq!(
            (header_of(&gz, header::CONTENT_ENCODING), body.as_str()),
            ("gzip", "gz-index")
        );
    }

    #[actix_web::test]
    async fn unknown_assets_are_404_not_the_app() {
        let (response, body) = get(&built(), "/admin/assets/index-old999.js", "").await;
        assert_eq!(response.status, 404);
        assert!(body.contains("not_found"), "{body}");
    }

    #[actix_web::test]
    async fn other_build_files_are_served_uncached() {
        let (response, body) = get(&built(), "/admin/favicon.svg", "").await;
        assert_eq!(body, "<svg/>");
        assert_eq!(header_of(&response, header::CACHE_CONTROL), NO_CACHE);
        assert_eq!(header_of(&response, header::CONTENT_TYPE), "image/svg+xml");
    }

    #[actix_web::test]
    async fn without_a_build_every_page_says_how_to_build_the_ui() {
        let (response, body) = get(&HashMap::new(), "/admin/mocks/new", "").await;
        assert_eq!(response.status, 200);
        assert!(body.contains("make ui"), "{body}");
    }

    #[actix_web::test]
    async fn only_get_and_head_are_allowed() {
        let req = TestRequest::post().uri("/admin/").to_http_request();
        let response = respond(&built(), &req);
        assert_eq!(response.status(), 405);
        assert_eq!(
            response.headers().get(header::ALLOW).map(|v| v.as_bytes()),
            Some(&b"GET, HEAD"[..])
        );
    }
}
