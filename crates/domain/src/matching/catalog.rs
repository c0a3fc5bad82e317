use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use arc_swap::{ArcSwap, Guard};

use super::MockIndex;
use crate::{MockDefinition, MockId, MockRepository, RepositoryError};

/// All mock definitions held in memory, with the published [`MockIndex`].
///
/// Admin changes update the catalog after the database write succeeded; the
/// index is rebuilt from memory and swapped atomically, so readers on the hot
/// path see either the old or the new set, never a half-built one.
pub struct MockCatalog {
    mocks: Mutex<HashMap<MockId, Arc<MockDefinition>>>,
    index: ArcSwap<MockIndex>,
}

impl MockCatalog {
    pub fn new(mocks: Vec<MockDefinition>) -> Self {
        let map: HashMap<MockId, Arc<MockDefinition>> = mocks
            .into_iter()
            .map(|m| (m.id.clone(), Arc::new(m)))
            .collect();
        let index = MockIndex::build(map.values().cloned());
        Self {
            mocks: Mutex::new(map),
            index: ArcSwap::from_pointee(index),
        }
    }

    /// Loads every stored mock; used once at startup.
    pub async fn load(repo: &dyn MockRepository) -> Result<Self, RepositoryError> {
        Ok(Self::new(repo.all().await?))
    }

    /// The current index; cheap, lock-free, safe to hold across a request.
    pub fn index(&self) -> Guard<Arc<MockIndex>> {
        self.index.load()
    }

    /// Number of mocks (enabled or not).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, id: &MockId) -> Option<Arc<MockDefinition>> {
        self.lock().get(id).cloned()
    }

    /// Every mock, in no particular order.
    pub fn all(&self) -> Vec<Arc<MockDefinition>> {
        self.lock().values().cloned().collect()
    }

    pub fn put(&self, mock: MockDefinition) {
        self.put_many(vec![mock]);
    }

    pub fn put_many(&self, mocks: Vec<MockDefinition>) {
        let mut map = self.lock();
        for mock in mocks {
            map.insert(mock.id.clone(), Arc::new(mock));
        }
        self.publish(&map);
    }

    pub fn remove(&self, id: &MockId) {
        let mut map = self.lock();
        map.remove(id);
        self.publish(&map);
    }

    fn publish(&self, map: &HashMap<MockId, Arc<MockDefinition>>) {
        self.index
            .store(Arc::new(MockIndex::build(map.values().cloned())));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<MockId, Arc<MockDefinition>>> {
        // A panic elsewhere cannot leave the map half-updated (inserts are
        // single operations), so a poisoned lock is still safe to use.
        self.mocks.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::{MatchMethod, MockId};
    use crate::{IncomingRequest, PathPattern};

    use crate::repository::MockMockRepository as MockRepo;

    fn mock(id: &str, path: &str) -> MockDefinition {
        MockDefinition::new(
            MockId::parse(id).unwrap_or_else(|e| panic!("{e}")),
            id,
            MatchMethod::Any,
            PathPattern::parse(path).unwrap_or_else(|e| panic!("{e}")),
        )
    }

    fn get(path: &str) -> IncomingRequest {
        IncomingRequest::new("GET", path, vec![], vec![], vec![], "127.0.0.1")
    }

    #[tokio::test]
    async fn load_reads_every_stored_mock_once_and_indexes_them() {
        let mut repo = MockRepo::new();
        repo.expect_all()
            .times(1)
            .returning(|| Ok(vec![mock("a", "/a"), mock("b", "/b")]));
        let catalog = MockCatalog::load(&repo)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(catalog.len(), 2);
        assert!(catalog.index().find(&get("/b")).is_some());
    }

    #[tokio::test]
    async fn load_propagates_storage_failures() {
        let mut repo = MockRepo::new();
        repo.expect_all()
            .returning(|| Err(RepositoryError::Unknown("disk gone".into())));
        assert!(MockCatalog::load(&repo).await.is_err());
    }

    #[test]
    fn changes_publish_a_new_index_without_disturbing_old_readers() {
        let catalog = MockCatalog::new(vec![mock("a", "/a")]);
        let before = catalog.index();
        catalog.put(mock("b", "/b"));
        catalog.remove(&MockId::parse("a").unwrap_or_else(|e| panic!("{e}")));
        assert!(
            before.find(&get("/a")).is_some(),
            "an index already handed out stays intact"
        );
        let after = catalog.index();
        assert!(after.find(&get("/a")).is_none());
        assert!(after.find(&get("/b")).is_some());
    }
}
