use std::sync::Arc;

use application::{MockService, StateService};

/// Shared, read-mostly state handed to every handler.
pub struct AppState {
    pub mocks: Arc<MockService>,
    pub state: Arc<StateService>,
    /// Largest accepted request body, in bytes (admin API and mock surface).
    pub body_limit: usize,
    /// Header whose value scopes state, variants and rate limits to a session (SPEC §5).
    pub session_header: String,
}
