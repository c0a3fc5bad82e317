//! Recent traffic for the admin UI's "traffic at a glance" (requests per
//! second, p50/p99 latency, matched vs unmatched over the last minutes).
//!
//! A fixed ring of per-second slots of atomic counters: recording is a few
//! relaxed atomic adds and never locks, waits or allocates. A slot is reused
//! when the clock comes round to it again; the thread that moves it forward
//! zeroes it, and a request arriving in those nanoseconds is not counted —
//! approximate at that grain, which a dashboard can afford and the hot path
//! is spared a lock for (exact totals are in `/metrics`).

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

/// Seconds of history kept (and the longest window that can be asked for).
pub const TRAFFIC_SECONDS: usize = 600;

/// Upper bounds (ms) of the latency histogram buckets; one more bucket
/// holds everything slower.
const LATENCY_BOUNDS_MS: [f64; 19] = [
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0,
    1000.0, 2500.0, 5000.0, 10000.0,
];
const LATENCY_BUCKETS: usize = LATENCY_BOUNDS_MS.len() + 1;

/// A slot stamp while its counters are being zeroed.
const RESETTING: i64 = i64::MIN;

/// Claims `slot_stamp` for `want`: true when the slot now counts `want`.
/// The thread that moves the stamp forward zeroes the slot (`reset`) before
/// publishing the new time, so a reset never wipes a count of the new
/// period; a recording that arrives during the reset, or late for a slot
/// already holding a later time, is dropped rather than miscounted.
pub(crate) fn claim(slot_stamp: &AtomicI64, want: i64, reset: impl FnOnce()) -> bool {
    let seen = slot_stamp.load(Ordering::Acquire);
    if seen == want {
        return true;
    }
    if seen == RESETTING || seen > want {
        return false;
    }
    if slot_stamp
        .compare_exchange(seen, RESETTING, Ordering::AcqRel, Ordering::Acquire)
        .is_ok()
    {
        reset();
        slot_stamp.store(want, Ordering::Release);
        return true;
    }
    slot_stamp.load(Ordering::Acquire) == want
}

struct Second {
    /// The epoch second the counters belong to; -1 while never used.
    stamp: AtomicI64,
    requests: AtomicU64,
    unmatched: AtomicU64,
    latency: [AtomicU64; LATENCY_BUCKETS],
}

impl Default for Second {
    fn default() -> Self {
        Self {
            stamp: AtomicI64::new(-1),
            requests: AtomicU64::new(0),
            unmatched: AtomicU64::new(0),
            latency: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }
}

impl Second {
    fn reset(&self) {
        self.requests.store(0, Ordering::Relaxed);
        self.unmatched.store(0, Ordering::Relaxed);
        for bucket in &self.latency {
            bucket.store(0, Ordering::Relaxed);
        }
    }
}

/// Request counts and latency of the last [`TRAFFIC_SECONDS`] seconds.
pub struct TrafficMeter {
    slots: Box<[Second]>,
}

impl Default for TrafficMeter {
    fn default() -> Self {
        Self::new()
    }
}

/// Traffic of one stretch of time (one bucket of a series, or a whole window).
#[derive(Debug, Clone, PartialEq)]
pub struct TrafficBucket {
    /// Epoch second the stretch starts at.
    pub start: i64,
    pub requests: u64,
    /// Requests a mock answered (every outcome but `unmatched`).
    pub matched: u64,
    pub unmatched: u64,
    /// Estimated from the histogram; `None` without requests.
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
}

impl TrafficMeter {
    pub fn new() -> Self {
        Self {
            slots: (0..TRAFFIC_SECONDS).map(|_| Second::default()).collect(),
        }
    }

    /// Counts one request that ended at epoch second `now` after `millis`.
    pub fn record(&self, now: i64, matched: bool, millis: f64) {
        let slot = &self.slots[slot_of(now)];
        if !claim(&slot.stamp, now, || slot.reset()) {
            return;
        }
        slot.requests.fetch_add(1, Ordering::Relaxed);
        if !matched {
            slot.unmatched.fetch_add(1, Ordering::Relaxed);
        }
        let bucket = LATENCY_BOUNDS_MS
            .iter()
            .position(|bound| millis <= *bound)
            .unwrap_or(LATENCY_BOUNDS_MS.len());
        slot.latency[bucket].fetch_add(1, Ordering::Relaxed);
    }

    /// The `window` seconds ending at `now` (included), in buckets of
    /// `step` seconds, oldest first; the first bucket may be shorter when
    /// `step` does not divide `window`.
    pub fn series(&self, now: i64, window: u32, step: u32) -> Vec<TrafficBucket> {
        let window = i64::from(window.clamp(1, TRAFFIC_SECONDS as u32));
        let step = i64::from(step.max(1));
        let first = now - window + 1;
        let mut buckets = Vec::new();
        let mut end = now;
        while end >= first {
            let start = (end - step + 1).max(first);
            buckets.push(self.merge(start, end));
            end = start - 1;
        }
        buckets.reverse();
        buckets
    }

    /// The whole stretch from `start` to `end` (both included) as one bucket.
    pub fn merge(&self, start: i64, end: i64) -> TrafficBucket {
        let mut requests = 0;
        let mut unmatched = 0;
        let mut latency = [0u64; LATENCY_BUCKETS];
        let oldest = end - TRAFFIC_SECONDS as i64 + 1;
        for second in start.max(oldest)..=end {
            let slot = &self.slots[slot_of(second)];
            if slot.stamp.load(Ordering::Acquire) != second {
                continue;
            }
            requests += slot.requests.load(Ordering::Relaxed);
            unmatched += slot.unmatched.load(Ordering::Relaxed);
            for (sum, bucket) in latency.iter_mut().zip(&slot.latency) {
                *sum += bucket.load(Ordering::Relaxed);
            }
        }
        let unmatched = unmatched.min(requests);
        TrafficBucket {
            start,
            requests,
            matched: requests - unmatched,
            unmatched,
            p50_ms: quantile(&latency, 0.50),
            p99_ms: quantile(&latency, 0.99),
        }
    }
}

fn slot_of(second: i64) -> usize {
    second.rem_euclid(TRAFFIC_SECONDS as i64) as usize
}

/// The `q` quantile of a latency histogram, interpolated within its bucket
/// (the slowest bucket reports its lower bound), rounded to microseconds.
fn quantile(histogram: &[u64; LATENCY_BUCKETS], q: f64) -> Option<f64> {
    let total: u64 = histogram.iter().sum();
    if total == 0 {
        return None;
    }
    let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
    let mut below = 0;
    for (i, count) in histogram.iter().enumerate() {
        if *count > 0 && below + count >= rank {
            let low = if i == 0 {
                0.0
            } else {
                LATENCY_BOUNDS_MS[i - 1]
            };
            let high = LATENCY_BOUNDS_MS.get(i).copied().unwrap_or(low);
            let within = (rank - below) as f64 / *count as f64;
            let estimate = low + (high - low) * within;
            return Some((estimate * 1000.0).round() / 1000.0);
        }
        below += count;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn counts_requests_per_second_and_splits_matched_from_unmatched() {
        let meter = TrafficMeter::new();
        meter.record(1000, true, 1.0);
        meter.record(1000, false, 1.0);
        meter.record(1002, true, 1.0);
        let series = meter.series(1002, 3, 1);
        let counts: Vec<(i64, u64, u64, u64)> = series
            .iter()
            .map(|b| (b.start, b.requests, b.matched, b.unmatched))
            .collect();
        assert_eq!(
            counts,
            vec![(1000, 2, 1, 1), (1001, 0, 0, 0), (1002, 1, 1, 0)]
        );
        assert_eq!(series[1].p50_ms, None, "no requests, no latency");
    }

    #[test]
    fn buckets_of_several_seconds_end_at_now_and_the_oldest_may_be_shorter() {
        let meter = TrafficMeter::new();
        for second in 100..=124 {
            meter.record(second, true, 1.0);
        }
        let series = meter.series(124, 25, 10);
        let shape: Vec<(i64, u64)> = series.iter().map(|b| (b.start, b.requests)).collect();
        assert_eq!(shape, vec![(100, 5), (105, 10), (115, 10)]);
    }

    #[test]
    fn percentiles_come_from_the_latency_histogram() {
        let meter = TrafficMeter::new();
        for _ in 0..98 {
            meter.record(50, true, 0.7);
        }
        meter.record(50, true, 40.0);
        meter.record(50, true, 40.0);
        let all = meter.merge(50, 50);
        let p50 = all.p50_ms.unwrap_or_default();
        let p99 = all.p99_ms.unwrap_or_default();
        assert!(
            (0.5..=1.0).contains(&p50),
            "p50 {p50} lies in the 0.5–1 ms bucket"
        );
        assert!(
            (25.0..=50.0).contains(&p99),
            "p99 {p99} lies in the 25–50 ms bucket"
        );
    }

    #[test]
    fn very_slow_requests_report_the_last_bound() {
        let meter = TrafficMeter::new();
        meter.record(7, true, 60_000.0);
        assert_eq!(meter.merge(7, 7).p99_ms, Some(10_000.0));
    }

    #[test]
    fn a_slot_reused_a_ring_later_forgets_the_old_second() {
        let meter = TrafficMeter::new();
        meter.record(10, true, 1.0);
        let later = 10 + TRAFFIC_SECONDS as i64;
        meter.record(later, false, 1.0);
        assert_eq!(meter.merge(later, later).unmatched, 1);
        assert_eq!(meter.merge(later, later).matched, 0);
        assert_eq!(meter.merge(10, 10).requests, 0, "overwritten");
        meter.record(10, true, 1.0);
        assert_eq!(
            meter.merge(later, later).requests,
            1,
            "a late recording never goes into a newer second"
        );
    }

    #[test]
    fn seconds_older_than_the_ring_are_not_read() {
        let meter = TrafficMeter::new();
        meter.record(5, true, 1.0);
        let now = 5 + TRAFFIC_SECONDS as i64 * 3;
        let series = meter.series(now, 10_000, 60);
        assert_eq!(series.len(), TRAFFIC_SECONDS / 60);
        assert!(series.iter().all(|b| b.requests == 0));
    }

    #[test]
    fn concurrent_recordings_in_one_second_all_count() {
        let meter = Arc::new(TrafficMeter::new());
        meter.record(77, true, 0.3);
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let meter = Arc::clone(&meter);
                std::thread::spawn(move || {
                    for i in 0..5_000 {
                        meter.record(77, i % 2 == 0, 0.3);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread
                .join()
                .unwrap_or_else(|_| panic!("recording thread panicked"));
        }
        let all = meter.merge(77, 77);
        assert_eq!(
            (all.requests, all.matched, all.unmatched),
            (20_001, 10_001, 10_000)
        );
    }
}
