//! Per-mock hit counts for the admin UI (SPEC §12 `GET /api/admin/mocks/stats`).
//!
//! Counting happens on the hot path as one atomic add in memory
//! ([`HitCounters`]); the counts reach storage as periodic deltas
//! (`hits = hits + delta`), so several instances sharing one database add up.

mod counters;
mod repository;

pub use counters::HitCounters;
#[cfg(any(test, feature = "mocks"))]
pub use repository::MockMockStatsRepository;
pub use repository::{HitDelta, MockHitStats, MockStatsRepository};
