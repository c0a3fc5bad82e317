use std::sync::Arc;

use application::serve::Surface;
use application::{
    ApiKeyService, Inspector, MockService, MockStatsService, RecordingService, ServerFacts,
    StateService,
};

use crate::metrics::Metrics;

/// Shared, read-mostly state handed to every handler.
pub struct AppState {
    pub mocks: Arc<MockService>,
    /// Hit counts per mock (SPEC §12), recorded by the mock surface.
    pub stats: Arc<MockStatsService>,
    pub state: Arc<StateService>,
    pub inspector: Arc<Inspector>,
    pub api_keys: Arc<ApiKeyService>,
    pub recording: Arc<RecordingService>,
    /// Serves the mock surface (SPEC §4–§9).
    pub surface: Arc<Surface>,
    pub metrics: Arc<Metrics>,
    /// Version, database, listen address and start time (`/api/admin/server-info`).
    pub server: Arc<ServerFacts>,
    /// Largest accepted request body, in bytes (admin API and mock surface).
    pub body_limit: usize,
    /// Longest wait for the rest of a request body (408 beyond it).
    pub body_read_timeout: std::time::Duration,
    /// Largest text one template render may produce, in bytes (previews).
    pub template_max_output: usize,
    /// Header whose value scopes state, variants and rate limits to a session (SPEC §5).
    pub session_header: String,
}
