use async_trait::async_trait;
use diesel::prelude::*;
use diesel::sqlite::Sqlite;
use domain::inspector::{NewRequestLog, RequestLog, RequestLogFilter, RequestLogRepository};
use domain::RepositoryError;

use super::row::{NewRow, Row};
use crate::db::schema::request_log;
use crate::db::{run_blocking, DbPool, WriteGate};
use crate::InfraError;

/// [`RequestLogRepository`] over SQLite.
#[derive(Clone)]
pub struct SqliteRequestLogRepository {
    pool: DbPool,
    gate: WriteGate,
}

impl SqliteRequestLogRepository {
    pub fn new(pool: DbPool, gate: WriteGate) -> Self {
        Self { pool, gate }
    }
}

fn filtered(
    filter: &RequestLogFilter,
    with_cursor: bool,
) -> request_log::BoxedQuery<'static, Sqlite> {
    let mut query = request_log::table.into_boxed();
    if let Some(s) = &filter.session_id {
        query = query.filter(request_log::session_id.eq(s.clone()));
    }
    if let Some(m) = &filter.mock_id {
        query = query.filter(request_log::matched_mock_id.eq(m.clone()));
    }
    if let Some(m) = &filter.method {
        query = query.filter(request_log::request_method.eq(m.to_ascii_uppercase()));
    }
    if let Some(s) = filter.status {
        query = query.filter(request_log::response_status.eq(i32::from(s)));
    }
    if let Some(o) = filter.outcome {
        query = query.filter(request_log::outcome.eq(o.as_str()));
    }
    if let Some(p) = &filter.path {
        let escaped = p
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query = query.filter(
            request_log::request_path
                .like(format!("%{escaped}%"))
                .escape('\\'),
        );
    }
    if let (true, Some(before)) = (with_cursor, filter.before) {
        query = query.filter(request_log::log_id.lt(before));
    }
    query
}

/// Rows per multi-row INSERT. A fixed size keeps the statement text fixed,
/// so Diesel prepares it once per connection instead of once per batch.
const ROWS_PER_STATEMENT: usize = 20;

/// Inserts `entries` in order, deletes the rows beyond the newest `keep`, and
/// returns the new ids in insertion order. Runs inside the batch transaction.
///
/// No `RETURNING`: SQLite materializes returned rows in a temporary table,
/// which cost more than the insert. Inside one write transaction (one writer,
/// `AUTOINCREMENT`), each row gets the previous id + 1, so the batch's ids are
/// the `len` ids ending at `last_insert_rowid()`.
fn insert_rows(
    conn: &mut SqliteConnection,
    entries: &[NewRequestLog],
    keep: i64,
) -> Result<Vec<i64>, diesel::result::Error> {
    let mut chunks = entries.chunks_exact(ROWS_PER_STATEMENT);
    for chunk in &mut chunks {
        let rows: [NewRow; ROWS_PER_STATEMENT] = std::array::from_fn(|i| NewRow::from(&chunk[i]));
        diesel::insert_into(request_log::table)
            .values(rows)
            .execute(conn)?;
    }
    for entry in chunks.remainder() {
        diesel::insert_into(request_log::table)
            .values(NewRow::from(entry))
            .execute(conn)?;
    }
    let last: i64 = diesel::select(last_insert_rowid()).get_result(conn)?;
    let first = last - entries.len() as i64 + 1;
    // Ids only grow, so "the newest `keep`" are the ids above last - keep:
    // one range delete on the primary key, no sort.
    diesel::delete(request_log::table.filter(request_log::log_id.le(last.saturating_sub(keep))))
        .execute(conn)?;
    Ok((first..=last).collect())
}

diesel::define_sql_function! {
    /// Rowid of the last row this connection inserted.
    fn last_insert_rowid() -> diesel::sql_types::BigInt;
}

fn to_domain(rows: Vec<Row>) -> Result<Vec<RequestLog>, InfraError> {
    rows.into_iter().map(RequestLog::try_from).collect()
}

#[async_trait]
impl RequestLogRepository for SqliteRequestLogRepository {
    async fn insert_batch(
        &self,
        entries: Vec<NewRequestLog>,
        keep: u64,
    ) -> Result<Vec<RequestLog>, RepositoryError> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        let keep = i64::try_from(keep).unwrap_or(i64::MAX);
        let gate = self.gate.clone();
        let (ids, entries) = run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            let ids = conn.immediate_transaction(|conn| insert_rows(conn, &entries, keep))?;
            Ok((ids, entries))
        })
        .await?;
        Ok(ids
            .into_iter()
            .zip(entries)
            .map(|(log_id, entry)| RequestLog { log_id, entry })
            .collect())
    }

    async fn list(
        &self,
        filter: &RequestLogFilter,
    ) -> Result<(Vec<RequestLog>, i64), RepositoryError> {
        let filter = filter.clone();
        let (rows, total) = run_blocking(&self.pool, move |conn| {
            let total: i64 = filtered(&filter, false).count().get_result(conn)?;
            let rows = filtered(&filter, true)
                .select(Row::as_select())
                .order(request_log::log_id.desc())
                .limit(filter.limit)
                .load::<Row>(conn)?;
            Ok((rows, total))
        })
        .await?;
        Ok((to_domain(rows)?, total))
    }

    async fn get(&self, log_id: i64) -> Result<Option<RequestLog>, RepositoryError> {
        let row = run_blocking(&self.pool, move |conn| {
            Ok(request_log::table
                .find(log_id)
                .select(Row::as_select())
                .first(conn)
                .optional()?)
        })
        .await?;
        Ok(row.map(RequestLog::try_from).transpose()?)
    }

    async fn clear(&self) -> Result<usize, RepositoryError> {
        Ok(run_blocking(&self.pool, |conn| {
            Ok(diesel::delete(request_log::table).execute(conn)?)
        })
        .await?)
    }
}
