use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Capture, NewCapture, Recording, RecordingSettings};
use crate::RepositoryError;

/// A page of a recording's captures, oldest first; `limit: None` means all.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CapturePage {
    pub limit: Option<i64>,
    pub offset: i64,
}

/// Persistence of recordings and their captures (SPEC §8). Only the latest
/// recording is ever read, so storage keeps just that one. Every method is
/// async and never blocks the caller's thread.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait RecordingRepository: Send + Sync {
    /// Starts a new recording and deletes the older ones with their
    /// captures, atomically. `Conflict` while another recording is active
    /// (also when another instance started it).
    async fn start(
        &self,
        settings: &RecordingSettings,
        started_at: DateTime<Utc>,
    ) -> Result<Recording, RepositoryError>;
    /// The most recently started recording, active or not.
    async fn latest(&self) -> Result<Option<Recording>, RepositoryError>;
    /// Marks a recording stopped; one already stopped keeps its first stop
    /// time. `NotFound` when there is no such recording.
    async fn stop(
        &self,
        recording_id: i64,
        stopped_at: DateTime<Utc>,
    ) -> Result<Recording, RepositoryError>;
    /// Stores a capture. It is committed when this returns `Ok`, so a
    /// proxied response sent afterwards is never missing from the recording,
    /// even if the process dies right after. `NotFound` for an unknown recording.
    async fn add_capture(
        &self,
        recording_id: i64,
        capture: NewCapture,
    ) -> Result<Capture, RepositoryError>;
    /// Captures oldest first, and how many the recording has in all.
    async fn captures(
        &self,
        recording_id: i64,
        page: CapturePage,
    ) -> Result<(Vec<Capture>, i64), RepositoryError>;
    async fn count_captures(&self, recording_id: i64) -> Result<i64, RepositoryError>;
}
