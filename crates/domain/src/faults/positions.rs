use async_trait::async_trait;

use crate::RepositoryError;

/// Per (mock, scope) request counters behind `sequence` and `cycle`
/// variants, persisted so positions survive a restart.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait VariantPositionRepository: Send + Sync {
    /// Atomically counts this request; returns how many came before it (0-based).
    async fn advance(&self, mock_id: &str, scope: &str) -> Result<u64, RepositoryError>;
    /// Forgets every position of a mock.
    async fn reset(&self, mock_id: &str) -> Result<(), RepositoryError>;
}
