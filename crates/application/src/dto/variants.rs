use domain::mock::{wire_body, StatusCode, Variant, VariantResponse};
use domain::FieldError;
use serde_json::Value;

use super::fields::{self, Fields};

const VARIANT_FIELDS: &[&str] = &["weight", "response"];
const RESPONSE_FIELDS: &[&str] = &["status", "headers", "body", "is_template", "delay_ms"];

/// Parses `variants` (SPEC §9); errors are rooted at `variants[i]`.
pub fn parse_variants(map: &Fields) -> Result<Vec<Variant>, FieldError> {
    let Some(items) = fields::array(map, "variants")? else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_variant(item).map_err(|e| e.within(&format!("variants[{i}]"))))
        .collect()
}

fn parse_variant(item: &Value) -> Result<Variant, FieldError> {
    let Value::Object(map) = item else {
        return Err(FieldError::new(
            "",
            "must be an object with weight and response",
        ));
    };
    fields::reject_unknown(map, VARIANT_FIELDS, "")?;
    let weight = fields::bounded(map, "weight", 0, 1_000_000)?.unwrap_or(1) as u32;
    let empty = Fields::new();
    let response = fields::object(map, "response")?.unwrap_or(&empty);
    let response = parse_response(response).map_err(|e| e.within("response"))?;
    Ok(Variant { weight, response })
}

fn parse_response(map: &Fields) -> Result<VariantResponse, FieldError> {
    fields::reject_unknown(map, RESPONSE_FIELDS, "")?;
    let status = match fields::integer(map, "status")? {
        None => StatusCode::OK,
        Some(n) => StatusCode::new(n).map_err(|d| FieldError::new("status", d))?,
    };
    let body = fields::get(map, "body")
        .cloned()
        .unwrap_or(Value::String(String::new()));
    Ok(VariantResponse {
        status,
        headers: fields::header_map(map, "headers")?,
        wire_body: wire_body(&body),
        body,
        is_template: fields::boolean(map, "is_template", false)?,
        delay_ms: fields::bounded(map, "delay_ms", 0, i64::from(i32::MAX))?.unwrap_or(0) as u64,
    })
}
