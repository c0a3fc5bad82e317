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
    pub is_template: bool,
    pub delay_ms: u64,
}
