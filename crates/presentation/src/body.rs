//! Reading request bodies under the size limit, and JSON parsing with the
//! SPEC §2 distinction between malformed (400) and invalid (422).

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{web, HttpRequest};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use serde_json::Value;

use crate::ApiError;

/// Collects the body, refusing with 413 as soon as it exceeds `limit`
/// (up front when Content-Length already says so).
pub async fn read_limited(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::payload_too_large(limit));
    }
    let mut body = BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
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

/// True for `application/json` and `application/*+json`.
fn is_json_media_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
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

/// Parses bytes as a JSON document; malformed or empty input is a 400.
pub fn parse_json_document(body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "malformed_json",
            "the request body is empty; send a JSON document",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(
            "malformed_json",
            format!("the request body is not valid JSON: {e}"),
        )
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

#[cfg(test)]
mod tests {
    use super::is_json_media_type;

    #[test]
    fn json_media_types_include_suffix_types_and_parameters() {
        assert!(is_json_media_type("application/json; charset=utf-8"));
        assert!(is_json_media_type("application/vnd.api+json"));
        assert!(!is_json_media_type("text/plain"));
        assert!(!is_json_media_type("application/x-www-form-urlencoded"));
    }
}
