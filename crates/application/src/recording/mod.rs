//! Recording use cases (SPEC §8): start, status, captured, stop (and turn
//! the captures into mocks), plus storing a capture for the proxy path.

mod create_mocks;
mod service;

pub use create_mocks::{CreatedMocks, SkippedCapture};
pub use service::{RecordingService, RecordingStatus, StopReport};

#[cfg(test)]
mod tests;
