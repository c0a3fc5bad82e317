//! State admin use cases (SPEC §5): the blocking repository behind async calls.

use std::sync::Arc;

use domain::state::{SessionSummary, StateEntry, StateError, StateMeta, StateRepository};
use domain::RepositoryError;
use serde_json::Value;

use crate::AppError;

pub struct StateService {
    repo: Arc<dyn StateRepository>,
}

impl From<StateError> for AppError {
    fn from(e: StateError) -> Self {
        match e {
            e @ StateError::NotInteger(_) => AppError::Conflict(e.to_string()),
            StateError::Storage(cause) => {
                AppError::Storage(RepositoryError::from_storage_message(cause))
            }
        }
    }
}

fn not_found(scope: &str, key: &str) -> AppError {
    AppError::NotFound {
        resource: "state key",
        id: format!("{scope}/{key}"),
    }
}

impl StateService {
    pub fn new(repo: Arc<dyn StateRepository>) -> Self {
        Self { repo }
    }

    /// The store itself, for templates (which call it from blocking threads).
    pub fn repo(&self) -> Arc<dyn StateRepository> {
        Arc::clone(&self.repo)
    }

    /// Runs blocking storage work off the async workers.
    async fn blocking<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn StateRepository) -> Result<T, StateError> + Send + 'static,
    {
        let repo = Arc::clone(&self.repo);
        tokio::task::spawn_blocking(move || work(repo.as_ref()))
            .await
            .map_err(|e| AppError::Storage(RepositoryError::Unknown(e.to_string())))?
            .map_err(AppError::from)
    }

    pub async fn sessions(&self) -> Result<Vec<SessionSummary>, AppError> {
        self.blocking(|r| r.sessions()).await
    }

    pub async fn list(&self, scope: &str) -> Result<Vec<StateEntry>, AppError> {
        let scope = scope.to_string();
        self.blocking(move |r| r.list(&scope)).await
    }

    pub async fn get(&self, scope: &str, key: &str) -> Result<Value, AppError> {
        let (s, k) = (scope.to_string(), key.to_string());
        self.blocking(move |r| r.get(&s, &k))
            .await?
            .ok_or_else(|| not_found(scope, key))
    }

    pub async fn set(&self, scope: &str, key: &str, value: Value) -> Result<(), AppError> {
        let (s, k) = (scope.to_string(), key.to_string());
        self.blocking(move |r| r.set(&s, &k, &value, &StateMeta::default()))
            .await
    }

    /// A missing key starts from 0; a non-integer value is a 409.
    pub async fn increment(&self, scope: &str, key: &str, delta: i64) -> Result<i64, AppError> {
        let (s, k) = (scope.to_string(), key.to_string());
        self.blocking(move |r| r.increment(&s, &k, delta, delta, &StateMeta::default()))
            .await
    }

    pub async fn delete(&self, scope: &str, key: &str) -> Result<(), AppError> {
        let (s, k) = (scope.to_string(), key.to_string());
        if self.blocking(move |r| r.delete(&s, &k)).await? {
            Ok(())
        } else {
            Err(not_found(scope, key))
        }
    }

    /// Clears one scope, or every scope with `None`; returns how many keys went.
    pub async fn clear(&self, scope: Option<&str>) -> Result<usize, AppError> {
        let scope = scope.map(str::to_string);
        self.blocking(move |r| r.clear(scope)).await
    }
}
