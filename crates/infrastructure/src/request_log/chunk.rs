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
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(i: usize) -> NewRequestLog {
        NewRequestLog {
            request_method: "POST".into(),
            request_path: format!("/orders/{i}"),
            request_query: JsonText::of(&json!({"tag": ["a", "b"]})),
            request_headers: JsonText::of(&json!({"x-note": "quote \" and \\ and é"})),
            request_body: "{\"sku\":\"A1\"}".into(),
            request_body_truncated: i == 1,
            matched_mock_id: (i != 2).then(|| "orders".to_string()),
            variant: (i == 1).then_some(3),
            template_context: (i == 1).then(|| JsonText::of(&json!({"request": {"n": i}}))),
            near_misses: (i == 2).then(|| JsonText::of(&json!([{"mock_id": "m"}]))),
            response_status: 201,
            response_headers: JsonText::of(&json!({"content-type": "application/json"})),
            response_body: "the same response body for every entry".into(),
            response_body_truncated: i == 0,
            duration_ms: 0.25 * i as f64,
            outcome: if i == 2 {
                Outcome::Unmatched
            } else {
                Outcome::Matched
            },
            client_ip: "127.0.0.1".into(),
            session_id: (i == 0).then(|| "alice".to_string()),
            created_at: format!("2026-11-25T00:00:0{i}.000001Z"),
        }
    }

    #[test]
    fn every_field_survives_a_round_trip_with_ids_from_the_first() {
        let entries: Vec<_> = (0..3).map(entry).collect();
        let data = encode(&entries);
        let chunk = Chunk::decode(40, &data).unwrap();
        assert_eq!(chunk.rows().len(), 3);
        for (i, expected) in entries.iter().enumerate() {
            let log = chunk.entry(40, i).unwrap();
            assert_eq!(log.log_id, 40 + i as i64);
            assert_eq!(&log.entry, expected, "entry {i}");
        }
        assert!(chunk.entry(40, 3).is_err(), "no row past the end");
    }

    #[test]
    fn values_repeated_across_entries_are_stored_once() {
        let entries: Vec<_> = (0..50).map(entry).collect();
        let data = encode(&entries);
        assert_eq!(data.matches("the same response body").count(), 1);
        assert_eq!(data.matches("content-type").count(), 1);
        assert_eq!(data.matches("/orders/").count(), 50, "paths are per entry");
    }

    #[test]
    fn large_batches_are_cut_into_chunks_of_about_a_megabyte_in_order() {
        let big = |i: usize| NewRequestLog {
            response_body: "x".repeat(60_000 + i),
            ..entry(i % 3)
        };
        let entries: Vec<_> = (0..100).map(big).collect();
        let parts = split(&entries);
        assert!(parts.len() >= 6, "{} parts", parts.len());
        assert!(parts.iter().all(|p| encode(p).len() < CHUNK_BYTES + 70_000));
        let rejoined: Vec<_> = parts.concat();
        assert_eq!(rejoined, entries);

        assert_eq!(split(&entries[..3]).len(), 1, "small batches stay whole");
        let huge = [NewRequestLog {
            response_body: "y".repeat(2 * CHUNK_BYTES),
            ..entry(0)
        }];
        assert_eq!(split(&huge).len(), 1, "an entry is never split");
        assert!(split(&[]).is_empty());
    }

    #[test]
    fn damaged_chunks_are_errors_not_panics() {
        assert!(Chunk::decode(1, "not json").is_err());
        let dangling = r#"{"s":[],"r":[["GET","/",0,0,0,false,null,null,null,null,200,0,0,false,0.1,"matched","ip",null,"t"]]}"#;
        let chunk = Chunk::decode(1, dangling).unwrap();
        assert!(chunk.entry(1, 0).is_err(), "string reference out of range");
        let outcome = r#"{"s":["{}"],"r":[["GET","/",0,0,0,false,null,null,null,null,200,0,0,false,0.1,"nope","ip",null,"t"]]}"#;
        assert!(Chunk::decode(1, outcome).unwrap().entry(1, 0).is_err());
    }
}
