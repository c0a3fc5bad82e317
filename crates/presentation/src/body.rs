//! Reading request bodies under the size limit, and JSON parsing with the
//! SPEC §2 distinction between malformed (400) and invalid (422).

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web, HttpRequest};
use bytes::{Bytes, BytesMut};
use futures_util::{FutureExt, StreamExt};
use serde_json::Value;
use std::time::Duration;

use domain::recording::is_json_media_type;

use crate::{ApiError, AppState};
use application::dto::strict_json::{self, StrictJsonError};

/// Collects the body under `limit`, with the server's body read timeout
/// (taken from the app state, so every admin route gets it unchanged).
pub async fn read_limited(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let timeout = req
        .app_data::<web::Data<AppState>>()
        .map_or(DEFAULT_BODY_READ_TIMEOUT, |s| s.body_read_timeout);
    read_body(req, payload, limit, timeout).await
}

/// Used when a request reaches a handler without the app state (tests).
const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Collects the body, refusing with 413 as soon as it exceeds `limit`
/// (up front when Content-Length already says so), and with 408 when the
/// client sends nothing for `timeout` (the connection is then closed).
///
/// CONNECT and `Upgrade: websocket` requests have no body: what follows
/// their headers is a tunnel, which actix hands over as a stream that ends
/// only when the client hangs up. They are answered like any request, with
/// an empty body, and the connection closes after the answer.
pub async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes, ApiError> {
    if is_tunnel(req) {
        return Ok(Bytes::new());
    }
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::payload_too_large(limit));
    }
    let mut body = BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = next_chunk(&mut payload, timeout).await? {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request("bad_body", format!("could not read the request body: {e}"))
        })?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::payload_too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

type Chunk = Option<Result<Bytes, actix_web::error::PayloadError>>;

/// The next chunk, or 408 after `timeout` without one. A chunk that is
/// already there (and the end of an empty body) is taken without arming a
/// timer, so bodiless requests pay nothing.
pub async fn next_chunk<S>(stream: &mut S, timeout: Duration) -> Result<Chunk, ApiError>
where
    S: futures_util::Stream<Item = Result<Bytes, actix_web::error::PayloadError>> + Unpin,
{
    if let Some(ready) = stream.next().now_or_never() {
        return Ok(ready);
    }
    tokio::time::timeout(timeout, stream.next())
        .await
        .map_err(|_| ApiError::body_timeout(timeout))
}

/// A CONNECT without a declared body, or a request asking to switch to
/// WebSocket: actix-http reads what follows the headers as a stream that
/// ends only when the client hangs up (its rule, mirrored here).
fn is_tunnel(req: &HttpRequest) -> bool {
    use actix_web::http::header::{CONTENT_LENGTH, TRANSFER_ENCODING, UPGRADE};
    let headers = req.headers();
    let chunked = headers
        .get(TRANSFER_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return false;
    }
    let websocket = headers
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("websocket"));
    websocket
        || (req.method() == actix_web::http::Method::CONNECT
            && !headers.contains_key(CONTENT_LENGTH))
}

/// The media type without parameters, lower-case.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

pub fn is_multipart(req: &HttpRequest) -> bool {
    content_type(req).is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// The bytes of a multipart upload's `file` field. The body is read whole
/// first (with the size limit and read timeout), then parsed from memory.
pub async fn read_multipart_file(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let bad = |e: actix_multipart::MultipartError| {
        ApiError::bad_request(
            "malformed_multipart",
            format!("could not read the multipart body: {e}"),
        )
    };
    let body = read_limited(req, payload, limit).await?;
    let stream =
        futures_util::stream::once(async move { Ok::<_, actix_web::error::PayloadError>(body) });
    let mut multipart = actix_multipart::Multipart::new(req.headers(), stream);
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(bad)?;
        if field.name() != Some("file") {
            continue;
        }
        let mut data = BytesMut::new();
        while let Some(chunk) = field.next().await {
            data.extend_from_slice(&chunk.map_err(bad)?);
        }
        return Ok(data.freeze());
    }
    Err(ApiError::invalid(
        "file",
        "the multipart body has no \"file\" field",
    ))
}

pub fn content_type(req: &HttpRequest) -> Option<&str> {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// Parses a JSON body. A declared non-JSON Content-Type or malformed JSON is
/// a 400; a missing Content-Type is tolerated (curl without -H).
pub fn parse_json(req: &HttpRequest, body: &[u8]) -> Result<Value, ApiError> {
    if let Some(ct) = content_type(req) {
        if !is_json_media_type(ct) {
            return Err(ApiError::bad_request(
                "unsupported_content_type",
                format!(
                    "this endpoint takes JSON; send Content-Type: application/json (got \"{ct}\")"
                ),
            ));
        }
    }
    parse_json_document(body)
}

/// Parses bytes as a JSON document; malformed or empty input is a 400, a
/// key repeated within one object a 422 naming it.
pub fn parse_json_document(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "malformed_json",
            "the request body is empty; send a JSON document",
        ));
    }
    strict_json::parse(body).map_err(|e| match e {
        StrictJsonError::Malformed(e) => ApiError::bad_request(
            "malformed_json",
            format!("the request body is not valid JSON: {e}"),
        ),
        StrictJsonError::DuplicateKey { field, at } => ApiError::invalid(
            field,
            format!("appears twice in one object ({at}); send each key once"),
        ),
    })
}

/// Reads and parses a JSON body in one step.
pub async fn json_body(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Value, ApiError> {
    let body = read_limited(req, payload, limit).await?;
    parse_json(req, &body)
}
