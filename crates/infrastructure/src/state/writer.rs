//! Group commit for state writes.
//!
//! Under concurrent `sequence()` / `state.*` traffic, one transaction per
//! write meant one WAL append, one round of file locks and one fight over
//! the write gate per request. Writes are instead queued to a single writer
//! thread that runs everything waiting in **one** transaction and answers
//! each caller once that transaction has committed: same atomicity and
//! durability per write, a fraction of the cost per write.

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
        commit(batch, pool, gate);
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
