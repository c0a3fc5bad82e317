//! Timestamps as stored: RFC 3339 in UTC with microseconds, which sorts as
//! text in time order.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn to_text(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn from_text(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("bad timestamp {text:?}: {e}"))
}
