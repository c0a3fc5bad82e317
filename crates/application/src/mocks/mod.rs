//! Mock administration use cases (SPEC §3).

mod import;
mod service;

pub use import::ImportReport;
pub use service::{MockService, MockStateReset};
