use std::fmt;

use regex::Regex;

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
    pub fn compile_as(source: &str, effective: &str) -> Result<Self, String> {
        let regex = regex::RegexBuilder::new(effective)
            .size_limit(1 << 20)
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
