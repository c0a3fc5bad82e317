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
    /// The disk holding the database is full: nothing can be written until
    /// space is freed (HTTP 507).
    #[error("storage full: {0}")]
    StorageFull(String),
    /// The database cannot be reached or stayed locked past the busy
    /// timeout (HTTP 503); retrying later may succeed.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("storage failure: {0}")]
    Unknown(String),
}

impl RepositoryError {
    /// Classifies a storage failure by the database's own message, so every
    /// adapter (and the state store, which reports text) maps the same
    /// conditions the same way: a full disk, or a database that is locked
    /// or unreachable. Anything else is `Unknown`.
    pub fn from_storage_message(message: String) -> Self {
        let lower = message.to_ascii_lowercase();
        let full = [
            "disk is full",
            "no space left",
            "disk full",
            "quota exceeded",
        ];
        let unavailable = [
            "database is locked",
            "database table is locked",
            "unable to open database",
            "timed out waiting for connection",
            "connection refused",
            "could not connect",
            "readonly database",
        ];
        if full.iter().any(|m| lower.contains(m)) {
            Self::StorageFull(message)
        } else if unavailable.iter().any(|m| lower.contains(m)) {
            Self::Unavailable(message)
        } else {
            Self::Unknown(message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RepositoryError;

    #[test]
    fn storage_messages_are_classified_by_condition() {
        let classify = |m: &str| RepositoryError::from_storage_message(m.to_string());
        assert!(matches!(
            classify("database or disk is full"),
            RepositoryError::StorageFull(_)
        ));
        assert!(matches!(
            classify("database is locked"),
            RepositoryError::Unavailable(_)
        ));
        assert!(matches!(
            classify("timed out waiting for connection: pool"),
            RepositoryError::Unavailable(_)
        ));
        assert!(matches!(
            classify("no such table: mocks"),
            RepositoryError::Unknown(_)
        ));
    }
}
