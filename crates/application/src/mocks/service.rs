use std::sync::Arc;

use async_trait::async_trait;
use chrono::Utc;
use domain::upstream::{ProxyPolicy, UpstreamUrl};
use domain::{
    FieldError, MockCatalog, MockDefinition, MockFilter, MockId, MockPage, MockRepository,
    RepositoryError,
};
use serde_json::Value;
use tokio::sync::Mutex;

use super::MockStatsService;
use crate::dto::{definition_json, mock_to_json, parse_mock};
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
    stats: Option<Arc<MockStatsService>>,
    /// Upstreams a proxy-mode mock may name (SPEC §8); any when open.
    proxy: ProxyPolicy,
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
            stats: None,
            proxy: ProxyPolicy::default(),
        }
    }

    /// Refuses (422 on `upstream_url`) mocks that would forward to a host
    /// outside `--proxy-allowed-hosts` or to this server itself.
    pub fn with_proxy_policy(mut self, policy: ProxyPolicy) -> Self {
        self.proxy = policy;
        self
    }

    /// Whether a mock's upstream is one it may forward to.
    pub(super) fn check_upstream(&self, mock: &MockDefinition) -> Result<(), FieldError> {
        let Some(raw) = mock
            .upstream_url
            .as_deref()
            .filter(|_| mock.mode.needs_upstream())
        else {
            return Ok(());
        };
        self.proxy.check_field(&UpstreamUrl::parse(raw)?)
    }

    /// Registers runtime state to clear on `reset`.
    pub fn with_reset(mut self, reset: Arc<dyn MockStateReset>) -> Self {
        self.resets.push(reset);
        self
    }

    /// Hit counts to drop when a mock is deleted.
    pub fn with_stats(mut self, stats: Arc<MockStatsService>) -> Self {
        self.stats = Some(stats);
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
        self.check_upstream(&mock)?;
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
        self.check_upstream(&updated)?;
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
        if let Some(stats) = &self.stats {
            stats.forget(mock.id.as_str()).await?;
        }
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

    /// The export document, `{"mocks": [...]}`, re-importable unchanged.
    pub fn export_document(&self) -> Value {
        let mocks: Vec<Value> = self.export().iter().map(|m| mock_to_json(m)).collect();
        serde_json::json!({ "mocks": mocks })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use domain::repository::MockMockRepository as MockRepo;

    fn service(repo: MockRepo) -> MockService {
        MockService::new(Arc::new(repo), Arc::new(MockCatalog::new(vec![])))
    }

    fn input(id: &str) -> Value {
        json!({"mock_id": id, "mock_name": "n", "match_method": "GET", "match_path": "/a"})
    }

    #[tokio::test]
    async fn create_publishes_to_the_catalog_only_after_storage_succeeds() {
        let mut repo = MockRepo::new();
        repo.expect_insert()
            .times(1)
            .returning(|_| Err(RepositoryError::Unknown("disk full".into())));
        let svc = service(repo);
        assert!(matches!(
            svc.create(&input("a")).await,
            Err(AppError::Storage(_))
        ));
        assert!(svc.catalog().is_empty());
    }

    #[tokio::test]
    async fn duplicate_ids_become_a_duplicate_error() {
        let mut repo = MockRepo::new();
        repo.expect_insert()
            .returning(|m| Err(RepositoryError::Duplicate(m.id.to_string())));
        let svc = service(repo);
        assert!(matches!(
            svc.create(&input("a")).await,
            Err(AppError::Duplicate { .. })
        ));
    }

    #[tokio::test]
    async fn invalid_input_never_reaches_the_repository() {
        let repo = MockRepo::new(); // no expectations: any call fails the test
        let svc = service(repo);
        let result = svc.create(&json!({"mock_name": "n"})).await;
        assert!(matches!(result, Err(AppError::Invalid(e)) if e.field == "match_method"));
    }

    #[tokio::test]
    async fn update_merges_the_patch_and_keeps_creation_time() {
        let mut repo = MockRepo::new();
        repo.expect_insert().returning(|_| Ok(()));
        repo.expect_update()
            .withf(|m| m.name == "renamed" && m.response.status.get() == 201)
            .times(1)
            .returning(|_| Ok(()));
        let svc = service(repo);
        let mut first = input("a");
        first["response_status"] = json!(201);
        let created = svc.create(&first).await.unwrap_or_else(|e| panic!("{e}"));
        let updated = svc
            .update("a", &json!({"mock_name": "renamed"}))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(updated.created_at, created.created_at);
        assert_eq!(
            svc.get("a").map(|m| m.name.clone()).ok().as_deref(),
            Some("renamed")
        );
    }

    #[tokio::test]
    async fn bulk_import_reports_item_errors_and_keeps_valid_items() {
        let mut repo = MockRepo::new();
        repo.expect_import().times(1).returning(|mocks, _| {
            Ok(mocks
                .into_iter()
                .map(|m| {
                    if m.id.as_str() == "taken" {
                        Err(RepositoryError::Duplicate("taken".into()))
                    } else {
                        Ok(m)
                    }
                })
                .collect())
        });
        let svc = service(repo);
        let items = vec![
            input("ok"),
            json!({"mock_name": "bad"}),
            input("taken"),
            input("ok"),
        ];
        let report = svc
            .bulk_import(&items, false)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report.stored.len(), 1);
        let indexes: Vec<usize> = report.errors.iter().map(|(i, _)| *i).collect();
        assert_eq!(
            indexes,
            vec![1, 2, 3],
            "a repeated id inside one import is an item error"
        );
        assert!(svc.get("ok").is_ok());
    }

    struct CountingReset(std::sync::atomic::AtomicUsize);

    #[async_trait]
    impl MockStateReset for CountingReset {
        async fn reset(&self, _id: &MockId) -> Result<(), AppError> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(())
        }
    }

    #[tokio::test]
    async fn reset_and_delete_clear_registered_runtime_state() {
        let mut repo = MockRepo::new();
        repo.expect_insert().returning(|_| Ok(()));
        repo.expect_delete().times(1).returning(|_| Ok(()));
        let counter = Arc::new(CountingReset(std::sync::atomic::AtomicUsize::new(0)));
        let svc = service(repo).with_reset(counter.clone());
        svc.create(&input("a"))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        svc.reset("a").await.unwrap_or_else(|e| panic!("{e}"));
        svc.delete("a").await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(counter.0.load(std::sync::atomic::Ordering::SeqCst), 2);
        assert!(matches!(
            svc.reset("a").await,
            Err(AppError::NotFound { .. })
        ));
    }
}
