use thiserror::Error;

use crate::AppError;

/// Why a document could not be imported. Every variant names where in the
/// file it failed, so a person can fix it without guessing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The bytes are not a JSON or YAML document (HTTP 400); the text
    /// carries the line and column the parser stopped at.
    #[error("{0}")]
    Malformed(String),
    /// Well-formed, but something in it cannot be used (HTTP 422);
    /// `location` is a JSON Pointer into the document (`/paths/~1pets/get`).
    #[error("{location}: {detail}")]
    Invalid { location: String, detail: String },
}

impl ImportError {
    pub fn invalid(location: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::Invalid {
            location: location.into(),
            detail: detail.into(),
        }
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Malformed(detail) => AppError::Malformed(detail),
            ImportError::Invalid { location, detail } => {
                AppError::Invalid(domain::FieldError::new(location, detail))
            }
        }
    }
}

/// Reads `value` as the wire type `T`; a wrong type is reported at its
/// JSON Pointer (`/mappings/1/request/method`).
pub fn deserialize<'v, T: serde::Deserialize<'v>>(
    value: &'v serde_json::Value,
    base: &str,
) -> Result<T, ImportError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut location = base.to_string();
        for segment in e.path().iter() {
            location = pointer(
                &location,
                segment
                    .to_string()
                    .trim_start_matches('[')
                    .trim_end_matches(']'),
            );
        }
        ImportError::invalid(location, e.inner().to_string())
    })
}

/// Appends one JSON Pointer segment (`~` → `~0`, `/` → `~1`).
pub fn pointer(base: &str, segment: impl std::fmt::Display) -> String {
    let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
    format!("{base}/{segment}")
}

#[cfg(test)]
mod tests {
    use super::pointer;

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(
            pointer(&pointer("", "paths"), "/pets/{id}"),
            "/paths/~1pets~1{id}"
        );
        assert_eq!(pointer("", "a~b"), "/a~0b");
    }
}
