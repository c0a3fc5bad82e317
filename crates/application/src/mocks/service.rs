use std::sync::Arc;

use async_trait::async_trait;
use chrono::Utc;
use domain::{
    MockCatalog, MockDefinition, MockFilter, MockId, MockPage, MockRepository, RepositoryError,
};
use serde_json::Value;
use tokio::sync::Mutex;

use crate::dto::{definition_json, parse_mock};
use crate::AppError;

/// Per-mock runtime state (variant positions, rate-limit counters) that the
/// reset endpoint clears; implemented by the features that own such state.
#[async_trait]
pub trait MockStateReset: Send + Sync {
    async fn reset(&self, id: &MockId) -> Result<(), AppError>;
}

/// Admin operations on mocks. Every write goes to the repository first and
/// then to the in-memory catalog, under one lock, so the served index always
/// reflects what is stored.
pub struct MockService {
    repo: Arc<dyn MockRepository>,
    catalog: Arc<MockCatalog>,
    writes: Mutex<()>,
    resets: Vec<Arc<dyn MockStateReset>>,
}

const RESOURCE: &str = "mock";

pub(super) fn not_found(id: &str) -> AppError {
    AppError::NotFound {
        resource: RESOURCE,
        id: id.to_string(),
    }
}

impl MockService {
    pub fn new(repo: Arc<dyn MockRepository>, catalog: Arc<MockCatalog>) -> Self {
        Self {
            repo,
            catalog,
            writes: Mutex::new(()),
            resets: Vec::new(),
        }
    }

    /// Registers runtime state to clear on `reset`.
    pub fn with_reset(mut self, reset: Arc<dyn MockStateReset>) -> Self {
        self.resets.push(reset);
        self
    }

    pub fn catalog(&self) -> &Arc<MockCatalog> {
        &self.catalog
    }

    pub(super) fn repo(&self) -> &dyn MockRepository {
        self.repo.as_ref()
    }

    pub(super) async fn write_guard(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writes.lock().await
    }

    pub async fn create(&self, input: &Value) -> Result<MockDefinition, AppError> {
        let mock = parse_mock(input)?;
        let _guard = self.writes.lock().await;
        self.repo.insert(&mock).await.map_err(|e| match e {
            RepositoryError::Duplicate(_) => AppError::Duplicate {
                resource: RESOURCE,
                id: mock.id.to_string(),
            },
            other => other.into(),
        })?;
        self.catalog.put(mock.clone());
        Ok(mock)
    }

    pub async fn list(&self, filter: &MockFilter) -> Result<MockPage, AppError> {
        Ok(self.repo.list(filter).await?)
    }

    pub fn get(&self, id: &str) -> Result<Arc<MockDefinition>, AppError> {
        MockId::parse(id)
            .ok()
            .and_then(|id| self.catalog.get(&id))
            .ok_or_else(|| not_found(id))
    }

    /// Partial update: the fields present in `patch` replace the stored ones,
    /// then the whole result is validated again.
    pub async fn update(&self, id: &str, patch: &Value) -> Result<MockDefinition, AppError> {
        let Value::Object(changes) = patch else {
            return Err(domain::FieldError::new("", "an update must be a JSON object").into());
        };
        let _guard = self.writes.lock().await;
        let current = self.get(id)?;
        if let Some(new_id) = changes.get("mock_id").and_then(Value::as_str) {
            if new_id != current.id.as_str() {
                return Err(domain::FieldError::new(
                    "mock_id",
                    "cannot be changed; create a new mock instead",
                )
                .into());
            }
        }
        let mut merged = definition_json(&current);
        for (key, value) in changes {
            merged.insert(key.clone(), value.clone());
        }
        let mut updated = parse_mock(&Value::Object(merged))?;
        updated.created_at = current.created_at;
        updated.updated_at = Utc::now();
        self.store_update(updated).await
    }

    pub async fn toggle(&self, id: &str) -> Result<MockDefinition, AppError> {
        let _guard = self.writes.lock().await;
        let mut mock = (*self.get(id)?).clone();
        mock.enabled = !mock.enabled;
        mock.updated_at = Utc::now();
        self.store_update(mock).await
    }

    async fn store_update(&self, mock: MockDefinition) -> Result<MockDefinition, AppError> {
        self.repo.update(&mock).await.map_err(|e| match e {
            RepositoryError::NotFound => not_found(mock.id.as_str()),
            other => other.into(),
        })?;
        self.catalog.put(mock.clone());
        Ok(mock)
    }

    pub async fn delete(&self, id: &str) -> Result<(), AppError> {
        let _guard = self.writes.lock().await;
        let mock = self.get(id)?;
        self.repo.delete(&mock.id).await.map_err(|e| match e {
            RepositoryError::NotFound => not_found(id),
            other => other.into(),
        })?;
        self.catalog.remove(&mock.id);
        self.reset_state(&mock.id).await
    }

    /// A disabled copy named "… (copy)" with a fresh id.
    pub async fn duplicate(&self, id: &str) -> Result<MockDefinition, AppError> {
        let _guard = self.writes.lock().await;
        let mut copy = (*self.get(id)?).clone();
        copy.id = MockId::generate();
        copy.name = format!("{} (copy)", copy.name);
        copy.enabled = false;
        copy.created_at = Utc::now();
        copy.updated_at = copy.created_at;
        self.repo.insert(&copy).await?;
        self.catalog.put(copy.clone());
        Ok(copy)
    }

    pub async fn reset(&self, id: &str) -> Result<Arc<MockDefinition>, AppError> {
        let mock = self.get(id)?;
        self.reset_state(&mock.id).await?;
        Ok(mock)
    }

    async fn reset_state(&self, id: &MockId) -> Result<(), AppError> {
        for reset in &self.resets {
            reset.reset(id).await?;
        }
        Ok(())
    }

    /// Every mock, oldest first, for export.
    pub fn export(&self) -> Vec<Arc<MockDefinition>> {
        let mut all = self.catalog.all();
        all.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        all
    }
}
