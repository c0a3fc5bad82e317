use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::RepositoryError;

/// Hits of one mock not yet added to storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitDelta {
    pub mock_id: String,
    pub hits: u64,
    pub last_hit_at: DateTime<Utc>,
}

/// The counts of one mock: stored totals, or stored plus pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockHitStats {
    pub mock_id: String,
    pub hits: u64,
    pub last_hit_at: Option<DateTime<Utc>>,
}

/// Persistence of hit counts. `add` must be additive (`hits = hits + delta`,
/// `last_hit_at` the later of both) so that every instance sharing a database
/// can add its own deltas, and must skip mocks that no longer exist, so a
/// delta written after a delete cannot bring the deleted mock's row back.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait MockStatsRepository: Send + Sync {
    async fn add(&self, deltas: &[HitDelta]) -> Result<(), RepositoryError>;
    /// Stored counts of every mock that has any.
    async fn all(&self) -> Result<Vec<MockHitStats>, RepositoryError>;
    /// Forgets one mock's counts; no error when it has none.
    async fn delete(&self, mock_id: &str) -> Result<(), RepositoryError>;
}
