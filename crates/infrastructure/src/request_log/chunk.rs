//! The stored form of one inspector batch: a single JSON document per
//! batch instead of a SQLite row per request.
//!
//! Why: a row per request cost more CPU than serving the request (binding
//! twenty columns, a b-tree insert and a delete per entry, and every byte
//! written twice, to the WAL and at checkpoint). A batch is one insert and
//! one delete, and the values that repeat from request to request (method,
//! path, mock id, headers, bodies, template contexts…) are stored once per
//! batch in a string table that the rows point into. Encoding and writing
//! cost in proportion to the text, so rows hold little besides references
//! and numbers (a static mock's entry takes about 55 bytes, against 175
//! with its text inline).
//!
//! Layout: `{"t": base, "s": [strings…], "r": [[field, …], …]}`, one array
//! per entry in id order, the entry's id being the chunk's first id + its
//! position, its `created_at` being `t` + its own (microseconds).
//! Chunks written before text fields went through the table hold those
//! fields inline, flags as booleans and `created_at` as text; [`decode`]
//! reads both, and so
//! does the `request_log` SQL view (migration `…_compact_request_log_rows`),
//! which keeps the SPEC §10 table queryable.

use domain::inspector::NewRequestLog;
use foldhash::HashMap;
use serde::Serialize;

mod decode;
pub use decode::{Chunk, StoredRow};

/// Index into the chunk's string table.
type Ref = u32;

#[derive(Serialize)]
struct ChunkOut<'a> {
    /// Base of the rows' `created_at`.
    t: i64,
    s: Vec<&'a str>,
    r: Vec<RowOut>,
}

/// One entry; the order of the fields is the stored layout (see the view).
#[derive(Serialize)]
struct RowOut(
    Ref,         // 0 request_method
    Ref,         // 1 request_path
    Ref,         // 2 request_query
    Ref,         // 3 request_headers
    Ref,         // 4 request_body
    u8,          // 5 request_body_truncated (0 or 1)
    Option<Ref>, // 6 matched_mock_id
    Option<i64>, // 7 variant
    Option<Ref>, // 8 template_context
    Option<Ref>, // 9 near_misses
    u16,         // 10 response_status
    Ref,         // 11 response_headers
    Ref,         // 12 response_body
    u8,          // 13 response_body_truncated (0 or 1)
    f64,         // 14 duration_ms
    Ref,         // 15 outcome
    Ref,         // 16 client_ip
    Option<Ref>, // 17 session_id
    i64,         // 18 created_at: microseconds since the Unix epoch, minus `t`
);

/// The entry fields that go through the string table, one slot each.
const FIELDS: usize = 13;

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
/// Bodies are stored up to 64 KiB each, so 1,000 entries with large bodies
/// would otherwise make one document of up to 128 MB (and as much
/// memory again while it is written and read back).
const CHUNK_BYTES: usize = 1 << 20;

/// The batch cut into runs of consecutive entries of about [`CHUNK_BYTES`]
/// of text each (at least one entry per run).
pub fn split(entries: &[NewRequestLog]) -> Vec<&[NewRequestLog]> {
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        let size = 64 + e.text_len();
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
    // Timestamps as offsets from the first: a few digits instead of sixteen.
    let base = entries.first().map_or(0, |e| e.created_at);
    let rows = entries
        .iter()
        .map(|e| {
            RowOut(
                strings.add(0, &e.request_method),
                strings.add(1, &e.request_path),
                strings.add(2, e.request_query.as_str()),
                strings.add(3, e.request_headers.as_str()),
                strings.add(4, &e.request_body),
                u8::from(e.request_body_truncated),
                e.matched_mock_id.as_deref().map(|id| strings.add(5, id)),
                e.variant,
                e.template_context
                    .as_ref()
                    .map(|t| strings.add(6, t.as_str())),
                e.near_misses.as_ref().map(|t| strings.add(7, t.as_str())),
                e.response_status,
                strings.add(8, e.response_headers.as_str()),
                strings.add(9, &e.response_body),
                u8::from(e.response_body_truncated),
                e.duration_ms,
                strings.add(10, e.outcome.as_str()),
                strings.add(11, &e.client_ip),
                e.session_id.as_deref().map(|id| strings.add(12, id)),
                e.created_at - base,
            )
        })
        .collect();
    let chunk = ChunkOut {
        t: base,
        s: strings.list,
        r: rows,
    };
    // Serializing strings, numbers and options into a String cannot fail.
    serde_json::to_string(&chunk).unwrap_or_default()
}

#[cfg(test)]
#[path = "chunk_tests.rs"]
mod tests;
