//! `POST /api/admin/mocks/bulk-import`: a JSON body or a multipart `file`
//! holding the same `{"mocks": [...]}` document.

use actix_web::{web, HttpRequest, HttpResponse};
use application::dto::mock_to_json;
use serde_json::{json, Value};

use super::query::QueryParams;
use crate::body::{is_multipart, json_body, parse_json_document, read_multipart_file};
use crate::{ApiError, AppState};

pub async fn bulk_import(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let upsert = QueryParams::from_request(&req)
        .bool("upsert")?
        .unwrap_or(false);
    let document = if is_multipart(&req) {
        parse_json_document(&read_multipart_file(&req, payload, state.body_limit).await?)?
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
    let mocks: Vec<Value> = report
        .stored
        .iter()
        .map(|s| mock_to_json(&s.mock))
        .collect();
    let details: Vec<Value> = report
        .errors
        .iter()
        .map(|(index, error)| json!({ "index": index, "error": error }))
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "created": report.stored.len(),
        "errors": report.errors.len(),
        "mocks": mocks,
        "error_details": details,
    })))
}
