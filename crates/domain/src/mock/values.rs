//! Small value types with rules, each with a validating constructor.

use std::fmt;

use crate::FieldError;

/// HTTP method a mock answers to; `Any` matches every method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchMethod {
    Any,
    Exact(String),
}

impl MatchMethod {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let upper = raw.trim().to_ascii_uppercase();
        if upper.is_empty() || !upper.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(FieldError::new(
                "match_method",
                "must be an HTTP method such as GET or POST, or ANY",
            ));
        }
        Ok(if upper == "ANY" {
            Self::Any
        } else {
            Self::Exact(upper)
        })
    }

    pub fn accepts(&self, method: &str) -> bool {
        match self {
            Self::Any => true,
            Self::Exact(m) => m.eq_ignore_ascii_case(method),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Any => "ANY",
            Self::Exact(m) => m,
        }
    }
}

/// A final HTTP status code, 200–599: a 1xx is an interim response and,
/// sent as the answer, breaks the framing for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCode(u16);

impl StatusCode {
    pub const OK: Self = Self(200);
    pub const INTERNAL_SERVER_ERROR: Self = Self(500);

    pub fn new(code: i64) -> Result<Self, String> {
        match code {
            200..=599 => Ok(Self(code as u16)),
            100..=199 => Err(format!(
                "must be a final HTTP status between 200 and 599, got {code} (1xx is an interim response and cannot answer a request)"
            )),
            _ => Err(format!(
                "must be an HTTP status between 200 and 599, got {code}"
            )),
        }
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// Percentage of requests answered with the simulated error, 0–100.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErrorRate(f64);

impl ErrorRate {
    pub const ZERO: Self = Self(0.0);

    pub fn new(percent: f64) -> Result<Self, String> {
        if percent.is_finite() && (0.0..=100.0).contains(&percent) {
            Ok(Self(percent))
        } else {
            Err(format!(
                "must be a percentage between 0 and 100, got {percent}"
            ))
        }
    }

    pub fn percent(self) -> f64 {
        self.0
    }
}

macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $name {
            #[default]
            $($variant),+
        }

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                match raw {
                    $($text => Ok(Self::$variant),)+
                    other => Err(FieldError::new(
                        $field,
                        format!(
                            "must be one of {}, got \"{}\"",
                            [$($text),+].join(", "),
                            other
                        ),
                    )),
                }
            }

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum!(
    /// How a mock produces its answer (SPEC §8); the first variant is the default.
    MockMode, "mock_mode", {
        Mock => "mock",
        Proxy => "proxy",
        ProxyWithFallback => "proxy-with-fallback",
        Passthrough => "passthrough",
    }
);

keyword_enum!(
    /// Which callers share one rate-limit budget (SPEC §7).
    RateLimitScope, "rate_limit_scope", {
        ClientIp => "client_ip",
        Session => "session",
        Global => "global",
    }
);

keyword_enum!(
    /// How a variant is picked (SPEC §9).
    VariantMode, "variant_mode", {
        Weighted => "weighted",
        Sequence => "sequence",
        Cycle => "cycle",
    }
);

impl MockMode {
    pub fn needs_upstream(self) -> bool {
        !matches!(self, Self::Mock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_code_accepts_only_http_range() {
        assert!(StatusCode::new(42).is_err());
        assert!(StatusCode::new(600).is_err());
        assert!(StatusCode::new(100).is_err_and(|e| e.contains("interim")));
        assert!(StatusCode::new(199).is_err());
        assert_eq!(StatusCode::new(204).map(StatusCode::get), Ok(204));
    }

    #[test]
    fn error_rate_is_a_percentage() {
        assert!(ErrorRate::new(150.0).is_err());
        assert!(ErrorRate::new(-1.0).is_err());
        assert!(ErrorRate::new(f64::NAN).is_err());
        assert!(ErrorRate::new(100.0).is_ok());
    }

    #[test]
    fn method_any_accepts_everything_and_exact_is_case_insensitive() {
        let any = MatchMethod::parse("any").ok();
        assert_eq!(any, Some(MatchMethod::Any));
        let post = MatchMethod::parse("post").ok();
        assert!(post.as_ref().is_some_and(|m| m.accepts("POST")));
        assert!(post.is_some_and(|m| !m.accepts("GET")));
        assert!(MatchMethod::parse("GE T").is_err());
    }

    #[test]
    fn mode_parses_known_keywords_only() {
        assert_eq!(
            MockMode::parse("proxy-with-fallback").ok(),
            Some(MockMode::ProxyWithFallback)
        );
        assert!(MockMode::parse("record").is_err());
        assert!(MockMode::Proxy.needs_upstream());
        assert!(!MockMode::Mock.needs_upstream());
    }
}
