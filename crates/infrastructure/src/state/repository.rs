use chrono::{SecondsFormat, Utc};
use diesel::prelude::*;
use domain::state::{SessionSummary, StateEntry, StateError, StateMeta, StateRepository};
use serde_json::Value;

use std::sync::Arc;

use super::increment::Increment;
use super::writer::StateWriter;
use crate::db::schema::state;
use crate::db::{DbPool, WriteGate};

/// [`StateRepository`] over SQLite. Blocking: called from blocking threads
/// only. Reads use the pool directly; writes are group-committed by a
/// [`StateWriter`].
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

    fn conn(
        &self,
    ) -> Result<
        diesel::r2d2::PooledConnection<diesel::r2d2::ConnectionManager<SqliteConnection>>,
        StateError,
    > {
        self.pool
            .get()
            .map_err(|e| StateError::Storage(e.to_string()))
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
        let mut conn = self.conn()?;
        let found: Option<String> = state::table
            .filter(state::session_id.eq(scope).and(state::state_key.eq(key)))
            .select(state::state_value)
            .first(&mut conn)
            .optional()
            .map_err(failed)?;
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
        let mut conn = self.conn()?;
        let rows: Vec<Row> = state::table
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
            .load(&mut conn)
            .map_err(failed)?;
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
        let mut conn = self.conn()?;
        let rows: Vec<(String, i64, Option<String>)> = state::table
            .group_by(state::session_id)
            .select((state::session_id, count_star(), max(state::updated_at)))
            .order(max(state::updated_at).desc())
            .load(&mut conn)
            .map_err(failed)?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_pool;
    use serde_json::json;
    use std::sync::Arc;

    fn repo() -> (tempfile::TempDir, SqliteStateRepository) {
        let dir = tempfile::tempdir().unwrap();
        let pool = build_pool(dir.path().join("s.db").to_str().unwrap()).unwrap();
        let repo = SqliteStateRepository::new(pool, crate::WriteGate::new()).unwrap();
        (dir, repo)
    }

    #[test]
    fn increments_are_atomic_under_concurrency() {
        let (_dir, repo) = repo();
        let repo = Arc::new(repo);
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let repo = Arc::clone(&repo);
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        repo.increment("s", "n", 1, 1, &StateMeta::default())
                            .unwrap();
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(repo.get("s", "n").unwrap(), Some(json!(200)));
    }

    #[test]
    fn a_refused_write_in_a_shared_batch_leaves_the_others_committed() {
        let (_dir, repo) = repo();
        let repo = Arc::new(repo);
        let meta = StateMeta::default();
        repo.set("s", "text", &json!("x"), &meta).unwrap();
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let repo = Arc::clone(&repo);
                std::thread::spawn(move || {
                    let key = if i % 2 == 0 { "n" } else { "text" };
                    (0..20)
                        .filter(|_| {
                            repo.increment("s", key, 1, 1, &StateMeta::default())
                                .is_ok()
                        })
                        .count()
                })
            })
            .collect();
        let accepted: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
        assert_eq!(
            accepted, 160,
            "every increment of the integer, none of the text"
        );
        assert_eq!(repo.get("s", "n").unwrap(), Some(json!(160)));
        assert_eq!(repo.get("s", "text").unwrap(), Some(json!("x")));
    }

    #[test]
    fn increment_refuses_non_integers_including_numeric_strings() {
        let (_dir, repo) = repo();
        let meta = StateMeta::default();
        repo.set("s", "text", &json!("7"), &meta).unwrap();
        repo.set("s", "float", &json!(1.5), &meta).unwrap();
        assert!(matches!(
            repo.increment("s", "text", 1, 1, &meta),
            Err(StateError::NotInteger(_))
        ));
        assert!(matches!(
            repo.increment("s", "float", 1, 1, &meta),
            Err(StateError::NotInteger(_))
        ));
        assert_eq!(
            repo.get("s", "text").unwrap(),
            Some(json!("7")),
            "a refused increment changes nothing"
        );
        assert_eq!(repo.increment("s", "fresh", 10, 5, &meta).unwrap(), 10);
        assert_eq!(repo.increment("s", "fresh", 10, 5, &meta).unwrap(), 15);
        assert_eq!(repo.increment("s", "neg", -1, -1, &meta).unwrap(), -1);
    }

    #[test]
    fn an_increment_that_would_overflow_is_refused_and_changes_nothing() {
        let (_dir, repo) = repo();
        let meta = StateMeta::default();
        repo.set("s", "big", &json!(i64::MAX - 1), &meta).unwrap();
        assert_eq!(repo.increment("s", "big", 0, 1, &meta).unwrap(), i64::MAX);
        assert!(matches!(
            repo.increment("s", "big", 0, 1, &meta),
            Err(StateError::NotInteger(_))
        ));
        repo.set("s", "small", &json!(i64::MIN), &meta).unwrap();
        assert!(repo.increment("s", "small", 0, -1, &meta).is_err());
        assert_eq!(repo.get("s", "big").unwrap(), Some(json!(i64::MAX)));
        assert_eq!(repo.get("s", "small").unwrap(), Some(json!(i64::MIN)));
    }

    #[test]
    fn values_keep_their_json_type_and_scopes_are_separate() {
        let (_dir, repo) = repo();
        let meta = StateMeta {
            mock_id: Some("m".into()),
            client_ip: Some("1.2.3.4".into()),
        };
        repo.set("a", "cart", &json!({"items": [1, 2]}), &meta)
            .unwrap();
        repo.set("b", "cart", &json!("just text"), &meta).unwrap();
        assert_eq!(
            repo.get("a", "cart").unwrap(),
            Some(json!({"items": [1, 2]}))
        );
        assert_eq!(repo.get("b", "cart").unwrap(), Some(json!("just text")));
        let sessions = repo.sessions().unwrap();
        assert_eq!(sessions.len(), 2);
        let listed = repo.list("a").unwrap();
        assert_eq!(listed[0].mock_id.as_deref(), Some("m"));
        assert!(repo.delete("a", "cart").unwrap());
        assert!(!repo.delete("a", "cart").unwrap());
        assert_eq!(repo.clear(None).unwrap(), 1);
    }
}
