use std::sync::Arc;

use async_trait::async_trait;
use diesel::Connection;
use domain::inspector::{NewRequestLog, RequestLog, RequestLogFilter, RequestLogRepository};
use domain::RepositoryError;

use super::log_writer::LogWriter;
use super::{chunk, store};
use crate::db::{run_blocking, DbPool, WriteGate};
use crate::InfraError;

/// [`RequestLogRepository`] over SQLite, one chunk per batch (see [`chunk`]).
/// Batches are written on the inspector's own thread ([`LogWriter`]);
/// reads use tokio's blocking pool.
#[derive(Clone)]
pub struct SqliteRequestLogRepository {
    pool: DbPool,
    gate: WriteGate,
    writer: Arc<LogWriter>,
}

impl SqliteRequestLogRepository {
    /// Starts the inspector's writer thread.
    pub fn new(pool: DbPool, gate: WriteGate) -> Result<Self, InfraError> {
        let writer = Arc::new(LogWriter::start(pool.clone())?);
        Ok(Self { pool, gate, writer })
    }
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
        let (first, entries) = self
            .writer
            .run(move |conn| {
                // Encoded before taking the write gate: other writers wait only
                // for the SQL.
                let parts: Vec<(usize, String)> = chunk::split(&entries)
                    .into_iter()
                    .map(|part| (part.len(), chunk::encode(part)))
                    .collect();
                let _write = gate.enter();
                let first = conn.immediate_transaction(|conn| {
                    let mut first = None;
                    for (count, data) in &parts {
                        let ids = store::insert(conn, *count, data, keep)?;
                        first = first.or(Some(*ids.start()));
                    }
                    diesel::QueryResult::Ok(first.unwrap_or_default())
                })?;
                Ok((first, entries))
            })
            .await?;
        // Ids are consecutive across a batch's chunks (one writer, one
        // transaction).
        Ok((first..)
            .zip(entries)
            .map(|(log_id, entry)| RequestLog { log_id, entry })
            .collect())
    }

    async fn list(
        &self,
        filter: &RequestLogFilter,
    ) -> Result<(Vec<RequestLog>, i64), RepositoryError> {
        let filter = filter.clone();
        Ok(run_blocking(&self.pool, move |conn| {
            // One read transaction: the page and the count see the same log.
            conn.transaction(|conn| store::list(conn, &filter))
        })
        .await?)
    }

    async fn get(&self, log_id: i64) -> Result<Option<RequestLog>, RepositoryError> {
        Ok(run_blocking(&self.pool, move |conn| {
            conn.transaction(|conn| store::get(conn, log_id))
        })
        .await?)
    }

    async fn clear(&self) -> Result<usize, RepositoryError> {
        let gate = self.gate.clone();
        Ok(run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            Ok(conn.immediate_transaction(store::clear)?)
        })
        .await?)
    }
}
