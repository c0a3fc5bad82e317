//! Per-mock hit counts for the admin UI (SPEC §12 `GET /api/admin/mocks/stats`),
//! and the recent traffic of `GET /api/admin/traffic` (in memory only).
//!
//! Counting happens on the hot path as one atomic add in memory
//! ([`HitCounters`]); the counts reach storage as periodic deltas
//! (`hits = hits + delta`), so several instances sharing one database add up.

mod counters;
mod recent_hits;
mod repository;
mod traffic;

pub use counters::HitCounters;
pub use recent_hits::{MOCK_HITS_POINTS, MOCK_HITS_STEP_SECONDS};
#[cfg(any(test, feature = "mocks"))]
pub use repository::MockMockStatsRepository;
pub use repository::{HitDelta, MockHitStats, MockStatsRepository};
pub use traffic::{TrafficBucket, TrafficMeter, TRAFFIC_SECONDS};
