use std::fmt;

/// How a mock-surface request was answered; recorded by the inspector and
/// counted in `/metrics` (SPEC §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Matched,
    Unmatched,
    Proxied,
    Fallback,
    ErrorSimulated,
    RateLimited,
    TemplateError,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Self::Matched,
        Self::Unmatched,
        Self::Proxied,
        Self::Fallback,
        Self::ErrorSimulated,
        Self::RateLimited,
        Self::TemplateError,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Matched => "matched",
            Self::Unmatched => "unmatched",
            Self::Proxied => "proxied",
            Self::Fallback => "fallback",
            Self::ErrorSimulated => "error_simulated",
            Self::RateLimited => "rate_limited",
            Self::TemplateError => "template_error",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == raw)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
