//! SQL over the chunk tables: ids, pruning, and walking chunks newest first.
//! Blocking; runs on a blocking thread inside the caller's transaction.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use domain::inspector::{RequestLog, RequestLogFilter};

use super::chunk::Chunk;
use super::filter::matches;
use crate::db::schema::{request_log_chunks as chunks, request_log_meta as meta};
use crate::InfraError;

/// Chunks loaded per query while walking: bounds memory when entries are
/// large (bodies up to 64 KiB each) without a query per chunk.
const CHUNKS_PER_READ: i64 = 8;

/// `(next_id, floor_id)`: the id the next entry gets, and the oldest id kept.
pub fn ids(conn: &mut SqliteConnection) -> QueryResult<(i64, i64)> {
    meta::table
        .select((meta::next_id, meta::floor_id))
        .first(conn)
}

/// Stores one batch as one chunk, then prunes to the newest `keep` entries.
/// Returns the batch's ids, in order.
pub fn insert(
    conn: &mut SqliteConnection,
    count: usize,
    data: &str,
    keep: i64,
) -> QueryResult<std::ops::RangeInclusive<i64>> {
    let (first, floor) = ids(conn)?;
    let last = first + count as i64 - 1;
    diesel::insert_into(chunks::table)
        .values((
            chunks::first_id.eq(first),
            chunks::last_id.eq(last),
            chunks::data.eq(data),
        ))
        .execute(conn)?;
    let floor = floor.max(last.saturating_sub(keep) + 1);
    // A chunk goes once all of it is below the floor; the floor hides the
    // pruned part of the one it cuts through.
    diesel::delete(chunks::table.filter(chunks::last_id.lt(floor))).execute(conn)?;
    diesel::update(meta::table)
        .set((meta::next_id.eq(last + 1), meta::floor_id.eq(floor)))
        .execute(conn)?;
    Ok(first..=last)
}

/// Entries kept, without decoding any chunk.
pub fn count_all(conn: &mut SqliteConnection, floor: i64) -> QueryResult<i64> {
    let visible = sql::<BigInt>("COALESCE(SUM(last_id - MAX(first_id, ")
        .bind::<BigInt, _>(floor)
        .sql(") + 1), 0)");
    chunks::table
        .filter(chunks::last_id.ge(floor))
        .select(visible)
        .first(conn)
}

/// Deletes every entry; returns how many there were. Ids are not reused.
pub fn clear(conn: &mut SqliteConnection) -> QueryResult<usize> {
    let (next, floor) = ids(conn)?;
    let deleted = count_all(conn, floor)?;
    diesel::delete(chunks::table).execute(conn)?;
    diesel::update(meta::table)
        .set(meta::floor_id.eq(next))
        .execute(conn)?;
    Ok(usize::try_from(deleted).unwrap_or(0))
}

/// The entry with this id, if it is kept.
pub fn get(conn: &mut SqliteConnection, log_id: i64) -> Result<Option<RequestLog>, InfraError> {
    let (next, floor) = ids(conn)?;
    if log_id < floor || log_id >= next {
        return Ok(None);
    }
    let found: Option<(i64, i64, String)> = chunks::table
        .filter(chunks::first_id.le(log_id))
        .order(chunks::first_id.desc())
        .select((chunks::first_id, chunks::last_id, chunks::data))
        .first(conn)
        .optional()?;
    match found {
        Some((first, last, data)) if log_id <= last => {
            let chunk = Chunk::decode(first, &data)?;
            chunk.entry(first, (log_id - first) as usize).map(Some)
        }
        _ => Ok(None),
    }
}

/// One page of `filter`, newest first, and how many entries match it in all
/// (ignoring the cursor). Filtered lists decode every kept chunk; the log is
/// bounded by `--inspector-max-entries`.
pub fn list(
    conn: &mut SqliteConnection,
    filter: &RequestLogFilter,
) -> Result<(Vec<RequestLog>, i64), InfraError> {
    let (_, floor) = ids(conn)?;
    let unfiltered = filter.selects_all();
    let limit = usize::try_from(filter.limit).unwrap_or(0);
    let before = filter.before.unwrap_or(i64::MAX);
    let method = filter.method.as_ref().map(|m| m.to_ascii_uppercase());
    let mut page = Vec::new();
    // Filtered, every kept entry is visited and counted; unfiltered, the
    // walk stops at a full page and the count comes from the id ranges.
    let mut matched = 0;
    // Unfiltered, chunks at or above the cursor hold nothing for the page.
    let mut older_than = if unfiltered { before } else { i64::MAX };
    loop {
        // Unfiltered, the count needs no decoding: stop once the page is full.
        if unfiltered && page.len() >= limit {
            break;
        }
        let batch: Vec<(i64, i64, String)> = chunks::table
            .filter(chunks::last_id.ge(floor))
            .filter(chunks::first_id.lt(older_than))
            .order(chunks::first_id.desc())
            .limit(CHUNKS_PER_READ)
            .select((chunks::first_id, chunks::last_id, chunks::data))
            .load(conn)?;
        let Some(oldest) = batch.last() else { break };
        older_than = oldest.0;
        for (first, last, data) in &batch {
            if unfiltered && page.len() >= limit {
                break;
            }
            let chunk = Chunk::decode(*first, data)?;
            let lowest = usize::try_from(floor.max(*first) - first).unwrap_or(0);
            let rows = chunk.rows();
            for position in (lowest..rows.len()).rev() {
                let log_id = first + position as i64;
                if log_id > *last || !matches(filter, method.as_deref(), &rows[position]) {
                    continue;
                }
                matched += 1;
                if log_id < before && page.len() < limit {
                    page.push(chunk.entry(*first, position)?);
                }
            }
        }
    }
    let total = if unfiltered {
        count_all(conn, floor)?
    } else {
        matched
    };
    Ok((page, total))
}
