use bytes::Bytes;
use serde_json::Value;

use super::StatusCode;

/// One alternative answer of a mock (SPEC §9).
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub weight: u32,
    pub response: VariantResponse,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VariantResponse {
    pub status: StatusCode,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    /// `wire_body(&body)`, kept so static answers cost no serialization.
    pub wire_body: Bytes,
    pub is_template: bool,
    pub delay_ms: u64,
}
