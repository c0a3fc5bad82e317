//! A runtime for background work at a lower CPU priority than the HTTP
//! workers (see [`crate::scheduling`] for why).

use std::sync::mpsc;
use std::thread;

use tokio::runtime::{Builder, Handle};
use tokio::sync::oneshot;

use crate::scheduling::{lower_current_thread_priority, BACKGROUND_NICENESS};
use crate::InfraError;

/// A single-threaded tokio runtime on its own low-priority thread, for
/// background tasks. The thread ends when this value is dropped (tasks still
/// on it are dropped too, so flush them first).
pub struct BackgroundRuntime {
    handle: Handle,
    _stop: oneshot::Sender<()>,
}

impl BackgroundRuntime {
    pub fn start(name: &str) -> Result<Self, InfraError> {
        let failed = |e: String| InfraError::Join(format!("cannot start {name}: {e}"));
        let (ready, handle) = mpsc::sync_channel(1);
        let (stop, stopped) = oneshot::channel::<()>();
        thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                lower_current_thread_priority(BACKGROUND_NICENESS);
                let runtime = match Builder::new_current_thread().enable_time().build() {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready.send(Err(e.to_string()));
                        return;
                    }
                };
                let _ = ready.send(Ok(runtime.handle().clone()));
                // Runs the spawned tasks until the owner goes away.
                let _ = runtime.block_on(stopped);
            })
            .map_err(|e| failed(e.to_string()))?;
        let handle = handle
            .recv()
            .map_err(|e| failed(e.to_string()))?
            .map_err(failed)?;
        Ok(Self {
            handle,
            _stop: stop,
        })
    }

    pub fn handle(&self) -> &Handle {
        &self.handle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tasks_run_on_the_named_low_priority_thread_until_it_is_dropped() {
        let here = rustix::process::getpriority_process(None).unwrap();
        let runtime = BackgroundRuntime::start("test-background").unwrap();
        let (name, nice) = runtime
            .handle()
            .spawn(async {
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                let name = thread::current().name().map(str::to_owned);
                (name, rustix::process::getpriority_process(None).unwrap())
            })
            .await
            .unwrap();
        assert_eq!(name.as_deref(), Some("test-background"));
        assert_eq!(nice, (here + BACKGROUND_NICENESS).min(19));

        let pending = runtime.handle().spawn(std::future::pending::<()>());
        drop(runtime);
        assert!(
            pending.await.unwrap_err().is_cancelled(),
            "the thread ended"
        );
    }
}
