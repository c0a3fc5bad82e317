use chrono::{SecondsFormat, Utc};
use diesel::prelude::*;
use domain::state::{
    SessionSummary, StateEntry, StateError, StateMeta, StateRepository, StateTask,
};
use serde_json::Value;

use std::sync::Arc;

use super::increment::Increment;
use super::writer::{on_batch_conn, StateWriter};
use crate::db::schema::state;
use crate::db::{DbPool, WriteGate};

/// [`StateRepository`] over SQLite. Blocking: called from blocking threads
/// (or from a task on the writer thread) only. Reads use the pool directly;
/// writes are group-committed by a [`StateWriter`].
#[derive(Clone)]
pub struct SqliteStateRepository {
    pool: DbPool,
    writer: Arc<StateWriter>,
}

impl SqliteStateRepository {
    /// Starts the writer thread; `gate` orders its transactions with the
    /// other hot-path writers.
    pub fn new(pool: DbPool, gate: WriteGate) -> Result<Self, StateError> {
        let writer = Arc::new(StateWriter::start(pool.clone(), gate)?);
        Ok(Self { pool, writer })
    }

    /// Reads through the open batch's connection when called from a task in
    /// a batch (so a render sees its own writes, and those of the renders
    /// before it in the batch), else through the pool.
    fn read<T>(
        &self,
        f: impl FnOnce(&mut SqliteConnection) -> Result<T, StateError>,
    ) -> Result<T, StateError> {
        let f = match on_batch_conn(f) {
            Ok(result) => return result,
            Err(f) => f,
        };
        let mut conn = self
            .pool
            .get()
            .map_err(|e| StateError::Storage(e.to_string()))?;
        f(&mut conn)
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn failed(e: diesel::result::Error) -> StateError {
    StateError::Storage(e.to_string())
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

#[derive(Queryable)]
struct Row {
    session_id: String,
    state_key: String,
    state_value: String,
    mock_id: Option<String>,
    client_ip: Option<String>,
    updated_at: String,
}

impl StateRepository for SqliteStateRepository {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Value>, StateError> {
        let found: Option<String> = self.read(|conn| {
            state::table
                .filter(state::session_id.eq(scope).and(state::state_key.eq(key)))
                .select(state::state_value)
                .first(conn)
                .optional()
                .map_err(failed)
        })?;
        Ok(found.as_deref().map(parse))
    }

    fn set(
        &self,
        scope: &str,
        key: &str,
        value: &Value,
        meta: &StateMeta,
    ) -> Result<(), StateError> {
        let (scope, key, meta) = (scope.to_string(), key.to_string(), meta.clone());
        let text = value.to_string();
        self.writer.write(move |conn| {
            let now = now();
            diesel::insert_into(state::table)
                .values((
                    state::session_id.eq(&scope),
                    state::state_key.eq(&key),
                    state::state_value.eq(&text),
                    state::mock_id.eq(&meta.mock_id),
                    state::client_ip.eq(&meta.client_ip),
                    state::created_at.eq(&now),
                    state::updated_at.eq(&now),
                ))
                .on_conflict((state::session_id, state::state_key))
                .do_update()
                .set((
                    state::state_value.eq(&text),
                    state::mock_id.eq(&meta.mock_id),
                    state::client_ip.eq(&meta.client_ip),
                    state::updated_at.eq(&now),
                ))
                .execute(conn)
                .map_err(failed)?;
            Ok(())
        })
    }

    /// One cached statement (see [`Increment`]), atomic under concurrency.
    fn increment(
        &self,
        scope: &str,
        key: &str,
        initial: i64,
        delta: i64,
        meta: &StateMeta,
    ) -> Result<i64, StateError> {
        let (scope, key, meta) = (scope.to_string(), key.to_string(), meta.clone());
        self.writer.write(move |conn| {
            let now = now();
            let value: Option<i64> = Increment {
                scope: &scope,
                key: &key,
                initial,
                mock_id: meta.mock_id.as_deref(),
                client_ip: meta.client_ip.as_deref(),
                now: &now,
                delta,
            }
            .get_result(conn)
            .optional()
            .map_err(failed)?;
            value.ok_or(StateError::NotInteger(key))
        })
    }

    fn delete(&self, scope: &str, key: &str) -> Result<bool, StateError> {
        let (scope, key) = (scope.to_string(), key.to_string());
        self.writer.write(move |conn| {
            let deleted = diesel::delete(
                state::table.filter(state::session_id.eq(&scope).and(state::state_key.eq(&key))),
            )
            .execute(conn)
            .map_err(failed)?;
            Ok(deleted > 0)
        })
    }

    fn list(&self, scope: &str) -> Result<Vec<StateEntry>, StateError> {
        let rows: Vec<Row> = self.read(|conn| {
            state::table
                .filter(state::session_id.eq(scope))
                .order(state::state_key.asc())
                .select((
                    state::session_id,
                    state::state_key,
                    state::state_value,
                    state::mock_id,
                    state::client_ip,
                    state::updated_at,
                ))
                .load(conn)
                .map_err(failed)
        })?;
        Ok(rows
            .into_iter()
            .map(|r| StateEntry {
                value: parse(&r.state_value),
                session_id: r.session_id,
                key: r.state_key,
                mock_id: r.mock_id,
                client_ip: r.client_ip,
                updated_at: r.updated_at,
            })
            .collect())
    }

    fn sessions(&self) -> Result<Vec<SessionSummary>, StateError> {
        use diesel::dsl::{count_star, max};
        let rows: Vec<(String, i64, Option<String>)> = self.read(|conn| {
            state::table
                .group_by(state::session_id)
                .select((state::session_id, count_star(), max(state::updated_at)))
                .order(max(state::updated_at).desc())
                .load(conn)
                .map_err(failed)
        })?;
        Ok(rows
            .into_iter()
            .map(|(session_id, keys, updated_at)| SessionSummary {
                session_id,
                keys,
                updated_at: updated_at.unwrap_or_default(),
            })
            .collect())
    }

    fn clear(&self, scope: Option<String>) -> Result<usize, StateError> {
        self.writer.write(move |conn| {
            match scope {
                Some(scope) => {
                    diesel::delete(state::table.filter(state::session_id.eq(scope))).execute(conn)
                }
                None => diesel::delete(state::table).execute(conn),
            }
            .map_err(failed)
        })
    }

    /// Runs the task on the writer thread, inside its next batch.
    fn run_task(&self, task: StateTask) {
        self.writer.run_task(task);
    }
}
