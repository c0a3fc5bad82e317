//! Admin API keys (SPEC §11). Only a hash of each key is ever stored.

use async_trait::async_trait;

use crate::RepositoryError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    /// The first characters of the key, shown in lists so people can tell keys apart.
    pub prefix: String,
    /// Hex SHA-256 of the full key.
    pub hash: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

#[async_trait]
pub trait ApiKeyRepository: Send + Sync {
    async fn insert(&self, key: &ApiKey) -> Result<(), RepositoryError>;
    async fn list(&self) -> Result<Vec<ApiKey>, RepositoryError>;
    /// `NotFound` when absent.
    async fn delete(&self, id: &str) -> Result<(), RepositoryError>;
    async fn touch(&self, id: &str, at: &str) -> Result<(), RepositoryError>;
}
