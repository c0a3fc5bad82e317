use thiserror::Error;

/// A single input field that broke a rule. `field` is the path of the field
/// as the user wrote it (`match_headers.X-Env`, `variants[1].weight`), so the
/// error can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {detail}")]
pub struct FieldError {
    pub field: String,
    pub detail: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            detail: detail.into(),
        }
    }

    /// Re-roots a nested error under its parent field: `weight` → `variants[1].weight`.
    pub fn within(mut self, parent: &str) -> Self {
        self.field = if self.field.is_empty() {
            parent.to_string()
        } else if self.field.starts_with('[') {
            format!("{parent}{}", self.field)
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }
}

/// What a repository can fail with, independent of the storage technology.
#[derive(Debug, Error)]
pub enum RepositoryError {
    #[error("not found")]
    NotFound,
    #[error("duplicate: {0}")]
    Duplicate(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("storage failure: {0}")]
    Unknown(String),
}
