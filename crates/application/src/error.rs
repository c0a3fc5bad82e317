use domain::{FieldError, RepositoryError};
use thiserror::Error;

/// Errors of the use cases; the presentation layer maps each to one HTTP status.
#[derive(Debug, Error)]
pub enum AppError {
    /// The input is not a readable document (HTTP 400); the text says where it broke.
    #[error("{0}")]
    Malformed(String),
    /// Input was well-formed but broke a rule (HTTP 422).
    #[error("invalid input: {0}")]
    Invalid(#[from] FieldError),
    #[error("{resource} '{id}' was not found")]
    NotFound { resource: &'static str, id: String },
    #[error("{resource} '{id}' already exists")]
    Duplicate { resource: &'static str, id: String },
    /// The request is valid but clashes with stored data (HTTP 409).
    #[error("{0}")]
    Conflict(String),
    #[error("storage failure")]
    Storage(#[source] RepositoryError),
}

impl From<RepositoryError> for AppError {
    fn from(e: RepositoryError) -> Self {
        match e {
            RepositoryError::Conflict(detail) => Self::Conflict(detail),
            other => Self::Storage(other),
        }
    }
}
