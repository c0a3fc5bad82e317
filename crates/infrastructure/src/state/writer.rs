//! Group commit for state writes.
//!
//! Under concurrent `sequence()` / `state.*` traffic, one transaction per
//! write meant one WAL append, one round of file locks and one fight over
//! the write gate per request. Writes are instead queued to a single writer
//! thread that runs everything waiting in **one** transaction and answers
//! each caller once that transaction has committed: same atomicity and
//! durability per write, a fraction of the cost per write.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

use diesel::SqliteConnection;
use domain::state::StateError;

use crate::db::{DbPool, WriteGate};

/// What a write tells its caller, once its batch has committed (`None`) or
/// failed (`Some(reason)`).
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;
/// A write: runs inside the batch transaction and returns its reply.
type Job = Box<dyn FnOnce(&mut SqliteConnection) -> Reply + Send>;

/// Writes waiting longer than this are left for the next transaction, so a
/// burst never grows one transaction without bound.
const MAX_BATCH: usize = 256;

pub struct StateWriter {
    jobs: mpsc::Sender<Job>,
}

impl StateWriter {
    /// Starts the writer thread; it ends when the writer is dropped.
    pub fn start(pool: DbPool, gate: WriteGate) -> Result<Self, StateError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("mimicus-state".into())
            .spawn(move || run(&queue, &pool, &gate))
            .map_err(|e| StateError::Storage(format!("cannot start the state writer: {e}")))?;
        Ok(Self { jobs })
    }

    /// Runs `op` in the next batch and blocks until that batch committed.
    /// `op` must be a single statement (or leave the database unchanged on
    /// error), because a failed `op` does not roll back the others.
    pub fn write<T, F>(&self, op: F) -> Result<T, StateError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteConnection) -> Result<T, StateError> + Send + 'static,
    {
        let (reply, answer) = mpsc::sync_channel::<Result<T, StateError>>(1);
        let job: Job = Box::new(move |conn| {
            let result = op(conn);
            Box::new(move |batch_failed: Option<&str>| {
                let result = match batch_failed {
                    None => result,
                    Some(reason) => Err(StateError::Storage(reason.to_string())),
                };
                // The caller may have gone; nothing to tell then.
                let _ = reply.send(result);
            })
        });
        let stopped = || StateError::Storage("the state writer has stopped".into());
        self.jobs.send(job).map_err(|_| stopped())?;
        answer.recv().map_err(|_| stopped())?
    }
}

fn run(queue: &mpsc::Receiver<Job>, pool: &DbPool, gate: &WriteGate) {
    while let Ok(first) = queue.recv() {
        // Let the threads that were woken with this write queue theirs too.
        thread::yield_now();
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // A bug in one write must not take every later write down with it:
        // the callers of this batch get an error, the writer lives on.
        let committed = panic::catch_unwind(AssertUnwindSafe(|| commit(batch, pool, gate)));
        if committed.is_err() {
            tracing::error!("a state write panicked; its batch was abandoned");
        }
    }
}

fn commit(batch: Vec<Job>, pool: &DbPool, gate: &WriteGate) {
    let mut conn = match pool.get() {
        Ok(conn) => conn,
        Err(e) => {
            // Dropping the jobs drops their reply channels: callers get an error.
            tracing::error!(error = %e, writes = batch.len(), "state writer has no connection");
            return;
        }
    };
    let _write = gate.enter();
    let mut replies = Vec::with_capacity(batch.len());
    let outcome = conn.immediate_transaction(|conn| {
        replies.extend(batch.into_iter().map(|job| job(conn)));
        Ok::<_, diesel::result::Error>(())
    });
    let failed = outcome.err().map(|e| e.to_string());
    if let Some(reason) = &failed {
        tracing::error!(error = %reason, writes = replies.len(), "state batch rolled back");
    }
    for reply in replies {
        reply(failed.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_pool;
    use crate::db::schema::state;
    use diesel::prelude::*;

    #[test]
    fn a_panicking_write_fails_its_batch_and_the_writer_lives_on() {
        let dir = tempfile::tempdir().unwrap();
        let pool = build_pool(dir.path().join("w.db").to_str().unwrap()).unwrap();
        let writer = StateWriter::start(pool.clone(), WriteGate::new()).unwrap();
        let failed = writer.write::<(), _>(|_| panic!("a bug in a write"));
        assert!(matches!(failed, Err(StateError::Storage(_))));
        let insert =
            "INSERT INTO state (session_id, state_key, state_value, created_at, updated_at) \
                      VALUES ('s', 'k', '1', 'now', 'now')";
        let inserted = writer.write(move |conn| {
            diesel::sql_query(insert)
                .execute(conn)
                .map_err(|e| StateError::Storage(e.to_string()))
        });
        assert_eq!(inserted.unwrap(), 1);
        // Committed, as seen from another connection.
        let mut other = pool.get().unwrap();
        let rows: i64 = state::table.count().get_result(&mut other).unwrap();
        assert_eq!(rows, 1);
    }
}
