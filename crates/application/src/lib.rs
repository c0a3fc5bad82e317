//! Mimicus use cases: parse and validate wire input, orchestrate the
//! repositories and keep the in-memory mock catalog in step with storage.

pub mod api_keys;
pub mod dto;
pub mod error;
pub mod faults;
pub mod import;
pub mod inspector;
pub mod mocks;
pub mod preview;
pub mod recording;
pub mod serve;
pub mod server_info;
pub mod state;

pub use api_keys::ApiKeyService;
pub use error::AppError;
pub use inspector::{Inspector, QueueLimits};
pub use mocks::{
    ImportReport, MockService, MockStateReset, MockStatsService, TrafficReport, TrafficWindow,
};
pub use recording::RecordingService;
pub use server_info::ServerFacts;
pub use state::StateService;
