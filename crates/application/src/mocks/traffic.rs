//! Recent traffic for the admin UI (`GET /api/admin/traffic`): what the mock
//! surface observed in the last minutes, kept in memory by
//! [`MockStatsService`](super::MockStatsService). Per instance: several
//! instances on one database each report their own.

use chrono::{DateTime, Utc};
use domain::stats::{TrafficBucket, MOCK_HITS_POINTS, MOCK_HITS_STEP_SECONDS, TRAFFIC_SECONDS};

/// Seconds the "requests per second" figure averages over.
pub const RATE_SECONDS: u32 = 10;

/// Which stretch of time, in which steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrafficWindow {
    pub seconds: u32,
    pub step_seconds: u32,
}

impl TrafficWindow {
    pub const DEFAULT_SECONDS: u32 = 300;
    pub const DEFAULT_STEP_SECONDS: u32 = 10;
    pub const MAX_SECONDS: u32 = TRAFFIC_SECONDS as u32;
    pub const MAX_STEP_SECONDS: u32 = 60;
}

/// What [`MockStatsService::traffic`](super::MockStatsService::traffic) reports.
#[derive(Debug, Clone, PartialEq)]
pub struct TrafficReport {
    pub now: DateTime<Utc>,
    pub window: TrafficWindow,
    /// The whole window as one bucket.
    pub summary: TrafficBucket,
    /// Requests per second over the last [`RATE_SECONDS`].
    pub requests_per_second: f64,
    /// Oldest first.
    pub buckets: Vec<TrafficBucket>,
    /// Hits per mock in periods of [`MOCK_HITS_STEP_SECONDS`], oldest first,
    /// for mocks hit within the window.
    pub mock_hits: Vec<(String, Vec<u64>)>,
}

/// How many per-mock periods cover a window of `seconds`.
pub fn mock_points(seconds: u32) -> usize {
    let step = MOCK_HITS_STEP_SECONDS as u32;
    (seconds.div_ceil(step) as usize).clamp(1, MOCK_HITS_POINTS)
}
