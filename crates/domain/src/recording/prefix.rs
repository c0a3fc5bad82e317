use std::fmt;

use crate::FieldError;

/// The part of the mock surface a recording covers: a path that starts
/// with `/`. `/api` covers `/api` and `/api/users`, not `/apiary`: a prefix
/// ends at a segment boundary unless it ends with `/` itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrefix(String);

impl PathPrefix {
    /// Everything.
    pub fn root() -> Self {
        Self("/".to_string())
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        if !raw.starts_with('/') {
            return Err(FieldError::new(
                "path_prefix",
                format!("must start with '/', got \"{raw}\""),
            ));
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control()) || raw.contains(['?', '#']) {
            return Err(FieldError::new(
                "path_prefix",
                "must be a plain path, without spaces, '?' or '#'",
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn covers(&self, path: &str) -> bool {
        match path.strip_prefix(self.0.as_str()) {
            None => false,
            Some(rest) => self.0.ends_with('/') || rest.is_empty() || rest.starts_with('/'),
        }
    }
}

impl fmt::Display for PathPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(raw: &str) -> PathPrefix {
        PathPrefix::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_prefix_covers_whole_segments() {
        let api = prefix("/api");
        assert!(api.covers("/api"));
        assert!(api.covers("/api/users"));
        assert!(!api.covers("/apiary"));
        assert!(!api.covers("/other/api"));
        assert!(prefix("/api/").covers("/api/x"));
        assert!(!prefix("/api/").covers("/api"));
        assert!(PathPrefix::root().covers("/anything"));
    }

    #[test]
    fn a_prefix_must_be_a_path() {
        for bad in ["api", "", "/a b", "/a?x=1", "/a#f", "http://x/a"] {
            let err = PathPrefix::parse(bad).err();
            assert!(err.is_some_and(|e| e.field == "path_prefix"), "{bad}");
        }
    }
}
