use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;

use arc_swap::ArcSwap;
use chrono::{DateTime, Utc};

use super::recent_hits::RecentHits;
use super::HitDelta;

/// One mock's hits since the last drain and the time of the latest one.
#[derive(Default)]
struct Counter {
    pending: AtomicU64,
    /// Microseconds since the epoch; 0 when never hit.
    last_hit_micros: AtomicI64,
    /// Hits of the last minutes, for the mocks table's sparkline.
    recent: RecentHits,
}

/// In-memory hit counters, one per mock id that was hit.
///
/// The map is published through an [`ArcSwap`], so recording a hit for a
/// mock already counted is a lock-free load, a hash lookup and two atomics;
/// only the first hit of a mock copies the map.
#[derive(Default)]
pub struct HitCounters {
    map: ArcSwap<HashMap<String, Arc<Counter>>>,
}

impl HitCounters {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one hit of `mock_id` at `at`.
    pub fn record(&self, mock_id: &str, at: DateTime<Utc>) {
        let micros = at.timestamp_micros();
        let record = |counter: &Counter| {
            counter.add(1, micros);
            counter.recent.record(at.timestamp());
        };
        if let Some(counter) = self.map.load().get(mock_id) {
            record(counter);
            return;
        }
        record(&self.counter(mock_id));
    }

    /// Hits per period of the last `points` periods up to `now` (see
    /// [`super::MOCK_HITS_STEP_SECONDS`]), for mocks hit in that time.
    pub fn recent(&self, now: DateTime<Utc>, points: usize) -> Vec<(String, Vec<u64>)> {
        self.map
            .load()
            .iter()
            .map(|(id, counter)| (id.clone(), counter.recent.series(now.timestamp(), points)))
            .filter(|(_, series)| series.iter().any(|hits| *hits > 0))
            .collect()
    }

    /// Takes every pending count (leaving zero), for writing to storage.
    pub fn drain(&self) -> Vec<HitDelta> {
        self.deltas(|c| c.pending.swap(0, Ordering::AcqRel))
    }

    /// The pending counts without taking them.
    pub fn pending(&self) -> Vec<HitDelta> {
        self.deltas(|c| c.pending.load(Ordering::Acquire))
    }

    /// Puts drained counts back, after storage refused them, so none is lost.
    pub fn restore(&self, deltas: &[HitDelta]) {
        for delta in deltas {
            self.counter(&delta.mock_id)
                .add(delta.hits, delta.last_hit_at.timestamp_micros());
        }
    }

    /// Drops a mock's counter (the mock was deleted).
    pub fn forget(&self, mock_id: &str) {
        self.map.rcu(|map| {
            let mut map = HashMap::clone(map);
            map.remove(mock_id);
            map
        });
    }

    fn counter(&self, mock_id: &str) -> Arc<Counter> {
        let map = self.map.rcu(|map| {
            if map.contains_key(mock_id) {
                return Arc::clone(map);
            }
            let mut map = HashMap::clone(map);
            map.insert(mock_id.to_string(), Arc::default());
            Arc::new(map)
        });
        // `rcu` returns the map it replaced; read the one now published.
        drop(map);
        self.map.load().get(mock_id).cloned().unwrap_or_default()
    }

    fn deltas(&self, take: impl Fn(&Counter) -> u64) -> Vec<HitDelta> {
        self.map
            .load()
            .iter()
            .filter_map(|(id, counter)| {
                let hits = take(counter);
                let last = counter.last_hit_micros.load(Ordering::Acquire);
                let last_hit_at = DateTime::from_timestamp_micros(last)?;
                (hits > 0).then(|| HitDelta {
                    mock_id: id.clone(),
                    hits,
                    last_hit_at,
                })
            })
            .collect()
    }
}

impl Counter {
    fn add(&self, hits: u64, at_micros: i64) {
        self.pending.fetch_add(hits, Ordering::AcqRel);
        self.last_hit_micros.fetch_max(at_micros, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    fn by_id(mut deltas: Vec<HitDelta>) -> Vec<(String, u64, i64)> {
        deltas.sort_by(|a, b| a.mock_id.cmp(&b.mock_id));
        deltas
            .into_iter()
            .map(|d| (d.mock_id, d.hits, d.last_hit_at.timestamp()))
            .collect()
    }

    #[test]
    fn hits_are_counted_per_mock_with_the_latest_time() {
        let counters = HitCounters::new();
        counters.record("a", at(10));
        counters.record("a", at(30));
        counters.record("a", at(20));
        counters.record("b", at(5));
        assert_eq!(
            by_id(counters.pending()),
            vec![("a".into(), 3, 30), ("b".into(), 1, 5)]
        );
    }

    #[test]
    fn drain_takes_the_pending_counts_once() {
        let counters = HitCounters::new();
        counters.record("a", at(1));
        counters.record("a", at(2));
        assert_eq!(by_id(counters.drain()), vec![("a".into(), 2, 2)]);
        assert!(counters.drain().is_empty(), "nothing pending after a drain");
        counters.record("a", at(3));
        assert_eq!(by_id(counters.drain()), vec![("a".into(), 1, 3)]);
    }

    #[test]
    fn restored_counts_add_to_hits_recorded_meanwhile() {
        let counters = HitCounters::new();
        counters.record("a", at(1));
        let drained = counters.drain();
        counters.record("a", at(2));
        counters.restore(&drained);
        assert_eq!(by_id(counters.drain()), vec![("a".into(), 2, 2)]);
    }

    #[test]
    fn recent_hits_are_kept_per_mock_and_period_and_survive_a_drain() {
        let counters = HitCounters::new();
        counters.record("a", at(1000));
        counters.record("a", at(1015));
        counters.record("b", at(500));
        counters.drain();
        let mut recent = counters.recent(at(1019), 3);
        recent.sort();
        assert_eq!(
            recent,
            vec![("a".to_string(), vec![0, 1, 1])],
            "b was not hit in the last 30 seconds"
        );
    }

    #[test]
    fn a_forgotten_mock_has_nothing_pending() {
        let counters = HitCounters::new();
        counters.record("a", at(1));
        counters.record("b", at(1));
        counters.forget("a");
        assert_eq!(by_id(counters.drain()), vec![("b".into(), 1, 1)]);
    }

    #[test]
    fn concurrent_hits_are_all_counted() {
        let counters = Arc::new(HitCounters::new());
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let counters = Arc::clone(&counters);
                std::thread::spawn(move || {
                    for i in 0..10_000 {
                        counters.record(if i % 2 == 0 { "even" } else { "odd" }, at(t));
                    }
                })
            })
            .collect();
        for thread in threads {
            thread
                .join()
                .unwrap_or_else(|_| panic!("counting thread panicked"));
        }
        assert_eq!(
            by_id(counters.drain()),
            vec![("even".into(), 20_000, 3), ("odd".into(), 20_000, 3)]
        );
    }
}
