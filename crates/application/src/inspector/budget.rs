//! The memory the inspector's queue may hold.
//!
//! The queue absorbs the times the writer is slower than the traffic: a
//! disk that stalls for a few hundred milliseconds, at 100k requests a
//! second, leaves tens of thousands of entries waiting. A count alone
//! cannot bound that safely (an entry may carry two 64 KiB bodies), so the
//! queue is bounded by the bytes its entries hold as well: a generous count
//! rides out the stalls, the byte budget keeps large bodies from growing
//! memory without limit.

use std::sync::atomic::{AtomicUsize, Ordering};

use domain::inspector::NewRequestLog;

pub struct QueueBudget {
    used: AtomicUsize,
    max: usize,
}

impl QueueBudget {
    pub fn new(max: usize) -> Self {
        Self {
            used: AtomicUsize::new(0),
            max,
        }
    }

    /// Reserves `bytes` if they fit; an entry that does not fit is dropped.
    pub fn try_take(&self, bytes: usize) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|&total| total <= self.max)
            })
            .is_ok()
    }

    /// Returns what a written (or dropped) entry held.
    pub fn give_back(&self, bytes: usize) {
        // Saturating: never wraps, even if a caller returned too much.
        let _ = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                Some(used.saturating_sub(bytes))
            });
    }

    pub fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }
}

/// About what an entry holds in memory: its text and the struct itself.
pub fn entry_bytes(e: &NewRequestLog) -> usize {
    std::mem::size_of::<NewRequestLog>() + e.text_len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_only_what_fits_and_gets_it_back() {
        let budget = QueueBudget::new(100);
        assert!(budget.try_take(60));
        assert!(!budget.try_take(41), "61..=101 would not fit");
        assert!(budget.try_take(40));
        assert_eq!(budget.used(), 100);
        budget.give_back(60);
        assert!(budget.try_take(50));
        budget.give_back(1_000);
        assert_eq!(budget.used(), 0, "never below zero");
    }
}
