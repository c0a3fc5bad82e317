use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Serializes the hot path's SQLite writes (state, variant positions,
/// inspector batches) inside the process. SQLite allows one writer at a time
/// and makes the others sleep-and-retry on `SQLITE_BUSY`; waiting on an
/// in-process mutex instead is far cheaper under concurrent load.
#[derive(Clone, Default)]
pub struct WriteGate(Arc<Mutex<()>>);

impl WriteGate {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn enter(&self) -> MutexGuard<'_, ()> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
