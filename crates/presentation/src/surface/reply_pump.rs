//! Hands a worker the answers of a state batch with one wake-up.
//!
//! Renders that use state are answered from the state store's thread. A
//! oneshot per answer wakes the worker once per answer, and the woken worker
//! preempts the store's thread each time (both share a core under load):
//! two context switches per request. Through the pump, the answers of one
//! batch are queued for the worker and the pump task is woken once, after
//! the batch's last answer ([`domain::state::after_replies`]); it then
//! delivers them all on the worker, where waking a request is cheap.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use application::serve::{Courier, Delivery, ReturnPath};

/// The serve use case's way back to a request's worker: through that
/// worker's pump.
pub struct WorkerReturn;

impl ReturnPath for WorkerReturn {
    fn here(&self) -> Courier {
        let pump = ReplyPump::current();
        Box::new(move |delivery| pump.send(delivery))
    }
}

pub struct ReplyPump {
    queue: Mutex<Vec<Delivery>>,
    /// Whether a wake-up is already on its way for what is queued.
    scheduled: AtomicBool,
    wake: Notify,
    /// Cleared when the pump task ends (its worker's task set was dropped).
    alive: AtomicBool,
}

thread_local! {
    static PUMP: RefCell<Option<Arc<ReplyPump>>> = const { RefCell::new(None) };
}

impl ReplyPump {
    /// This worker's pump, started on first use. Must be called on an actix
    /// worker (inside its task set), as request handlers are.
    pub fn current() -> Arc<Self> {
        PUMP.with(|slot| {
            let mut slot = slot.borrow_mut();
            match slot.as_ref() {
                Some(pump) if pump.alive.load(Ordering::SeqCst) => Arc::clone(pump),
                _ => {
                    let pump = Arc::new(Self {
                        queue: Mutex::new(Vec::new()),
                        scheduled: AtomicBool::new(false),
                        wake: Notify::new(),
                        alive: AtomicBool::new(true),
                    });
                    actix_web::rt::spawn(run(Arc::clone(&pump)));
                    *slot = Some(Arc::clone(&pump));
                    pump
                }
            }
        })
    }

    /// Queues `delivery` for the pump's worker, from any thread. The first
    /// delivery since the pump last ran schedules its wake-up, after the
    /// batch being answered on this thread (at once outside a batch).
    pub fn send(self: &Arc<Self>, delivery: Delivery) {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(delivery);
        if !self.scheduled.swap(true, Ordering::SeqCst) {
            let pump = Arc::clone(self);
            domain::state::after_replies(move || pump.wake.notify_one());
        }
    }
}

async fn run(pump: Arc<ReplyPump>) {
    struct Alive<'a>(&'a AtomicBool);
    impl Drop for Alive<'_> {
        fn drop(&mut self) {
            self.0.store(false, Ordering::SeqCst);
        }
    }
    let _alive = Alive(&pump.alive);
    loop {
        pump.wake.notified().await;
        // Before taking the queue: a delivery queued from here on schedules
        // another wake-up, so none is left behind.
        pump.scheduled.store(false, Ordering::SeqCst);
        let deliveries = std::mem::take(
            &mut *pump
                .queue
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        for delivery in deliveries {
            delivery();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[actix_web::test]
    async fn a_batch_of_answers_is_delivered_after_its_last_answer() {
        let pump = ReplyPump::current();
        let delivered = Arc::new(AtomicUsize::new(0));
        let (senders, answers): (Vec<_>, Vec<_>) = (0..5)
            .map(|_| tokio::sync::oneshot::channel::<()>())
            .unzip();
        let remote = Arc::clone(&pump);
        let count = Arc::clone(&delivered);
        // As the store's thread does it, while this worker is free to run
        // the pump.
        let store = std::thread::spawn(move || {
            domain::state::answer_batch(|| {
                for tx in senders {
                    let count = Arc::clone(&count);
                    remote.send(Box::new(move || {
                        count.fetch_add(1, Ordering::SeqCst);
                        let _ = tx.send(());
                    }));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
                let early = count.load(Ordering::SeqCst);
                assert_eq!(early, 0, "nothing is delivered before the batch ends");
            });
        });
        for rx in answers {
            rx.await.unwrap();
        }
        store.join().unwrap();
        assert_eq!(delivered.load(Ordering::SeqCst), 5);
        assert!(
            Arc::ptr_eq(&pump, &ReplyPump::current()),
            "one pump per worker"
        );
    }

    #[test]
    fn a_pump_left_by_an_earlier_runtime_on_the_thread_is_replaced() {
        let old = actix_web::rt::System::new().block_on(async {
            let pump = ReplyPump::current();
            tokio::task::yield_now().await;
            pump
        });
        // The runtime that ran its task is gone, and so is the task.
        assert!(!old.alive.load(Ordering::SeqCst));
        actix_web::rt::System::new().block_on(async move {
            let pump = ReplyPump::current();
            assert!(!Arc::ptr_eq(&old, &pump));
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            pump.send(Box::new(move || {
                let _ = tx.send(());
            }));
            rx.await.unwrap();
        });
    }
}
