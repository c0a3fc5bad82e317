//! CPU scheduling of the process's own threads.
//!
//! The inspector's queue and writer are background work. When they share a
//! busy core with an HTTP worker, the worker should win, or every request in
//! flight waits for a batch to be gathered, encoded and freed (the p99).
//! Raising a thread's nice value needs no privilege; nice +5 still leaves
//! such a thread about a quarter of a contended core, and the inspector
//! needs about a tenth of one at 90k requests a second.

/// How much nicer than the rest of the process background threads run.
pub const BACKGROUND_NICENESS: i32 = 5;

/// Raises the calling thread's nice value by `by` (capped at 19). Best
/// effort: at the default priority the thread is only less polite.
pub fn lower_current_thread_priority(by: i32) {
    use rustix::process::{getpriority_process, setpriority_process};
    // `None`: the calling thread (nice values are per thread on Linux).
    let lowered =
        getpriority_process(None).and_then(|nice| setpriority_process(None, (nice + by).min(19)));
    if let Err(e) = lowered {
        tracing::debug!(error = %e, "a background thread keeps its priority");
    }
}

/// Puts the calling thread in `SCHED_BATCH`, keeping its nice value. For the
/// state writer: each reply wakes an HTTP worker, and under the default
/// policy the woken worker preempts the writer at once, so a batch of N
/// replies cost N pairs of context switches. A batch thread is not preempted
/// on wake-ups, so the replies go out together (W4 +12 % on the benchmark).
/// Best effort: without it the writer is only slower.
pub fn schedule_current_thread_as_batch() {
    use rustix::process::{getpriority_process, setpriority_process};
    use thread_priority::{
        set_thread_priority_and_policy, thread_native_id, thread_schedule_policy,
        NormalThreadSchedulePolicy, ThreadPriority, ThreadSchedulePolicy,
    };
    let batch = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch);
    let Ok(nice) = getpriority_process(None) else {
        return;
    };
    // The crate sets the policy, then a nice value derived from the priority:
    // `Max` (nice -20) is refused without privilege, and with it the nice
    // value is put back below, so the writer never ends up deprioritized.
    let _ = set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Max, batch);
    let restored = setpriority_process(None, nice);
    if restored.is_err() || thread_schedule_policy().ok() != Some(batch) {
        tracing::debug!("a batch thread keeps the default scheduling policy");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_runs_as_sched_batch_with_its_nice_value_kept() {
        use thread_priority::{thread_schedule_policy, NormalThreadSchedulePolicy};
        let (policy, nice_before, nice_after) = std::thread::spawn(|| {
            let before = rustix::process::getpriority_process(None).unwrap();
            schedule_current_thread_as_batch();
            let after = rustix::process::getpriority_process(None).unwrap();
            (thread_schedule_policy().unwrap(), before, after)
        })
        .join()
        .unwrap();
        assert_eq!(
            policy,
            thread_priority::ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch)
        );
        assert_eq!(nice_before, nice_after);
    }
}
