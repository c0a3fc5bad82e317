//! Lets the callers of one state batch be woken together.
//!
//! A store that commits many tasks at once answers each one through its
//! [`StateTaskDone`](super::StateTaskDone). When every answer wakes the
//! caller's thread, that thread preempts the store's thread after the first
//! answer, serves one response, sleeps, and is woken again for the next: a
//! pair of context switches per request. An answer can instead leave its
//! result where the caller will find it and defer the wake-up with
//! [`after_replies`]; the store runs its answers inside [`answer_batch`], so
//! the deferred wake-ups run once, after the last answer.

use std::cell::RefCell;

type Deferred = Box<dyn FnOnce()>;

thread_local! {
    /// `Some` while [`answer_batch`] runs on this thread.
    static DEFERRED: RefCell<Option<Vec<Deferred>>> = const { RefCell::new(None) };
}

/// Runs `f` after the answers of the batch being answered on this thread,
/// or at once when no batch is being answered.
pub fn after_replies(f: impl FnOnce() + 'static) {
    let f: Deferred = Box::new(f);
    let now = DEFERRED.with(|d| match d.borrow_mut().as_mut() {
        Some(list) => {
            list.push(f);
            None
        }
        None => Some(f),
    });
    if let Some(f) = now {
        f();
    }
}

/// Runs `answers` (a batch's answers), then what they deferred with
/// [`after_replies`], in order.
pub fn answer_batch(answers: impl FnOnce()) {
    let outer = DEFERRED.with(|d| d.borrow_mut().replace(Vec::new()));
    // Restores the outer phase (and runs what was deferred) even if an
    // answer panics, so no caller is left unwoken.
    struct Flush(Option<Vec<Deferred>>);
    impl Drop for Flush {
        fn drop(&mut self) {
            let deferred =
                DEFERRED.with(|d| std::mem::replace(&mut *d.borrow_mut(), self.0.take()));
            for f in deferred.into_iter().flatten() {
                f();
            }
        }
    }
    let _flush = Flush(outer);
    answers();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    type Log = Rc<RefCell<Vec<&'static str>>>;

    /// A log, and a maker of closures that append a name to it.
    fn log() -> (Log, impl Fn(&'static str) -> Box<dyn FnOnce()>) {
        let log = Log::default();
        let l = Rc::clone(&log);
        (log, move |name| {
            let l = Rc::clone(&l);
            Box::new(move || l.borrow_mut().push(name))
        })
    }

    #[test]
    fn deferred_work_runs_after_every_answer_of_the_batch() {
        let (log, entry) = log();
        answer_batch(|| {
            entry("answer 1")();
            after_replies(entry("wake 1"));
            entry("answer 2")();
            after_replies(entry("wake 2"));
        });
        assert_eq!(*log.borrow(), ["answer 1", "answer 2", "wake 1", "wake 2"]);
    }

    #[test]
    fn outside_a_batch_deferred_work_runs_at_once() {
        let (log, entry) = log();
        after_replies(entry("wake"));
        entry("after")();
        assert_eq!(*log.borrow(), ["wake", "after"]);
    }

    #[test]
    fn a_panicking_answer_still_runs_the_deferred_work() {
        let (log, entry) = log();
        let wake = entry("wake");
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            answer_batch(|| {
                after_replies(wake);
                panic!("a bug in an answer");
            })
        }));
        assert!(caught.is_err());
        assert_eq!(*log.borrow(), ["wake"]);
        // And the phase is over: the next deferral runs at once.
        after_replies(entry("later"));
        assert_eq!(*log.borrow(), ["wake", "later"]);
    }
}
