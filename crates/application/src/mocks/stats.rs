//! Hit counts per mock (SPEC §12): counted in memory on the hot path,
//! written to storage as deltas every second and at shutdown.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use domain::stats::{HitCounters, MockHitStats, MockStatsRepository, TrafficMeter};
use domain::{MockDefinition, Outcome};

use super::traffic::{mock_points, TrafficReport, TrafficWindow, RATE_SECONDS};
use crate::AppError;

/// How often pending hits are written: a killed process loses at most this much.
pub const FLUSH_PERIOD: Duration = Duration::from_secs(1);

pub struct MockStatsService {
    counters: HitCounters,
    traffic: TrafficMeter,
    repo: Arc<dyn MockStatsRepository>,
}

impl MockStatsService {
    pub fn new(repo: Arc<dyn MockStatsRepository>) -> Self {
        Self {
            counters: HitCounters::new(),
            traffic: TrafficMeter::new(),
            repo,
        }
    }

    /// Counts a request served by `mock_id`; never touches storage.
    pub fn record(&self, mock_id: &str) {
        self.counters.record(mock_id, Utc::now());
    }

    /// Counts one mock-surface request (any outcome) for the recent-traffic
    /// picture; a few atomic adds, never touches storage.
    pub fn observe(&self, outcome: Outcome, elapsed: Duration) {
        let millis = elapsed.as_secs_f64() * 1000.0;
        self.traffic.record(
            Utc::now().timestamp(),
            outcome != Outcome::Unmatched,
            millis,
        );
    }

    /// The traffic of the `window` ending now, and each mock's recent hits.
    pub fn traffic(&self, window: TrafficWindow) -> TrafficReport {
        let now = Utc::now();
        let second = now.timestamp();
        let start = second - i64::from(window.seconds) + 1;
        let rate = self
            .traffic
            .merge(second - i64::from(RATE_SECONDS) + 1, second);
        TrafficReport {
            now,
            window,
            summary: self.traffic.merge(start, second),
            requests_per_second: rate.requests as f64 / f64::from(RATE_SECONDS),
            buckets: self
                .traffic
                .series(second, window.seconds, window.step_seconds),
            mock_hits: self.counters.recent(now, mock_points(window.seconds)),
        }
    }

    /// Writes the pending hits as one additive batch. On failure they are put
    /// back, to be written by the next flush.
    pub async fn flush(&self) -> Result<(), AppError> {
        let deltas = self.counters.drain();
        if deltas.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.repo.add(&deltas).await {
            self.counters.restore(&deltas);
            return Err(e.into());
        }
        Ok(())
    }

    /// Flushes every [`FLUSH_PERIOD`] until the returned task is aborted.
    pub fn spawn_flusher(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let stats = Arc::clone(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FLUSH_PERIOD);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = stats.flush().await {
                    tracing::warn!(error = %e, "could not store mock hit counts; retrying");
                }
            }
        })
    }

    /// Counts of each of `mocks` (in that order): stored plus not yet
    /// written, so a hit shows at once; mocks never hit have 0.
    pub async fn of(&self, mocks: &[Arc<MockDefinition>]) -> Result<Vec<MockHitStats>, AppError> {
        let mut known: HashMap<String, MockHitStats> = self
            .repo
            .all()
            .await?
            .into_iter()
            .map(|s| (s.mock_id.clone(), s))
            .collect();
        for delta in self.counters.pending() {
            let entry = known
                .entry(delta.mock_id.clone())
                .or_insert_with(|| MockHitStats {
                    mock_id: delta.mock_id.clone(),
                    hits: 0,
                    last_hit_at: None,
                });
            entry.hits += delta.hits;
            entry.last_hit_at = entry.last_hit_at.max(Some(delta.last_hit_at));
        }
        Ok(mocks
            .iter()
            .map(|mock| {
                let id = mock.id.as_str();
                known.remove(id).unwrap_or_else(|| MockHitStats {
                    mock_id: id.to_string(),
                    hits: 0,
                    last_hit_at: None,
                })
            })
            .collect())
    }

    /// Drops a deleted mock's counts, pending and stored.
    pub async fn forget(&self, mock_id: &str) -> Result<(), AppError> {
        self.counters.forget(mock_id);
        Ok(self.repo.delete(mock_id).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use domain::stats::{HitDelta, MockMockStatsRepository};
    use domain::RepositoryError;
    use std::sync::Mutex;

    /// A repository that stores added deltas in memory, or refuses them.
    fn recording_repo(stored: Arc<Mutex<Vec<HitDelta>>>, fail: bool) -> MockMockStatsRepository {
        let mut repo = MockMockStatsRepository::new();
        repo.expect_add().returning(move |deltas| {
            if fail {
                return Err(RepositoryError::Unknown("disk full".into()));
            }
            stored
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(deltas);
            Ok(())
        });
        repo
    }

    #[tokio::test]
    async fn flush_writes_pending_hits_once() {
        let stored = Arc::new(Mutex::new(Vec::new()));
        let service = MockStatsService::new(Arc::new(recording_repo(Arc::clone(&stored), false)));
        service.record("a");
        service.record("a");
        service.flush().await.unwrap_or_else(|e| panic!("{e}"));
        service.flush().await.unwrap_or_else(|e| panic!("{e}"));
        let stored = stored.lock().unwrap_or_else(|e| e.into_inner());
        assert_eq!(stored.len(), 1, "the second flush had nothing to write");
        assert_eq!((stored[0].mock_id.as_str(), stored[0].hits), ("a", 2));
    }

    #[tokio::test]
    async fn a_failed_flush_keeps_the_hits_for_the_next_one() {
        let service = MockStatsService::new(Arc::new(recording_repo(Arc::default(), true)));
        service.record("a");
        assert!(service.flush().await.is_err());
        let pending = service.counters.pending();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].hits, 1);
    }

    #[tokio::test]
    async fn counts_add_stored_and_pending_hits_and_list_unhit_mocks_as_zero() {
        let mut repo = MockMockStatsRepository::new();
        let stored_at = DateTime::from_timestamp(1_000, 0).unwrap_or_default();
        repo.expect_all().returning(move || {
            Ok(vec![MockHitStats {
                mock_id: "a".into(),
                hits: 5,
                last_hit_at: Some(stored_at),
            }])
        });
        let service = MockStatsService::new(Arc::new(repo));
        service.record("a");
        let mocks: Vec<Arc<MockDefinition>> = ["a", "b"]
            .iter()
            .map(|id| {
                Arc::new(MockDefinition::new(
                    domain::MockId::parse(id).unwrap_or_else(|e| panic!("{e}")),
                    id,
                    domain::MatchMethod::Any,
                    domain::PathPattern::parse("/").unwrap_or_else(|e| panic!("{e}")),
                ))
            })
            .collect();
        let stats = service.of(&mocks).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stats[0].hits, 6);
        assert!(
            stats[0].last_hit_at > Some(stored_at),
            "the pending hit is newer"
        );
        assert_eq!((stats[1].mock_id.as_str(), stats[1].hits), ("b", 0));
        assert_eq!(stats[1].last_hit_at, None);
    }

    #[test]
    fn traffic_reports_observed_requests_and_recent_hits_per_mock() {
        let service = MockStatsService::new(Arc::new(MockMockStatsRepository::new()));
        service.observe(Outcome::Matched, Duration::from_micros(800));
        service.observe(Outcome::ErrorSimulated, Duration::from_micros(800));
        service.observe(Outcome::Unmatched, Duration::from_millis(3));
        service.record("a");
        let report = service.traffic(TrafficWindow {
            seconds: 60,
            step_seconds: 10,
        });
        // A second may turn between observing and reporting: count the whole window.
        assert_eq!(
            (
                report.summary.requests,
                report.summary.matched,
                report.summary.unmatched
            ),
            (3, 2, 1)
        );
        assert_eq!(report.buckets.len(), 6);
        assert_eq!(report.buckets.iter().map(|b| b.requests).sum::<u64>(), 3);
        assert!(report.requests_per_second > 0.0);
        assert!(report.summary.p50_ms.is_some_and(|p| p > 0.5 && p <= 1.0));
        assert_eq!(report.mock_hits.len(), 1);
        assert_eq!(report.mock_hits[0].0, "a");
        assert_eq!(report.mock_hits[0].1.len(), 6);
        assert_eq!(report.mock_hits[0].1.iter().sum::<u64>(), 1);
    }
}
