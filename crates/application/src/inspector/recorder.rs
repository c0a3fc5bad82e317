use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use domain::inspector::RequestLog;
use domain::inspector::{NewRequestLog, RequestLogFilter, RequestLogRepository};
use serde_json::Value;
use tokio::runtime::Handle;
use tokio::sync::{broadcast, mpsc, Notify};
use tokio::task::JoinHandle;

use super::budget::{entry_bytes, QueueBudget};
use super::writer;
use crate::AppError;

/// Counters for `/metrics`.
#[derive(Debug, Default)]
pub struct InspectorStats {
    pub written: AtomicU64,
    pub dropped: AtomicU64,
}

/// How much the queue in front of the writer may hold before new entries
/// are dropped (and counted): whichever limit is reached first.
#[derive(Debug, Clone, Copy)]
pub struct QueueLimits {
    pub entries: usize,
    /// Bytes held by the queued entries (their text and the entry itself).
    pub bytes: usize,
}

/// Front of the inspector: `record` is cheap and never waits; a background
/// task writes batches and publishes them to live subscribers.
pub struct Inspector {
    queue: Option<mpsc::Sender<NewRequestLog>>,
    capacity: usize,
    budget: Arc<QueueBudget>,
    repo: Arc<dyn RequestLogRepository>,
    live: broadcast::Sender<Arc<Value>>,
    stats: Arc<InspectorStats>,
    stop: Arc<Notify>,
    writer: std::sync::Mutex<Option<JoinHandle<()>>>,
}

impl Inspector {
    /// Starts the writer on `runtime` (the server gives it a low-priority
    /// thread of its own). `max_entries == 0` turns the inspector off:
    /// nothing is queued or stored.
    pub fn start(
        runtime: &Handle,
        repo: Arc<dyn RequestLogRepository>,
        max_entries: u64,
        limits: QueueLimits,
    ) -> Self {
        let (live, _) = broadcast::channel(1024);
        let stats = Arc::new(InspectorStats::default());
        let stop = Arc::new(Notify::new());
        let capacity = limits.entries.max(1);
        let budget = Arc::new(QueueBudget::new(limits.bytes));
        let (queue, handle) = if max_entries == 0 {
            (None, None)
        } else {
            let (tx, rx) = mpsc::channel(capacity);
            let task = writer::run(
                rx,
                Arc::clone(&repo),
                max_entries,
                live.clone(),
                Arc::clone(&stats),
                Arc::clone(&budget),
                Arc::clone(&stop),
            );
            (Some(tx), Some(runtime.spawn(task)))
        };
        Self {
            queue,
            capacity,
            budget,
            repo,
            live,
            stats,
            stop,
            writer: std::sync::Mutex::new(handle),
        }
    }

    pub fn enabled(&self) -> bool {
        self.queue.is_some()
    }

    /// Queues an entry; when the queue is full (by count or by bytes) the
    /// entry is dropped and counted.
    pub fn record(&self, entry: NewRequestLog) {
        if let Some(queue) = &self.queue {
            let bytes = entry_bytes(&entry);
            let queued = self.budget.try_take(bytes) && {
                let sent = queue.try_send(entry).is_ok();
                if !sent {
                    self.budget.give_back(bytes);
                }
                sent
            };
            if !queued {
                self.stats.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Bytes held by queued entries and the batch being written.
    pub fn queued_bytes(&self) -> usize {
        self.budget.used()
    }

    pub fn queue_depth(&self) -> usize {
        self.queue
            .as_ref()
            .map_or(0, |q| self.capacity - q.capacity())
    }

    pub fn stats(&self) -> &InspectorStats {
        &self.stats
    }

    /// New entries as they are written, for the live stream.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Value>> {
        self.live.subscribe()
    }

    /// Writes everything still queued and stops the writer (graceful shutdown).
    pub async fn flush_and_stop(&self) {
        let handle = self.writer.lock().map(|mut h| h.take()).unwrap_or(None);
        if let Some(handle) = handle {
            self.stop.notify_one();
            if let Err(e) = handle.await {
                tracing::error!(error = %e, "inspector writer failed while flushing");
            }
        }
    }

    pub async fn list(
        &self,
        filter: &RequestLogFilter,
    ) -> Result<(Vec<RequestLog>, i64), AppError> {
        Ok(self.repo.list(filter).await?)
    }

    pub async fn get(&self, log_id: i64) -> Result<RequestLog, AppError> {
        self.repo
            .get(log_id)
            .await?
            .ok_or_else(|| AppError::NotFound {
                resource: "request log",
                id: log_id.to_string(),
            })
    }

    pub async fn clear(&self) -> Result<usize, AppError> {
        Ok(self.repo.clear().await?)
    }
}

#[cfg(test)]
#[path = "recorder_tests.rs"]
mod tests;
