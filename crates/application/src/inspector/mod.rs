//! The request inspector (SPEC §10): a bounded queue in front of a batching
//! background writer, so logging never blocks or fails a response.

mod budget;
mod json;
mod recorder;
mod writer;

pub use json::log_to_json;
pub use recorder::{Inspector, InspectorStats, QueueLimits};
