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
