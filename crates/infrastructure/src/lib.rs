//! Adapters: SQLite storage through Diesel, behind the domain's repository
//! traits, and the upstream HTTP client behind the domain's upstream port.

pub mod api_keys;
pub mod background;
pub mod db;
pub mod mock_stats;
pub mod mocks;
pub mod recordings;
pub mod request_log;
pub mod scheduling;
pub mod state;
pub mod upstream;
pub mod variant_positions;

pub use api_keys::SqliteApiKeyRepository;
pub use background::BackgroundRuntime;
pub use db::{build_pool, DbPool, InfraError, WriteGate};
pub use mock_stats::SqliteMockStatsRepository;
pub use mocks::SqliteMockRepository;
pub use recordings::SqliteRecordingRepository;
pub use request_log::SqliteRequestLogRepository;
pub use state::SqliteStateRepository;
pub use upstream::ReqwestUpstream;
pub use variant_positions::SqliteVariantPositionRepository;
