use serde_json::Value;
use thiserror::Error;

/// Failures of state operations.
#[derive(Debug, Error)]
pub enum StateError {
    /// `increment` on a value that is not a JSON integer (the string "7"
    /// included), or one the increment would push out of the 64-bit range.
    #[error("state key '{0}' does not hold an integer that this increment keeps within 64 bits")]
    NotInteger(String),
    #[error("state storage failure: {0}")]
    Storage(String),
}

/// Who wrote a value, kept beside it for the admin view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StateMeta {
    pub mock_id: Option<String>,
    pub client_ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StateEntry {
    pub session_id: String,
    pub key: String,
    pub value: Value,
    pub mock_id: Option<String>,
    pub client_ip: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub session_id: String,
    pub keys: i64,
    pub updated_at: String,
}

/// What a [`StateTask`] tells its caller once the task's writes are durable
/// (`Ok`), or why they are not (`Err`: they were rolled back).
pub type StateTaskDone = Box<dyn FnOnce(Result<(), StateError>) + Send>;

/// Work that calls a state store several times (a template render), and
/// returns what to tell its caller afterwards. See [`StateRepository::run_task`].
pub type StateTask = Box<dyn FnOnce() -> StateTaskDone + Send>;

/// Storage of state values, keyed by (scope, key). A scope is a session id
/// or `ip:<client address>`.
///
/// The methods are **blocking** on purpose: templates call them from inside a
/// synchronous render, which runs through [`StateRepository::run_task`].
/// Other async callers wrap them in `spawn_blocking`.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait StateRepository: Send + Sync {
    fn get(&self, scope: &str, key: &str) -> Result<Option<Value>, StateError>;
    fn set(
        &self,
        scope: &str,
        key: &str,
        value: &Value,
        meta: &StateMeta,
    ) -> Result<(), StateError>;
    /// Atomically: a missing key becomes `initial`, an integer grows by
    /// `delta`; returns the new value. Anything else is `NotInteger`.
    fn increment(
        &self,
        scope: &str,
        key: &str,
        initial: i64,
        delta: i64,
        meta: &StateMeta,
    ) -> Result<i64, StateError>;
    /// Whether the key existed.
    fn delete(&self, scope: &str, key: &str) -> Result<bool, StateError>;
    fn list(&self, scope: &str) -> Result<Vec<StateEntry>, StateError>;
    fn sessions(&self) -> Result<Vec<SessionSummary>, StateError>;
    /// Deletes every key of a scope (or of all scopes with `None`); returns how many.
    fn clear(&self, scope: Option<String>) -> Result<usize, StateError>;

    /// Runs `task` where its calls to this store are cheapest, then calls the
    /// function it returns once every write the task made is durable. The
    /// task may block; the call itself may return before the task has run.
    ///
    /// The default runs the task right here, for stores whose writes are
    /// durable when they return and that never block (fakes, overlays).
    fn run_task(&self, task: StateTask) {
        let done = task();
        done(Ok(()));
    }
}
