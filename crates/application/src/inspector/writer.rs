use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use domain::inspector::{NewRequestLog, RequestLogRepository};
use serde_json::Value;
use tokio::sync::{broadcast, mpsc, Notify};

use super::budget::{entry_bytes, QueueBudget};
use super::json::log_to_json;
use super::recorder::InspectorStats;

/// Rows per transaction, and how long the first row of a batch may wait.
/// A transaction has a fixed cost (begin, prune, commit); 1,000 rows measured 3 %
/// faster than 500 on W1, while 2,000 made the writer's bursts (the p99)
/// longer.
const BATCH_ROWS: usize = 1000;
const BATCH_WAIT: Duration = Duration::from_millis(50);
/// How often a filling batch checks whether it is already full.
const POLL: Duration = Duration::from_millis(10);

/// Collects entries into batches (up to 1,000 rows per transaction, the first
/// row waiting at most 50 ms), prunes beyond `max_entries`, and publishes
/// what it wrote. While a batch fills, the writer sleeps instead of waking
/// for every entry, so logging costs the request path one queue push.
/// On `stop` it drains the queue before returning: nothing queued is lost.
pub async fn run(
    mut rx: mpsc::Receiver<NewRequestLog>,
    repo: Arc<dyn RequestLogRepository>,
    max_entries: u64,
    live: broadcast::Sender<Arc<Value>>,
    stats: Arc<InspectorStats>,
    budget: Arc<QueueBudget>,
    stop: Arc<Notify>,
) {
    let mut stopping = false;
    loop {
        let mut batch = Vec::with_capacity(BATCH_ROWS);
        if !stopping {
            tokio::select! {
                first = rx.recv() => match first {
                    Some(entry) => batch.push(entry),
                    None => stopping = true,
                },
                () = stop.notified() => stopping = true,
            }
        }
        if !stopping {
            let deadline = tokio::time::Instant::now() + BATCH_WAIT;
            while rx.len() + batch.len() < BATCH_ROWS && tokio::time::Instant::now() < deadline {
                tokio::select! {
                    () = tokio::time::sleep(POLL) => {}
                    () = stop.notified() => { stopping = true; break; }
                }
            }
        }
        loop {
            while batch.len() < BATCH_ROWS {
                match rx.try_recv() {
                    Ok(entry) => batch.push(entry),
                    Err(_) => break,
                }
            }
            if batch.is_empty() {
                break;
            }
            let full = batch.len() == BATCH_ROWS;
            write(
                &repo,
                std::mem::take(&mut batch),
                max_entries,
                &live,
                &stats,
                &budget,
            )
            .await;
            if !full {
                break;
            }
        }
        if stopping && rx.is_empty() {
            return;
        }
    }
}

async fn write(
    repo: &Arc<dyn RequestLogRepository>,
    batch: Vec<NewRequestLog>,
    max_entries: u64,
    live: &broadcast::Sender<Arc<Value>>,
    stats: &InspectorStats,
    budget: &QueueBudget,
) {
    let count = batch.len() as u64;
    // Given back once the batch is written and freed, not when it leaves
    // the queue: it is still in memory while the disk is slow.
    let bytes: usize = batch.iter().map(entry_bytes).sum();
    let result = {
        let _release = Release(budget, bytes);
        match repo.insert_batch(batch, max_entries).await {
            Ok(written) => {
                if live.receiver_count() > 0 {
                    for log in &written {
                        let _ = live.send(Arc::new(log_to_json(log)));
                    }
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    };
    // Counted after the bytes are back, so a reader that sees the batch
    // written also sees its memory free.
    match result {
        Ok(()) => {
            stats.written.fetch_add(count, Ordering::Relaxed);
        }
        Err(e) => {
            stats.dropped.fetch_add(count, Ordering::Relaxed);
            tracing::error!(error = %e, rows = count, "inspector could not write a batch");
        }
    }
}

/// Returns a batch's bytes to the budget when dropped, whatever happened.
struct Release<'a>(&'a QueueBudget, usize);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        self.0.give_back(self.1);
    }
}
