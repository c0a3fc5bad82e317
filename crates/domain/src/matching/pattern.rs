use std::fmt;

use regex::Regex;

use crate::limits::{REGEX_MAX_BYTES, REGEX_MAX_COMPILED_BYTES, REGEX_MAX_NESTING};

/// A regular expression compiled once, remembering the text it came from so
/// definitions export exactly as written.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    regex: Regex,
}

impl Pattern {
    /// Compiles `source`; the error is the regex engine's own message, which
    /// points at the offending position.
    pub fn compile(source: &str) -> Result<Self, String> {
        Self::compile_as(source, source)
    }

    /// Compiles `effective` but remembers `source` (used to anchor path regexes).
    /// Length, nesting and compiled size are bounded ([`crate::limits`]), so
    /// no pattern can take the parser's stack or the process's memory.
    pub fn compile_as(source: &str, effective: &str) -> Result<Self, String> {
        if source.len() > REGEX_MAX_BYTES {
            return Err(format!(
                "regex is {} bytes long; the limit is {REGEX_MAX_BYTES}",
                source.len()
            ));
        }
        let regex = regex::RegexBuilder::new(effective)
            .size_limit(REGEX_MAX_COMPILED_BYTES)
            .dfa_size_limit(REGEX_MAX_COMPILED_BYTES)
            .nest_limit(REGEX_MAX_NESTING)
            .build()
            .map_err(|e| format!("invalid regex: {e}"))?;
        Ok(Self {
            source: source.to_string(),
            regex,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_deep_or_huge_regexes_are_refused_with_the_limit() {
        let long = "a".repeat(REGEX_MAX_BYTES + 1);
        assert!(Pattern::compile(&long).is_err_and(|e| e.contains("limit is 4096")));
        let deep = format!("{}a{}", "(".repeat(1_000), ")".repeat(1_000));
        assert!(Pattern::compile(&deep).is_err_and(|e| e.contains("nest")));
        assert!(Pattern::compile("(a{1000}){1000}").is_err());
        assert!(Pattern::compile("^[a-z]+(?P<id>[0-9]{1,8})$").is_ok());
    }
}
