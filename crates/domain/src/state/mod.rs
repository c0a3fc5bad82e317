//! Per-session (or per-client) state (SPEC §5).

mod overlay;
mod repository;

pub use overlay::OverlayStore;
pub use repository::{
    SessionSummary, StateEntry, StateError, StateMeta, StateRepository, StateTask, StateTaskDone,
};
