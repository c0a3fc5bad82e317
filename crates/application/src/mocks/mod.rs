//! Mock administration use cases (SPEC §3).

mod import;
mod service;
mod stats;
mod traffic;

pub use import::{prepare_mocks, ImportReport, StoredMock};
pub use service::{MockService, MockStateReset};
pub use stats::{MockStatsService, FLUSH_PERIOD};
pub use traffic::{TrafficReport, TrafficWindow, RATE_SECONDS};
