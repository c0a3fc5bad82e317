use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use super::{SessionSummary, StateEntry, StateError, StateMeta, StateRepository};

/// Reads through to the real store, keeps writes in memory and drops them
/// with itself: a template preview sees real state but never changes it.
pub struct OverlayStore {
    inner: Arc<dyn StateRepository>,
    writes: Mutex<HashMap<(String, String), Option<Value>>>,
}

impl OverlayStore {
    pub fn new(inner: Arc<dyn StateRepository>) -> Self {
        Self {
            inner,
            writes: Mutex::new(HashMap::new()),
        }
    }

    fn writes(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), Option<Value>>> {
        self.writes.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl StateRepository for OverlayStore {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Value>, StateError> {
        match self.writes().get(&(scope.to_string(), key.to_string())) {
            Some(written) => Ok(written.clone()),
            None => self.inner.get(scope, key),
        }
    }

    fn set(
        &self,
        scope: &str,
        key: &str,
        value: &Value,
        _meta: &StateMeta,
    ) -> Result<(), StateError> {
        self.writes()
            .insert((scope.to_string(), key.to_string()), Some(value.clone()));
        Ok(())
    }

    fn increment(
        &self,
        scope: &str,
        key: &str,
        initial: i64,
        delta: i64,
        meta: &StateMeta,
    ) -> Result<i64, StateError> {
        let next = match self.get(scope, key)? {
            None => initial,
            Some(Value::Number(n)) => n
                .as_i64()
                .and_then(|v| v.checked_add(delta))
                .ok_or_else(|| StateError::NotInteger(key.to_string()))?,
            Some(_) => return Err(StateError::NotInteger(key.to_string())),
        };
        self.set(scope, key, &Value::from(next), meta)?;
        Ok(next)
    }

    fn delete(&self, scope: &str, key: &str) -> Result<bool, StateError> {
        let existed = self.get(scope, key)?.is_some();
        self.writes()
            .insert((scope.to_string(), key.to_string()), None);
        Ok(existed)
    }

    fn list(&self, scope: &str) -> Result<Vec<StateEntry>, StateError> {
        self.inner.list(scope)
    }

    fn sessions(&self) -> Result<Vec<SessionSummary>, StateError> {
        self.inner.sessions()
    }

    fn clear(&self, _scope: Option<String>) -> Result<usize, StateError> {
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::repository::MockStateRepository;

    #[test]
    fn reads_fall_through_and_writes_never_reach_the_store() {
        let mut real = MockStateRepository::new();
        real.expect_get().returning(|_, _| Ok(Some(Value::from(5))));
        real.expect_set().never();
        real.expect_increment().never();
        let overlay = OverlayStore::new(Arc::new(real));
        let meta = StateMeta::default();
        assert_eq!(overlay.get("s", "n").ok().flatten(), Some(Value::from(5)));
        assert_eq!(overlay.increment("s", "n", 1, 2, &meta).ok(), Some(7));
        overlay
            .set("s", "x", &Value::from("y"), &meta)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(overlay.get("s", "x").ok().flatten(), Some(Value::from("y")));
        assert!(overlay.delete("s", "x").unwrap_or(false));
        assert_eq!(overlay.get("s", "x").ok().flatten(), None);
    }

    #[test]
    fn a_preview_increment_refuses_overflow_like_the_store() {
        let mut real = MockStateRepository::new();
        real.expect_get()
            .returning(|_, _| Ok(Some(Value::from(i64::MAX))));
        let overlay = OverlayStore::new(Arc::new(real));
        let meta = StateMeta::default();
        assert!(matches!(
            overlay.increment("s", "n", 0, 1, &meta),
            Err(StateError::NotInteger(_))
        ));
    }
}
