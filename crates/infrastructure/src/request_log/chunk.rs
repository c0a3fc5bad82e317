//! The stored form of one inspector batch: a single JSON document per
//! batch instead of a SQLite row per request.
//!
//! Why: a row per request cost more CPU than serving the request (binding
//! twenty columns, a b-tree insert and a delete per entry, and every byte
//! written twice, to the WAL and at checkpoint). A batch is one insert and
//! one delete, and the long values that repeat from request to request
//! (headers, bodies, template contexts) are stored once per batch in a
//! string table that the rows point into.
//!
//! Layout: `{"s": [strings…], "r": [[field, …], …]}`, one array per entry in
//! id order, the entry's id being the chunk's first id + its position. The
//! `request_log` SQL view (migration `…_request_log_chunks`) unpacks it, so the
//! SPEC §10 table stays queryable.

use domain::inspector::{JsonText, NewRequestLog, RequestLog};
use domain::Outcome;
use foldhash::HashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use crate::InfraError;

/// Index into the chunk's string table.
type Ref = u32;

#[derive(Serialize)]
struct ChunkOut<'a> {
    s: Vec<&'a str>,
    r: Vec<RowOut<'a>>,
}

/// One entry; the order of the fields is the stored layout (see the view).
#[derive(Serialize)]
struct RowOut<'a>(
    &'a str,         // 0 request_method
    &'a str,         // 1 request_path
    Ref,             // 2 request_query
    Ref,             // 3 request_headers
    Ref,             // 4 request_body
    bool,            // 5 request_body_truncated
    Option<&'a str>, // 6 matched_mock_id
    Option<i64>,     // 7 variant
    Option<Ref>,     // 8 template_context
    Option<Ref>,     // 9 near_misses
    u16,             // 10 response_status
    Ref,             // 11 response_headers
    Ref,             // 12 response_body
    bool,            // 13 response_body_truncated
    f64,             // 14 duration_ms
    &'a str,         // 15 outcome
    &'a str,         // 16 client_ip
    Option<&'a str>, // 17 session_id
    &'a str,         // 18 created_at
);

/// The entry fields that go through the string table, one slot each.
const FIELDS: usize = 7;

/// The string table being built: each distinct value once.
#[derive(Default)]
struct Strings<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, Ref>,
    /// Per field, the previous entry's value: consecutive entries usually
    /// repeat it, and one comparison is cheaper than hashing a body.
    last: [Option<(&'a str, Ref)>; FIELDS],
}

impl<'a> Strings<'a> {
    fn add(&mut self, field: usize, text: &'a str) -> Ref {
        if let Some((previous, r)) = self.last[field] {
            if previous == text {
                return r;
            }
        }
        let next = Ref::try_from(self.list.len()).unwrap_or(Ref::MAX);
        let r = *self.index.entry(text).or_insert_with(|| {
            self.list.push(text);
            next
        });
        self.last[field] = Some((text, r));
        r
    }
}

/// About how many bytes of text a chunk holds before the next one starts.
/// Bodies are stored up to 64 KiB each, so 500 entries with large bodies
/// would otherwise make one document of tens of megabytes (and as much
/// memory again while it is written and read back).
const CHUNK_BYTES: usize = 1 << 20;

/// The batch cut into runs of consecutive entries of about [`CHUNK_BYTES`]
/// of text each (at least one entry per run).
pub fn split(entries: &[NewRequestLog]) -> Vec<&[NewRequestLog]> {
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        let size = 64
            + e.request_path.len()
            + e.request_query.as_str().len()
            + e.request_headers.as_str().len()
            + e.request_body.len()
            + e.template_context.as_ref().map_or(0, |t| t.as_str().len())
            + e.near_misses.as_ref().map_or(0, |t| t.as_str().len())
            + e.response_headers.as_str().len()
            + e.response_body.len();
        if i > start && bytes + size > CHUNK_BYTES {
            parts.push(&entries[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < entries.len() {
        parts.push(&entries[start..]);
    }
    parts
}

/// Entries as one JSON document.
pub fn encode(entries: &[NewRequestLog]) -> String {
    let mut strings = Strings::default();
    let rows = entries
        .iter()
        .map(|e| {
            RowOut(
                &e.request_method,
                &e.request_path,
                strings.add(0, e.request_query.as_str()),
                strings.add(1, e.request_headers.as_str()),
                strings.add(2, &e.request_body),
                e.request_body_truncated,
                e.matched_mock_id.as_deref(),
                e.variant,
                e.template_context
                    .as_ref()
                    .map(|t| strings.add(3, t.as_str())),
                e.near_misses.as_ref().map(|t| strings.add(4, t.as_str())),
                e.response_status,
                strings.add(5, e.response_headers.as_str()),
                strings.add(6, &e.response_body),
                e.response_body_truncated,
                e.duration_ms,
                e.outcome.as_str(),
                &e.client_ip,
                e.session_id.as_deref(),
                &e.created_at,
            )
        })
        .collect();
    let chunk = ChunkOut {
        s: strings.list,
        r: rows,
    };
    // Serializing strings, numbers and options into a String cannot fail.
    serde_json::to_string(&chunk).unwrap_or_default()
}

/// A decoded chunk; rows borrow from the stored text where they can.
#[derive(Deserialize)]
pub struct Chunk<'a> {
    #[serde(borrow)]
    s: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    r: Vec<StoredRow<'a>>,
}

/// One stored entry, as read back: the filterable fields are direct.
#[derive(Deserialize)]
pub struct StoredRow<'a>(
    #[serde(borrow)] pub Cow<'a, str>,         // request_method
    #[serde(borrow)] pub Cow<'a, str>,         // request_path
    Ref,                                       // request_query
    Ref,                                       // request_headers
    Ref,                                       // request_body
    bool,                                      // request_body_truncated
    #[serde(borrow)] pub Option<Cow<'a, str>>, // matched_mock_id
    Option<i64>,                               // variant
    Option<Ref>,                               // template_context
    Option<Ref>,                               // near_misses
    pub u16,                                   // response_status
    Ref,                                       // response_headers
    Ref,                                       // response_body
    bool,                                      // response_body_truncated
    f64,                                       // duration_ms
    #[serde(borrow)] pub Cow<'a, str>,         // outcome
    #[serde(borrow)] Cow<'a, str>,             // client_ip
    #[serde(borrow)] pub Option<Cow<'a, str>>, // session_id
    #[serde(borrow)] Cow<'a, str>,             // created_at
);

impl<'a> Chunk<'a> {
    pub fn decode(first_id: i64, data: &'a str) -> Result<Self, InfraError> {
        serde_json::from_str(data).map_err(|e| corrupt(first_id, &e.to_string()))
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
        let outcome = Outcome::parse(&row.15)
            .ok_or_else(|| corrupt(first_id, &format!("unknown outcome {}", row.15)))?;
        Ok(RequestLog {
            log_id: first_id + position as i64,
            entry: NewRequestLog {
                request_method: row.0.clone().into_owned(),
                request_path: row.1.clone().into_owned(),
                request_query: json(row.2)?,
                request_headers: json(row.3)?,
                request_body: text(row.4)?,
                request_body_truncated: row.5,
                matched_mock_id: row.6.clone().map(Cow::into_owned),
                variant: row.7,
                template_context: row.8.map(json).transpose()?,
                near_misses: row.9.map(json).transpose()?,
                response_status: row.10,
                response_headers: json(row.11)?,
                response_body: text(row.12)?,
                response_body_truncated: row.13,
                duration_ms: row.14,
                outcome,
                client_ip: row.16.clone().into_owned(),
                session_id: row.17.clone().map(Cow::into_owned),
                created_at: row.18.clone().into_owned(),
            },
        })
    }
}

fn corrupt(first_id: i64, why: &str) -> InfraError {
    InfraError::Corrupt(format!("request_log chunk {first_id}: {why}"))
}

#[cfg(test)]
#[path = "chunk_tests.rs"]
mod tests;
