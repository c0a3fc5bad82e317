//! Group commit for state writes.
//!
//! Under concurrent `sequence()` / `state.*` traffic, one transaction per
//! write meant one WAL append, one round of file locks and one fight over
//! the write gate per request. Writes are instead queued to a single writer
//! thread that runs everything waiting in **one** transaction and answers
//! each caller once that transaction has committed: same atomicity and
//! durability per write, a fraction of the cost per write.
//!
//! A whole render can be queued too ([`StateWriter::run_task`]): it runs on
//! the writer thread inside the open batch, its reads and writes go straight
//! to the batch's connection, and its caller hears back after the commit.
//! Rendering on a blocking thread that hands each write to this thread and
//! waits cost four thread switches per request instead of two.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::{ConnectionManager, PooledConnection};
use diesel::SqliteConnection;
use domain::state::{StateError, StateTask};

use crate::db::{DbPool, WriteGate};

/// What a write tells its caller, once its batch has committed (`None`) or
/// failed (`Some(reason)`).
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;
/// A write or a task: runs on the writer thread inside the batch
/// transaction (reaching the connection through [`on_batch_conn`]) and
/// returns its reply.
type Job = Box<dyn FnOnce() -> Reply + Send>;

/// Writes waiting longer than this are left for the next transaction, so a
/// burst never grows one transaction without bound.
const MAX_BATCH: usize = 256;

thread_local! {
    /// The writer thread's connection while a batch transaction is open.
    static BATCH: RefCell<Option<PooledConnection<ConnectionManager<SqliteConnection>>>> =
        const { RefCell::new(None) };
}

/// Runs `op` on the open batch's connection when called on the writer
/// thread during a batch (a task's own state calls); otherwise hands `op`
/// back for the caller to run elsewhere.
pub fn on_batch_conn<T, F>(op: F) -> Result<T, F>
where
    F: FnOnce(&mut SqliteConnection) -> T,
{
    BATCH.with(|batch| match batch.borrow_mut().as_mut() {
        Some(conn) => Ok(op(conn)),
        None => Err(op),
    })
}

fn stopped() -> StateError {
    StateError::Storage("the state writer has stopped".into())
}

pub struct StateWriter {
    jobs: mpsc::Sender<Job>,
}

impl StateWriter {
    /// Starts the writer thread; it ends when the writer is dropped. Renders
    /// run on it ([`Self::run_task`]), so it takes the process's default
    /// stack, which the server sizes for any render
    /// (`domain::limits::TEMPLATE_RENDER_STACK_BYTES`): an explicit size
    /// here would stop the server from starting where that stack cannot be
    /// had, instead of falling back like every other thread.
    pub fn start(pool: DbPool, gate: WriteGate) -> Result<Self, StateError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("mimicus-state".into())
            .spawn(move || {
                crate::scheduling::schedule_current_thread_as_batch();
                run(&queue, &pool, &gate);
            })
            .map_err(|e| StateError::Storage(format!("cannot start the state writer: {e}")))?;
        Ok(Self { jobs })
    }

    /// Runs `op` in the next batch and blocks until that batch committed.
    /// `op` must be a single statement (or leave the database unchanged on
    /// error), because a failed `op` does not roll back the others.
    ///
    /// Called from a task already in a batch, `op` joins that batch and
    /// returns at once; the task's caller hears after the commit.
    pub fn write<T, F>(&self, op: F) -> Result<T, StateError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteConnection) -> Result<T, StateError> + Send + 'static,
    {
        let op = match on_batch_conn(op) {
            Ok(result) => return result,
            Err(op) => op,
        };
        let (reply, answer) = mpsc::sync_channel::<Result<T, StateError>>(1);
        let job: Job = Box::new(move || {
            let result = on_batch_conn(op).unwrap_or_else(|_| Err(stopped()));
            Box::new(move |batch_failed: Option<&str>| {
                let result = match batch_failed {
                    None => result,
                    Some(reason) => Err(StateError::Storage(reason.to_string())),
                };
                // The caller may have gone; nothing to tell then.
                let _ = reply.send(result);
            })
        });
        self.jobs.send(job).map_err(|_| stopped())?;
        answer.recv().map_err(|_| stopped())?
    }

    /// Queues `task` to run inside the next batch; returns at once. What the
    /// task returns is called after that batch committed or failed.
    pub fn run_task(&self, task: StateTask) {
        let job: Job = Box::new(move || {
            let done = task();
            Box::new(move |batch_failed: Option<&str>| {
                done(match batch_failed {
                    None => Ok(()),
                    Some(reason) => Err(StateError::Storage(reason.to_string())),
                });
            })
        });
        if let Err(mpsc::SendError(job)) = self.jobs.send(job) {
            // No writer: the task's own state calls fail, and so does its answer.
            job()(Some("the state writer has stopped"));
        }
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
        while !batch.is_empty() {
            batch = commit(batch, pool, gate);
        }
    }
}

/// Through Diesel's transaction manager, so its bookkeeping stays right for
/// the connection's next user.
fn end_transaction(conn: &mut SqliteConnection, commit: bool) -> diesel::QueryResult<()> {
    type Manager = AnsiTransactionManager;
    if commit {
        <Manager as TransactionManager<SqliteConnection>>::commit_transaction(conn)
    } else {
        <Manager as TransactionManager<SqliteConnection>>::rollback_transaction(conn)
    }
}

/// Runs `batch` in one transaction and answers its callers; returns the
/// jobs it did not get to (after a panic), for a fresh transaction.
fn commit(batch: Vec<Job>, pool: &DbPool, gate: &WriteGate) -> Vec<Job> {
    let mut conn = match pool.get() {
        Ok(conn) => conn,
        Err(e) => {
            // Dropping the jobs drops their reply channels: callers get an error.
            tracing::error!(error = %e, writes = batch.len(), "state writer has no connection");
            return Vec::new();
        }
    };
    let _write = gate.enter();
    if let Err(e) = AnsiTransactionManager::begin_transaction_sql(&mut *conn, "BEGIN IMMEDIATE") {
        tracing::error!(error = %e, writes = batch.len(), "state batch could not begin");
        return Vec::new();
    }
    BATCH.with(|b| *b.borrow_mut() = Some(conn));
    let mut failed = None;
    let mut replies = Vec::with_capacity(batch.len());
    let mut jobs = batch.into_iter();
    for job in jobs.by_ref() {
        // A bug in one write must not take the writer down: what ran in
        // this transaction is rolled back and its callers get an error;
        // the jobs after it go on in a fresh one.
        match panic::catch_unwind(AssertUnwindSafe(job)) {
            Ok(reply) => replies.push(reply),
            Err(_) => {
                tracing::error!("a state write panicked; its batch is rolled back");
                failed = Some("a state write failed unexpectedly".to_string());
                break;
            }
        }
    }
    // Back out of the thread-local (only this function puts it there).
    if let Some(mut conn) = BATCH.with(|b| b.borrow_mut().take()) {
        if let Err(e) = end_transaction(&mut conn, failed.is_none()) {
            failed.get_or_insert_with(|| e.to_string());
            // A failed COMMIT leaves the transaction open: end it before the
            // connection goes back to the pool.
            let _ = end_transaction(&mut conn, false);
        }
    }
    if let Some(reason) = &failed {
        tracing::error!(error = %reason, writes = replies.len(), "state batch rolled back");
    }
    domain::state::answer_batch(|| {
        for reply in replies {
            reply(failed.as_deref());
        }
    });
    jobs.collect()
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
