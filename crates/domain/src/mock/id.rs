use std::fmt;

use crate::FieldError;

/// Identifier of a mock: `[A-Za-z0-9._-]{1,128}`, so it is safe in URLs and logs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MockId(String);

impl MockId {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let valid_chars = raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if raw.is_empty() || raw.len() > 128 || !valid_chars {
            return Err(FieldError::new(
                "mock_id",
                "must be 1 to 128 characters from A-Z, a-z, 0-9, '.', '_' and '-'",
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_url_safe_ids() {
        assert!(MockId::parse("user.get_v2-1").is_ok());
    }

    #[test]
    fn rejects_empty_slashes_and_overlong_ids() {
        assert!(MockId::parse("").is_err());
        assert!(MockId::parse("a/b").is_err());
        assert!(MockId::parse(&"a".repeat(129)).is_err());
    }
}
