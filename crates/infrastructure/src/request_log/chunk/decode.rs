//! Reading chunks back, in either row layout (see the parent module).

use std::borrow::Cow;
use std::fmt;

use domain::inspector::{JsonText, NewRequestLog, RequestLog};
use domain::Outcome;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::Ref;
use crate::InfraError;

#[derive(Deserialize)]
struct RawChunk<'a> {
    /// Absent from older chunks, whose timestamps are text.
    #[serde(default)]
    t: i64,
    #[serde(borrow)]
    s: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    r: Vec<RawRow<'a>>,
}

/// A text field as stored: a reference into the string table, or the
/// text itself (rows written before text fields went through the table).
enum Text<'a> {
    Inline(Cow<'a, str>),
    Ref(Ref),
}

/// A flag as stored: 0 or 1, or a boolean (older rows).
struct Flag(bool);

/// `created_at` as stored: microseconds from the chunk's `t`, or RFC 3339
/// text (older rows).
enum Stamp<'a> {
    Micros(i64),
    Text(Cow<'a, str>),
}

#[derive(Deserialize)]
struct RawRow<'a>(
    #[serde(borrow)] Text<'a>,         // request_method
    #[serde(borrow)] Text<'a>,         // request_path
    Ref,                               // request_query
    Ref,                               // request_headers
    Ref,                               // request_body
    Flag,                              // request_body_truncated
    #[serde(borrow)] Option<Text<'a>>, // matched_mock_id
    Option<i64>,                       // variant
    Option<Ref>,                       // template_context
    Option<Ref>,                       // near_misses
    u16,                               // response_status
    Ref,                               // response_headers
    Ref,                               // response_body
    Flag,                              // response_body_truncated
    f64,                               // duration_ms
    #[serde(borrow)] Text<'a>,         // outcome
    #[serde(borrow)] Text<'a>,         // client_ip
    #[serde(borrow)] Option<Text<'a>>, // session_id
    #[serde(borrow)] Stamp<'a>,        // created_at
);

/// A decoded chunk; rows borrow from the stored text where they can.
pub struct Chunk<'a> {
    s: Vec<Cow<'a, str>>,
    r: Vec<StoredRow<'a>>,
}

/// One stored entry with its text fields resolved: the filterable ones are
/// direct, the long ones stay references until [`Chunk::entry`].
pub struct StoredRow<'a> {
    pub method: Cow<'a, str>,
    pub path: Cow<'a, str>,
    request_query: Ref,
    request_headers: Ref,
    request_body: Ref,
    request_body_truncated: bool,
    pub mock_id: Option<Cow<'a, str>>,
    variant: Option<i64>,
    template_context: Option<Ref>,
    near_misses: Option<Ref>,
    pub status: u16,
    response_headers: Ref,
    response_body: Ref,
    response_body_truncated: bool,
    duration_ms: f64,
    pub outcome: Cow<'a, str>,
    client_ip: Cow<'a, str>,
    pub session_id: Option<Cow<'a, str>>,
    created_at: i64,
}

impl<'a> Chunk<'a> {
    pub fn decode(first_id: i64, data: &'a str) -> Result<Self, InfraError> {
        let raw: RawChunk<'a> =
            serde_json::from_str(data).map_err(|e| corrupt(first_id, &e.to_string()))?;
        let s = raw.s;
        let text = |t: Text<'a>| -> Result<Cow<'a, str>, InfraError> {
            match t {
                Text::Inline(text) => Ok(text),
                Text::Ref(r) => match s.get(r as usize) {
                    Some(Cow::Borrowed(text)) => Ok(Cow::Borrowed(*text)),
                    Some(Cow::Owned(text)) => Ok(Cow::Owned(text.clone())),
                    None => Err(corrupt(first_id, "string reference out of range")),
                },
            }
        };
        let r = raw
            .r
            .into_iter()
            .map(|row| {
                Ok(StoredRow {
                    method: text(row.0)?,
                    path: text(row.1)?,
                    request_query: row.2,
                    request_headers: row.3,
                    request_body: row.4,
                    request_body_truncated: row.5 .0,
                    mock_id: row.6.map(&text).transpose()?,
                    variant: row.7,
                    template_context: row.8,
                    near_misses: row.9,
                    status: row.10,
                    response_headers: row.11,
                    response_body: row.12,
                    response_body_truncated: row.13 .0,
                    duration_ms: row.14,
                    outcome: text(row.15)?,
                    client_ip: text(row.16)?,
                    session_id: row.17.map(&text).transpose()?,
                    created_at: match row.18 {
                        Stamp::Micros(offset) => raw.t.saturating_add(offset),
                        Stamp::Text(t) => chrono::DateTime::parse_from_rfc3339(&t)
                            .map_err(|_| corrupt(first_id, &format!("bad timestamp {t}")))?
                            .timestamp_micros(),
                    },
                })
            })
            .collect::<Result<_, InfraError>>()?;
        Ok(Self { s, r })
    }

    pub fn rows(&self) -> &[StoredRow<'a>] {
        &self.r
    }

    /// The owned entry at `position`, with its id.
    pub fn entry(&self, first_id: i64, position: usize) -> Result<RequestLog, InfraError> {
        let row = self
            .r
            .get(position)
            .ok_or_else(|| corrupt(first_id, "row out of range"))?;
        let text = |r: Ref| -> Result<String, InfraError> {
            self.s
                .get(r as usize)
                .map(|s| s.clone().into_owned())
                .ok_or_else(|| corrupt(first_id, "string reference out of range"))
        };
        let json = |r: Ref| text(r).map(JsonText::from_stored);
        let outcome = Outcome::parse(&row.outcome)
            .ok_or_else(|| corrupt(first_id, &format!("unknown outcome {}", row.outcome)))?;
        Ok(RequestLog {
            log_id: first_id + position as i64,
            entry: NewRequestLog {
                request_method: row.method.clone().into_owned(),
                request_path: row.path.clone().into_owned(),
                request_query: json(row.request_query)?,
                request_headers: json(row.request_headers)?,
                request_body: text(row.request_body)?,
                request_body_truncated: row.request_body_truncated,
                matched_mock_id: row.mock_id.clone().map(Cow::into_owned),
                variant: row.variant,
                template_context: row.template_context.map(json).transpose()?,
                near_misses: row.near_misses.map(json).transpose()?,
                response_status: row.status,
                response_headers: json(row.response_headers)?,
                response_body: text(row.response_body)?,
                response_body_truncated: row.response_body_truncated,
                duration_ms: row.duration_ms,
                outcome,
                client_ip: row.client_ip.clone().into_owned(),
                session_id: row.session_id.clone().map(Cow::into_owned),
                created_at: row.created_at,
            },
        })
    }
}

fn corrupt(first_id: i64, why: &str) -> InfraError {
    InfraError::Corrupt(format!("request_log chunk {first_id}: {why}"))
}

/// Borrows the text when it has no escapes, as `Cow` fields do.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a string-table reference")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text::Inline(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text::Inline(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text::Inline(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ref::try_from(v)
            .map(Text::Ref)
            .map_err(|_| E::custom("string-table reference out of range"))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

struct StampVisitor;

impl<'de> Visitor<'de> for StampVisitor {
    type Value = Stamp<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("microseconds or an RFC 3339 timestamp")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Stamp::Micros(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(Stamp::Micros)
            .map_err(|_| E::custom("timestamp out of range"))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Stamp::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Stamp::Text(Cow::Owned(v.to_owned())))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Stamp<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StampVisitor)
    }
}

struct FlagVisitor;

impl Visitor<'_> for FlagVisitor {
    type Value = Flag;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("0, 1 or a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
        Ok(Flag(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
        match v {
            0 | 1 => Ok(Flag(v == 1)),
            _ => Err(E::custom("a flag is 0 or 1")),
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FlagVisitor)
    }
}
