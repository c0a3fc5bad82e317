use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use rand::Rng;
use serde_json::Value;

use super::{
    ErrorRate, MatchMethod, MockId, MockMode, RateLimitScope, StatusCode, Variant, VariantMode,
};
use crate::matching::{BodyCondition, PathPattern, ValueMatcher};
use crate::template::TemplateSet;
use crate::FieldError;

/// A mock: what it matches, what it answers, and how it misbehaves on purpose.
/// Each part is a validated value, so a `MockDefinition` that exists is valid.
#[derive(Debug, Clone)]
pub struct MockDefinition {
    pub id: MockId,
    pub name: String,
    pub priority: i64,
    pub enabled: bool,
    pub mode: MockMode,
    pub tags: Vec<String>,
    pub criteria: MatchCriteria,
    pub response: ResponseSpec,
    pub faults: FaultSpec,
    pub variants: Vec<Variant>,
    pub variant_mode: VariantMode,
    pub upstream_url: Option<String>,
    pub timeout_seconds: f64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Compiled templates, present when the mock or a variant is templated.
    pub templates: Option<Arc<TemplateSet>>,
}

/// Everything a request must satisfy for the mock to answer it (SPEC §4).
#[derive(Debug, Clone)]
pub struct MatchCriteria {
    pub method: MatchMethod,
    pub path: PathPattern,
    pub headers: Option<Vec<(String, ValueMatcher)>>,
    pub query: Option<Vec<(String, ValueMatcher)>>,
    pub body: Option<BodyConditions>,
    pub content_type: Option<String>,
}

/// Body conditions keep the shape they were written in (one object or a list)
/// so an exported definition is byte-for-byte what was imported.
#[derive(Debug, Clone)]
pub struct BodyConditions {
    pub as_list: bool,
    pub conditions: Vec<BodyCondition>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSpec {
    pub status: StatusCode,
    pub headers: Vec<(String, String)>,
    pub body: Value,
    /// `wire_body(&body)`, kept so static answers cost no serialization.
    pub wire_body: Bytes,
    pub is_template: bool,
    pub delay_ms: u64,
    pub delay_max_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    pub error_rate: ErrorRate,
    pub error_status_code: StatusCode,
    pub error_body: String,
    pub rate_limit_requests: Option<u32>,
    pub rate_limit_window_seconds: u32,
    pub rate_limit_scope: RateLimitScope,
}

impl MatchCriteria {
    /// Number of header, query, body and content-type conditions: the third
    /// ordering key, so the more precise of two equal mocks wins.
    pub fn condition_count(&self) -> usize {
        self.headers.as_ref().map_or(0, Vec::len)
            + self.query.as_ref().map_or(0, Vec::len)
            + self.body.as_ref().map_or(0, |b| b.conditions.len())
            + usize::from(self.content_type.is_some())
    }
}

impl ResponseSpec {
    /// The delay before answering: fixed, or uniform in `[delay_ms, delay_max_ms]`.
    pub fn delay(&self, rng: &mut impl Rng) -> Duration {
        let ms = match self.delay_max_ms {
            Some(max) if max > self.delay_ms => rng.gen_range(self.delay_ms..=max),
            _ => self.delay_ms,
        };
        Duration::from_millis(ms)
    }
}

impl MockDefinition {
    /// Rules that span several fields; single-field rules live in the value types.
    pub fn check_consistency(&self) -> Result<(), FieldError> {
        if self.name.trim().is_empty() {
            return Err(FieldError::new("mock_name", "must not be empty"));
        }
        if self.mode.needs_upstream() && self.upstream_url.is_none() {
            return Err(FieldError::new(
                "upstream_url",
                format!("is required when mock_mode is \"{}\"", self.mode),
            ));
        }
        if let Some(max) = self.response.delay_max_ms {
            if max < self.response.delay_ms {
                return Err(FieldError::new(
                    "response_delay_max_ms",
                    "must be greater than or equal to response_delay_ms",
                ));
            }
        }
        let weighted = self.variant_mode == VariantMode::Weighted;
        if weighted && !self.variants.is_empty() && self.variants.iter().all(|v| v.weight == 0) {
            return Err(FieldError::new(
                "variants",
                "at least one variant needs a weight above 0",
            ));
        }
        Ok(())
    }
}

impl MockDefinition {
    /// A mock with every optional field at its SPEC §3 default.
    pub fn new(id: MockId, name: &str, method: MatchMethod, path: PathPattern) -> Self {
        let now = Utc::now();
        Self {
            id,
            name: name.to_string(),
            priority: 100,
            enabled: true,
            mode: MockMode::Mock,
            tags: Vec::new(),
            criteria: MatchCriteria {
                method,
                path,
                headers: None,
                query: None,
                body: None,
                content_type: None,
            },
            response: ResponseSpec::default(),
            faults: FaultSpec::default(),
            variants: Vec::new(),
            variant_mode: VariantMode::Weighted,
            upstream_url: None,
            timeout_seconds: 10.0,
            created_at: now,
            updated_at: now,
            templates: None,
        }
    }

    /// The template text of a response body: strings as written, other JSON serialized.
    pub fn body_source(body: &Value) -> String {
        match body {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// Compiles every templated part (SPEC §6); a compile error names the
    /// field and carries the line.
    pub fn compile_templates(&mut self) -> Result<(), FieldError> {
        let mut sources = Vec::new();
        if self.response.is_template {
            sources.push((
                "response_body".to_string(),
                Self::body_source(&self.response.body),
            ));
            sources.push(("error_body".to_string(), self.faults.error_body.clone()));
            for (name, value) in &self.response.headers {
                sources.push((format!("response_headers.{name}"), value.clone()));
            }
        }
        for (i, variant) in self.variants.iter().enumerate() {
            if variant.response.is_template {
                let prefix = format!("variants[{i}].response");
                sources.push((
                    format!("{prefix}.body"),
                    Self::body_source(&variant.response.body),
                ));
                for (name, value) in &variant.response.headers {
                    sources.push((format!("{prefix}.headers.{name}"), value.clone()));
                }
            }
        }
        if sources.is_empty() {
            self.templates = None;
            return Ok(());
        }
        let set = TemplateSet::compile(sources).map_err(|(field, e)| {
            FieldError::new(field, format!("template does not compile: {}", e.message))
        })?;
        self.templates = Some(Arc::new(set));
        Ok(())
    }
}

impl Default for ResponseSpec {
    fn default() -> Self {
        Self {
            status: StatusCode::OK,
            headers: Vec::new(),
            body: Value::String(String::new()),
            wire_body: Bytes::new(),
            is_template: false,
            delay_ms: 0,
            delay_max_ms: None,
        }
    }
}

impl Default for FaultSpec {
    fn default() -> Self {
        Self {
            error_rate: ErrorRate::ZERO,
            error_status_code: StatusCode::INTERNAL_SERVER_ERROR,
            error_body: String::new(),
            rate_limit_requests: None,
            rate_limit_window_seconds: 60,
            rate_limit_scope: RateLimitScope::ClientIp,
        }
    }
}
