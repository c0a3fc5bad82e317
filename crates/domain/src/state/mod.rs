//! Per-session (or per-client) state (SPEC §5).

mod overlay;
mod reply_phase;
mod repository;

pub use overlay::OverlayStore;
pub use reply_phase::{after_replies, answer_batch};
#[cfg(any(test, feature = "mocks"))]
pub use repository::MockStateRepository;
pub use repository::{
    SessionSummary, StateEntry, StateError, StateMeta, StateRepository, StateTask, StateTaskDone,
};
