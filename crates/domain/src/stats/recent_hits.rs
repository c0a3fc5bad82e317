//! One mock's hits over the last minutes, for the sparkline in the admin
//! UI's mocks table: a small ring of atomic per-period counters.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use super::traffic::claim;

/// Seconds each sparkline point covers.
pub const MOCK_HITS_STEP_SECONDS: i64 = 10;
/// Points kept: ten minutes.
pub const MOCK_HITS_POINTS: usize = 60;

struct Period {
    /// The period number (epoch second / step); -1 while never used.
    stamp: AtomicI64,
    hits: AtomicU64,
}

pub struct RecentHits {
    periods: [Period; MOCK_HITS_POINTS],
}

impl Default for RecentHits {
    fn default() -> Self {
        Self {
            periods: std::array::from_fn(|_| Period {
                stamp: AtomicI64::new(-1),
                hits: AtomicU64::new(0),
            }),
        }
    }
}

impl RecentHits {
    /// Counts one hit at epoch second `now`.
    pub fn record(&self, now: i64) {
        let period = now.div_euclid(MOCK_HITS_STEP_SECONDS);
        let slot = &self.periods[slot_of(period)];
        if claim(&slot.stamp, period, || {
            slot.hits.store(0, Ordering::Relaxed)
        }) {
            slot.hits.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Hits in each of the `points` periods ending with the one holding
    /// `now`, oldest first.
    pub fn series(&self, now: i64, points: usize) -> Vec<u64> {
        let last = now.div_euclid(MOCK_HITS_STEP_SECONDS);
        let points = points.min(MOCK_HITS_POINTS) as i64;
        (last - points + 1..=last)
            .map(|period| {
                let slot = &self.periods[slot_of(period)];
                if slot.stamp.load(Ordering::Acquire) == period {
                    slot.hits.load(Ordering::Relaxed)
                } else {
                    0
                }
            })
            .collect()
    }
}

fn slot_of(period: i64) -> usize {
    period.rem_euclid(MOCK_HITS_POINTS as i64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_land_in_the_period_of_their_second() {
        let hits = RecentHits::default();
        hits.record(1000);
        hits.record(1009);
        hits.record(1010);
        hits.record(1035);
        assert_eq!(hits.series(1039, 4), vec![2, 1, 0, 1]);
    }

    #[test]
    fn periods_older_than_the_ring_read_as_zero() {
        let hits = RecentHits::default();
        hits.record(0);
        let much_later = MOCK_HITS_STEP_SECONDS * MOCK_HITS_POINTS as i64;
        hits.record(much_later);
        assert_eq!(hits.series(much_later, 1), vec![1]);
        assert_eq!(
            hits.series(much_later, 100).len(),
            MOCK_HITS_POINTS,
            "never more points than kept"
        );
        assert_eq!(hits.series(much_later, 100).iter().sum::<u64>(), 1);
    }
}
