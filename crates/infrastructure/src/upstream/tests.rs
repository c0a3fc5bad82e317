//! The reqwest adapter against a real HTTP server on 127.0.0.1.

use std::io::Write;
use std::time::{Duration, Instant};

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use bytes::Bytes;
use domain::upstream::{Upstream, UpstreamError, UpstreamRequest, UpstreamResponse};
use futures_util::StreamExt;
use serde_json::{json, Value};

use super::ReqwestUpstream;

async fn echo(req: HttpRequest, body: Bytes) -> HttpResponse {
    let headers: Vec<Value> = req
        .headers()
        .iter()
        .map(|(k, v)| json!([k.as_str(), String::from_utf8_lossy(v.as_bytes())]))
        .collect();
    let mut response = HttpResponse::Ok();
    if let Some(raw) = req.headers().get("x-raw") {
        response.insert_header(("x-raw-back", raw.clone()));
    }
    response.json(json!({
        "method": req.method().as_str(),
        "path": req.path(),
        "query": req.query_string(),
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    }))
}

fn pseudo_random(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x & 0xff) as u8
        })
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/bytes",
        web::post().to(|body: Bytes| async move {
            HttpResponse::Ok()
                .content_type("application/octet-stream")
                .body(body)
        }),
    )
    .route(
        "/status/{code}",
        web::to(|code: web::Path<u16>| async move {
            let status = actix_web::http::StatusCode::from_u16(*code).unwrap();
            HttpResponse::build(status).body(format!("status {code}"))
        }),
    )
    .route(
        "/redirect",
        web::get().to(|| async {
            HttpResponse::Found()
                .insert_header(("Location", "/elsewhere"))
                .finish()
        }),
    )
    .route(
        "/slow",
        web::get().to(|| async {
            tokio::time::sleep(Duration::from_secs(3)).await;
            HttpResponse::Ok().body("late")
        }),
    )
    .route(
        "/slow-body",
        web::get().to(|| async {
            let pieces = futures_util::stream::unfold(0, |n| async move {
                match n {
                    0 => Some((Ok::<_, actix_web::Error>(Bytes::from_static(b"first")), 1)),
                    1 => {
                        tokio::time::sleep(Duration::from_secs(3)).await;
                        Some((Ok(Bytes::from_static(b"second")), 2))
                    }
                    _ => None,
                }
            });
            HttpResponse::Ok().streaming(pieces)
        }),
    )
    .route(
        "/gzip",
        web::get().to(|| async {
            HttpResponse::Ok()
                .insert_header(("Content-Encoding", "gzip"))
                .content_type("text/plain")
                .body(gzip(b"compressed text"))
        }),
    )
    .route(
        "/cookies",
        web::get().to(|| async {
            HttpResponse::Ok()
                .append_header(("Set-Cookie", "a=1"))
                .append_header(("Set-Cookie", "b=2"))
                .finish()
        }),
    )
    .route(
        "/big",
        web::get().to(|| async {
            let chunks: Vec<Result<Bytes, actix_web::Error>> = pseudo_random(3 * 1024 * 1024)
                .chunks(64 * 1024)
                .map(|c| Ok(Bytes::copy_from_slice(c)))
                .collect();
            HttpResponse::Ok().streaming(futures_util::stream::iter(chunks))
        }),
    )
    .default_service(web::to(echo));
}

/// A real HTTP server on a free loopback port; returns `http://127.0.0.1:PORT`.
async fn start_upstream() -> String {
    let server = HttpServer::new(|| App::new().configure(routes))
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
    let address = server.addrs()[0];
    tokio::spawn(server.run());
    format!("http://{address}")
}

fn request(method: &str, url: String) -> UpstreamRequest {
    UpstreamRequest {
        method: method.into(),
        url,
        headers: vec![],
        body: Bytes::new(),
        timeout: Duration::from_secs(5),
    }
}

async fn forward(req: UpstreamRequest) -> Result<UpstreamResponse, UpstreamError> {
    ReqwestUpstream::new().unwrap().forward(req).await
}

async fn body_json(response: UpstreamResponse) -> Value {
    serde_json::from_slice(&response.body.collect().await.unwrap()).unwrap()
}

fn header<'a>(response: &'a UpstreamResponse, name: &str) -> Vec<&'a [u8]> {
    response
        .headers
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_ref())
        .collect()
}

#[tokio::test]
async fn method_path_query_headers_and_body_arrive_as_sent() {
    let base = start_upstream().await;
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        let mut req = request(method, format!("{base}/api/items/7?page=2&tag=a%20b"));
        req.headers = vec![
            ("X-Custom".into(), Bytes::from_static(b"one")),
            ("X-Multi".into(), Bytes::from_static(b"1")),
            ("X-Multi".into(), Bytes::from_static(b"2")),
            ("Host".into(), Bytes::from_static(b"ignored.example")),
            ("Content-Length".into(), Bytes::from_static(b"999")),
        ];
        req.body = Bytes::from(format!("{{\"via\":\"{method}\"}}"));
        let response = forward(req).await.unwrap();
        assert_eq!(response.status, 200);
        let echoed = body_json(response).await;
        assert_eq!(echoed["method"], method);
        assert_eq!(echoed["path"], "/api/items/7");
        assert_eq!(echoed["query"], "page=2&tag=a%20b");
        assert_eq!(echoed["body"], format!("{{\"via\":\"{method}\"}}"));
        let headers = echoed["headers"].as_array().unwrap();
        let values = |name: &str| -> Vec<String> {
            headers
                .iter()
                .filter(|h| h[0] == name)
                .map(|h| h[1].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(values("x-custom"), ["one"]);
        assert_eq!(values("x-multi"), ["1", "2"]);
        assert_eq!(values("host"), [base.trim_start_matches("http://")]);
        assert_eq!(values("content-length"), [(10 + method.len()).to_string()]);
    }
}

#[tokio::test]
async fn binary_bodies_and_non_utf8_header_values_pass_byte_for_byte() {
    let base = start_upstream().await;
    let payload = pseudo_random(256 * 1024);
    let mut req = request("POST", format!("{base}/bytes"));
    req.body = Bytes::from(payload.clone());
    let response = forward(req).await.unwrap();
    assert_eq!(response.body.collect().await.unwrap(), payload);

    let mut req = request("GET", format!("{base}/raw"));
    req.headers = vec![("X-Raw".into(), Bytes::from_static(b"caf\xe9 \xff"))];
    let response = forward(req).await.unwrap();
    assert_eq!(header(&response, "x-raw-back"), [&b"caf\xe9 \xff"[..]]);
}

#[tokio::test]
async fn compressed_bodies_are_not_decompressed() {
    let base = start_upstream().await;
    let mut req = request("GET", format!("{base}/gzip"));
    req.headers = vec![("Accept-Encoding".into(), Bytes::from_static(b"gzip"))];
    let response = forward(req).await.unwrap();
    assert_eq!(header(&response, "content-encoding"), [&b"gzip"[..]]);
    assert_eq!(
        response.body.collect().await.unwrap(),
        gzip(b"compressed text")
    );
}

#[tokio::test]
async fn statuses_redirects_and_repeated_headers_are_passed_back() {
    let base = start_upstream().await;
    for code in [201, 204, 404, 418, 500, 503] {
        let response = forward(request("GET", format!("{base}/status/{code}")))
            .await
            .unwrap();
        assert_eq!(response.status, code);
    }
    let redirect = forward(request("GET", format!("{base}/redirect")))
        .await
        .unwrap();
    assert_eq!(
        redirect.status, 302,
        "a redirect is the answer, not followed"
    );
    assert_eq!(header(&redirect, "location"), [&b"/elsewhere"[..]]);
    let cookies = forward(request("GET", format!("{base}/cookies")))
        .await
        .unwrap();
    assert_eq!(header(&cookies, "set-cookie"), [&b"a=1"[..], &b"b=2"[..]]);
}

#[tokio::test]
async fn a_large_body_streams_in_pieces_and_arrives_whole() {
    let base = start_upstream().await;
    let response = forward(request("GET", format!("{base}/big")))
        .await
        .unwrap();
    let mut stream = response.body.into_stream();
    let (mut pieces, mut received) = (0, Vec::new());
    while let Some(piece) = stream.next().await {
        received.extend_from_slice(&piece.unwrap());
        pieces += 1;
    }
    assert!(pieces > 1, "streamed, not one buffer");
    assert_eq!(received, pseudo_random(3 * 1024 * 1024));
}

#[tokio::test]
async fn a_closed_port_is_a_connection_refused() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let err = forward(request("GET", format!("http://127.0.0.1:{port}/x")))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        UpstreamError::ConnectionRefused {
            host: format!("127.0.0.1:{port}")
        }
    );
    assert!(err.to_string().contains("connection refused"), "{err}");
}

#[tokio::test]
async fn a_slow_upstream_times_out_at_the_limit() {
    let base = start_upstream().await;
    let mut req = request("GET", format!("{base}/slow"));
    req.timeout = Duration::from_millis(300);
    let started = Instant::now();
    let err = forward(req).await.unwrap_err();
    assert!(
        matches!(err, UpstreamError::Timeout { seconds, .. } if seconds == 0.3),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "gave up at the limit"
    );
}

#[tokio::test]
async fn a_body_that_stalls_times_out_between_pieces() {
    let base = start_upstream().await;
    let mut req = request("GET", format!("{base}/slow-body"));
    req.timeout = Duration::from_millis(300);
    let response = forward(req).await.unwrap();
    let mut stream = response.body.into_stream();
    assert_eq!(stream.next().await.unwrap().unwrap(), "first");
    assert!(matches!(
        stream.next().await,
        Some(Err(UpstreamError::Timeout { .. }))
    ));
}

#[tokio::test]
async fn tls_to_a_plain_http_server_is_a_tls_error() {
    let base = start_upstream().await;
    let https = base.replace("http://", "https://");
    let err = forward(request("GET", format!("{https}/x")))
        .await
        .unwrap_err();
    assert!(matches!(err, UpstreamError::Tls { .. }), "{err:?}");
}

#[tokio::test]
async fn an_unresolvable_host_is_a_dns_error() {
    let err = forward(request("GET", "http://no-such-host.invalid/x".into()))
        .await
        .unwrap_err();
    assert!(matches!(err, UpstreamError::Dns { .. }), "{err:?}");
}

#[tokio::test]
async fn an_invalid_method_or_header_is_refused_before_sending() {
    let mut req = request("GE T", "http://127.0.0.1:1/".into());
    assert!(matches!(
        forward(req.clone()).await,
        Err(UpstreamError::InvalidRequest(_))
    ));
    req.method = "GET".into();
    req.headers = vec![("X-Bad".into(), Bytes::from_static(b"a\r\nb"))];
    assert!(matches!(
        forward(req).await,
        Err(UpstreamError::InvalidRequest(_))
    ));
}
