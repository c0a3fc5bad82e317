//! The inspector's own writer thread, at a lower CPU priority (see
//! [`crate::scheduling`] for why). Batches used to run on tokio's shared
//! blocking pool, whose threads also serve admin queries.

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

use diesel::SqliteConnection;
use tokio::sync::oneshot;

use crate::db::{DbPool, InfraError};
use crate::scheduling::{lower_current_thread_priority, BACKGROUND_NICENESS};

type Job = Box<dyn FnOnce(&DbPool) + Send>;

pub struct LogWriter {
    jobs: mpsc::Sender<Job>,
}

impl LogWriter {
    /// Starts the thread; it ends when the writer is dropped.
    pub fn start(pool: DbPool) -> Result<Self, InfraError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name("mimicus-inspector".into())
            .spawn(move || {
                lower_current_thread_priority(BACKGROUND_NICENESS);
                for job in queue {
                    // A panicking job drops its reply: its caller gets an
                    // error, and the thread goes on.
                    let _ = panic::catch_unwind(AssertUnwindSafe(|| job(&pool)));
                }
            })
            .map_err(|e| InfraError::Join(format!("cannot start the inspector writer: {e}")))?;
        Ok(Self { jobs })
    }

    /// Runs `work` on the thread with a pooled connection, and waits for it
    /// without blocking the async caller.
    pub async fn run<T, F>(&self, work: F) -> Result<T, InfraError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteConnection) -> Result<T, InfraError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |pool| {
            let result = pool
                .get()
                .map_err(InfraError::from)
                .and_then(|mut conn| work(&mut conn));
            let _ = reply.send(result);
        });
        self.jobs
            .send(job)
            .map_err(|_| InfraError::Join("the inspector writer stopped".into()))?;
        // No answer: the job panicked (the thread goes on) or the thread ended.
        answer
            .await
            .map_err(|_| InfraError::Join("an inspector write did not complete".into()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_pool;

    #[tokio::test]
    async fn work_runs_on_the_named_thread_at_a_lower_priority_and_panics_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let pool = build_pool(dir.path().join("w.db").to_str().unwrap()).unwrap();
        let writer = LogWriter::start(pool).unwrap();
        let here = rustix::process::getpriority_process(None).unwrap();
        let (name, nice) = writer
            .run(|_| {
                let name = thread::current().name().map(str::to_owned);
                Ok((name, rustix::process::getpriority_process(None).unwrap()))
            })
            .await
            .unwrap();
        assert_eq!(name.as_deref(), Some("mimicus-inspector"));
        assert_eq!(nice, (here + BACKGROUND_NICENESS).min(19));

        let failed = writer.run::<(), _>(|_| panic!("a bug in a batch")).await;
        assert!(failed.is_err());
        assert_eq!(
            writer.run(|_| Ok(7)).await.unwrap(),
            7,
            "the thread lives on"
        );
    }
}
