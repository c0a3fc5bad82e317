//! A real HTTP server on 127.0.0.1 standing in for the backend a proxy
//! forwards to; it remembers every request it received.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use bytes::Bytes;
use serde_json::{json, Value};

/// A request as the upstream received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct Upstream {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    handle: ServerHandle,
}

type Log = web::Data<Arc<Mutex<Vec<Seen>>>>;

/// Deterministic bytes covering every value, for byte-exact checks.
pub fn pseudo_random(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x & 0xff) as u8
        })
        .collect()
}

async fn remember(req: &HttpRequest, body: &Bytes, log: &Log) -> usize {
    let seen = Seen {
        method: req.method().to_string(),
        path: req.path().to_string(),
        query: req.query_string().to_string(),
        headers: req
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.clone(),
    };
    let mut all = log.lock().unwrap();
    all.push(seen);
    all.len()
}

async fn handle(req: HttpRequest, body: Bytes, log: Log) -> HttpResponse {
    let n = remember(&req, &body, &log).await;
    let path = req.path().to_string();
    if let Some(code) = path
        .rsplit("/status/")
        .next()
        .filter(|_| path.contains("/status/"))
    {
        let status = actix_web::http::StatusCode::from_u16(code.parse().unwrap_or(500)).unwrap();
        return HttpResponse::build(status)
            .insert_header(("X-Upstream", "yes"))
            .json(json!({"status": status.as_u16()}));
    }
    if path.ends_with("/slow") {
        tokio::time::sleep(Duration::from_secs(3)).await;
        return HttpResponse::Ok().body("late");
    }
    if path.ends_with("/bytes") {
        return HttpResponse::Ok()
            .content_type("application/octet-stream")
            .body(body);
    }
    if path.ends_with("/big") {
        // Sent in pieces, so the proxy must stream it on.
        let data = Bytes::from(pseudo_random(3 * 1024 * 1024 + 7));
        let chunks: Vec<Result<Bytes, actix_web::Error>> = data
            .chunks(64 * 1024)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        return HttpResponse::Ok()
            .content_type("application/octet-stream")
            .streaming(futures_util::stream::iter(chunks));
    }
    if path.ends_with("/counter") {
        return HttpResponse::Ok().json(json!({"call": n}));
    }
    if path.ends_with("/secret") {
        return HttpResponse::Ok()
            .insert_header(("Set-Cookie", "sid=upstream-secret; HttpOnly"))
            .json(json!({"secret": "ok"}));
    }
    let headers: Value = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    HttpResponse::Ok()
        .insert_header(("X-Upstream", "yes"))
        .json(json!({
            "method": req.method().as_str(),
            "path": path,
            "query": req.query_string(),
            "headers": headers,
            "body": String::from_utf8_lossy(&body),
        }))
}

impl Upstream {
    pub async fn start() -> Self {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let data = web::Data::new(Arc::clone(&seen));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(web::PayloadConfig::new(64 * 1024 * 1024))
                .default_service(web::to(handle))
        })
        .workers(1)
        .shutdown_timeout(1)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Self {
            url: format!("http://127.0.0.1:{port}"),
            seen,
            handle,
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn last(&self) -> Seen {
        self.seen().pop().expect("the upstream received a request")
    }

    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}

/// A URL on which nothing listens (a port bound and released).
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}
