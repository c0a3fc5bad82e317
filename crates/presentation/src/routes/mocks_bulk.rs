//! `POST /api/admin/mocks/bulk-import`: a JSON body or a multipart `file`
//! holding the same `{"mocks": [...]}` document.

use actix_multipart::Multipart;
use actix_web::{web, HttpRequest, HttpResponse};
use application::dto::mock_to_json;
use bytes::BytesMut;
use futures_util::StreamExt;
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::body::{content_type, json_body, parse_json_document, read_limited};
use crate::{ApiError, AppState};

pub async fn bulk_import(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let upsert = QueryParams::from_request(&req)
        .bool("upsert")?
        .unwrap_or(false);
    let is_multipart = content_type(&req)
        .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/form-data"));
    let document = if is_multipart {
        read_file_field(&req, payload, state.body_limit).await?
    } else {
        json_body(&req, payload, state.body_limit).await?
    };
    let items = match &document {
        Value::Object(o) => match o.get("mocks") {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(ApiError::invalid(
                    "mocks",
                    "must be an array of mock definitions",
                ))
            }
        },
        Value::Array(items) => items,
        _ => return Err(ApiError::invalid("mocks", "send {\"mocks\": [...]}")),
    };
    let report = state.mocks.bulk_import(items, upsert).await?;
    let mocks: Vec<Value> = report.created.iter().map(mock_to_json).collect();
    let details: Vec<Value> = report
        .errors
        .iter()
        .map(|(index, error)| json!({ "index": index, "error": error }))
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "created": report.created.len(),
        "errors": report.errors.len(),
        "mocks": mocks,
        "error_details": details,
    })))
}

async fn read_file_field(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Value, ApiError> {
    let bad = |e: actix_multipart::MultipartError| {
        ApiError::bad_request(
            "malformed_multipart",
            format!("could not read the multipart body: {e}"),
        )
    };
    // The body is read whole first (with the size limit and read timeout),
    // then parsed as multipart from memory.
    let body = read_limited(req, payload, limit).await?;
    let stream =
        futures_util::stream::once(async move { Ok::<_, actix_web::error::PayloadError>(body) });
    let mut multipart = Multipart::new(req.headers(), stream);
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(bad)?;
        if field.name() != Some("file") {
            continue;
        }
        let mut data = BytesMut::new();
        while let Some(chunk) = field.next().await {
            data.extend_from_slice(&chunk.map_err(bad)?);
        }
        return parse_json_document(&data);
    }
    Err(ApiError::invalid(
        "file",
        "the multipart body has no \"file\" field",
    ))
}
