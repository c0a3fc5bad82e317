use async_trait::async_trait;

use crate::{MockDefinition, MockId, MockMode, RepositoryError};

/// Filters of the admin mock list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MockFilter {
    pub search: Option<String>,
    pub enabled: Option<bool>,
    pub mode: Option<MockMode>,
    pub tag: Option<String>,
    pub limit: Option<i64>,
    pub offset: i64,
}

/// One page of mocks and the total number matching the filter.
#[derive(Debug, Clone, Default)]
pub struct MockPage {
    pub mocks: Vec<MockDefinition>,
    pub total: i64,
}

/// Persistence of mock definitions (one per aggregate, SPEC §3).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait MockRepository: Send + Sync {
    /// Stores a new mock; `Duplicate` when the id is taken.
    async fn insert(&self, mock: &MockDefinition) -> Result<(), RepositoryError>;
    /// Replaces a stored mock; `NotFound` when absent.
    async fn update(&self, mock: &MockDefinition) -> Result<(), RepositoryError>;
    /// `NotFound` when absent.
    async fn delete(&self, id: &MockId) -> Result<(), RepositoryError>;
    async fn get(&self, id: &MockId) -> Result<Option<MockDefinition>, RepositoryError>;
    async fn list(&self, filter: &MockFilter) -> Result<MockPage, RepositoryError>;
    /// Every stored mock, oldest first (used to build the in-memory index at startup).
    async fn all(&self) -> Result<Vec<MockDefinition>, RepositoryError>;
    /// Stores many mocks in one transaction. Each item succeeds or fails on
    /// its own (`Duplicate` unless `upsert`, which replaces the stored one).
    async fn import(
        &self,
        mocks: Vec<MockDefinition>,
        upsert: bool,
    ) -> Result<Vec<Result<MockDefinition, RepositoryError>>, RepositoryError>;
}
