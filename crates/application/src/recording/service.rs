use std::sync::Arc;

use arc_swap::ArcSwapOption;
use chrono::Utc;
use domain::recording::{Capture, CapturePage, NewCapture, Recording, RecordingRepository};
use domain::upstream::ProxyPolicy;
use domain::RepositoryError;
use serde_json::Value;
use tokio::sync::Mutex;

use super::create_mocks::{create_mocks, CreatedMocks};
use crate::dto::{parse_start, parse_stop};
use crate::{AppError, MockService};

/// The latest recording and how many captures it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingStatus {
    pub recording: Option<Recording>,
    pub captured: i64,
}

/// What `stop` did: the recording as stopped, all its captures and, when
/// asked, the mocks made from them.
#[derive(Debug)]
pub struct StopReport {
    pub recording: Recording,
    pub captures: Vec<Capture>,
    pub mocks: CreatedMocks,
}

/// Recording sessions. The database holds the truth (the latest recording
/// survives a restart); the active one is also kept in memory so the mock
/// surface can check it on every request without a query.
pub struct RecordingService {
    repo: Arc<dyn RecordingRepository>,
    pub(super) mocks: Arc<MockService>,
    active: ArcSwapOption<Recording>,
    /// Start and stop one at a time, so the in-memory copy follows storage.
    changes: Mutex<()>,
    /// Upstreams a recording may forward to (SPEC §8).
    proxy: ProxyPolicy,
}

fn nothing_recorded() -> AppError {
    AppError::Conflict(
        "no recording has been started yet; start one with POST /api/admin/recording/start"
            .to_string(),
    )
}

impl RecordingService {
    /// Reads the latest recording, so one that was running before a restart runs on.
    pub async fn load(
        repo: Arc<dyn RecordingRepository>,
        mocks: Arc<MockService>,
    ) -> Result<Self, AppError> {
        let latest = repo.latest().await?;
        Ok(Self {
            repo,
            mocks,
            active: ArcSwapOption::new(latest.filter(Recording::is_active).map(Arc::new)),
            changes: Mutex::new(()),
            proxy: ProxyPolicy::default(),
        })
    }

    /// Refuses (422 on `upstream_url`) a recording that would forward to a
    /// host outside `--proxy-allowed-hosts` or to this server itself.
    pub fn with_proxy_policy(mut self, policy: ProxyPolicy) -> Self {
        self.proxy = policy;
        self
    }

    /// The running recording, if any; lock-free, for the request path.
    pub fn active(&self) -> Option<Arc<Recording>> {
        self.active.load_full()
    }

    /// Starts recording (`409` while one runs); the previous recording and
    /// its captures are replaced.
    pub async fn start(&self, input: &Value) -> Result<Recording, AppError> {
        let settings = parse_start(input)?;
        self.proxy.check_field(&settings.upstream_url)?;
        let _change = self.changes.lock().await;
        let recording = self.repo.start(&settings, Utc::now()).await?;
        self.active.store(Some(Arc::new(recording.clone())));
        Ok(recording)
    }

    pub async fn status(&self) -> Result<RecordingStatus, AppError> {
        let recording = self.repo.latest().await?;
        let captured = match &recording {
            Some(r) => self.repo.count_captures(r.recording_id).await?,
            None => 0,
        };
        Ok(RecordingStatus {
            recording,
            captured,
        })
    }

    /// The latest recording's captures, oldest first, and their total;
    /// none before the first recording.
    pub async fn captured(&self, page: CapturePage) -> Result<(Vec<Capture>, i64), AppError> {
        match self.repo.latest().await? {
            Some(r) => Ok(self.repo.captures(r.recording_id, page).await?),
            None => Ok((Vec::new(), 0)),
        }
    }

    /// Stops the latest recording (stopping a stopped one changes nothing,
    /// so its captures can still be turned into mocks) and, with
    /// `create_mocks`, stores mocks made from its captures.
    pub async fn stop(&self, input: Option<&Value>) -> Result<StopReport, AppError> {
        let options = parse_stop(input)?;
        let _change = self.changes.lock().await;
        let latest = self.repo.latest().await?.ok_or_else(nothing_recorded)?;
        let recording = self.repo.stop(latest.recording_id, Utc::now()).await?;
        self.active.store(None);
        let (captures, _) = self
            .repo
            .captures(recording.recording_id, CapturePage::default())
            .await?;
        let mocks = if options.create_mocks {
            create_mocks(&self.mocks, &captures, options.upsert).await?
        } else {
            CreatedMocks::default()
        };
        Ok(StopReport {
            recording,
            captures,
            mocks,
        })
    }

    /// Stores one exchange of `recording`; committed when this returns, so
    /// the caller sends the proxied response only afterwards (SPEC §8).
    pub async fn record(
        &self,
        recording: &Recording,
        capture: NewCapture,
    ) -> Result<Capture, AppError> {
        self.repo
            .add_capture(recording.recording_id, capture)
            .await
            .map_err(|e| match e {
                RepositoryError::NotFound => AppError::NotFound {
                    resource: "recording",
                    id: recording.recording_id.to_string(),
                },
                other => other.into(),
            })
    }
}
