//! Mock administration use cases (SPEC §3).

mod import;
mod service;
mod stats;

pub use import::ImportReport;
pub use service::{MockService, MockStateReset};
pub use stats::{MockStatsService, FLUSH_PERIOD};
