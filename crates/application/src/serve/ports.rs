//! What serving needs from the outside, as traits, so the rules can be
//! tested with fakes: the mocks, time, the recording, and the way a result
//! computed on another thread gets back to the request.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use domain::matching::MatchOutcome;
use domain::recording::{NewCapture, Recording};
use domain::{IncomingRequest, MockCatalog, NearMiss};

use crate::{AppError, RecordingService};

/// The mocks requests are matched against (in memory: never a database read).
#[cfg_attr(test, mockall::automock)]
pub trait MockLookup: Send + Sync {
    /// The best mock for `req`, with its path params.
    fn find(&self, req: &IncomingRequest) -> Option<MatchOutcome>;
    /// Up to `limit` mocks that almost matched, and why each missed.
    fn near_misses(&self, req: &IncomingRequest, limit: usize) -> Vec<NearMiss>;
}

impl MockLookup for MockCatalog {
    fn find(&self, req: &IncomingRequest) -> Option<MatchOutcome> {
        self.index().find(req)
    }

    fn near_misses(&self, req: &IncomingRequest, limit: usize) -> Vec<NearMiss> {
        self.index().near_misses(req, limit)
    }
}

/// Time, for rate-limit windows and delays.
#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
    async fn sleep(&self, duration: Duration);
}

/// The real clock and tokio's timer.
pub struct SystemClock;

#[async_trait]
impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}

/// Where proxied exchanges are recorded (SPEC §8).
#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait CaptureSink: Send + Sync {
    /// The running recording, if any; called on every request, so lock-free.
    fn active(&self) -> Option<Arc<Recording>>;
    /// Stores a capture; committed when this returns `Ok`.
    async fn store(&self, recording: &Recording, capture: NewCapture) -> Result<(), AppError>;
}

#[async_trait]
impl CaptureSink for RecordingService {
    fn active(&self) -> Option<Arc<Recording>> {
        RecordingService::active(self)
    }

    async fn store(&self, recording: &Recording, capture: NewCapture) -> Result<(), AppError> {
        self.record(recording, capture).await.map(|_| ())
    }
}

/// Work to run on the request's own thread (typically: complete its oneshot).
pub type Delivery = Box<dyn FnOnce() + Send>;
/// Sends deliveries back to the thread that asked for it, from any thread.
pub type Courier = Box<dyn FnOnce(Delivery) + Send>;

/// How a template render that ran on the state store's thread hands its
/// result back. The server batches these per worker (one wake-up per state
/// batch); [`Direct`] just runs the delivery where it is.
pub trait ReturnPath: Send + Sync {
    /// Called on the request's thread.
    fn here(&self) -> Courier;
}

/// Runs every delivery at once, on whichever thread sends it.
pub struct Direct;

impl ReturnPath for Direct {
    fn here(&self) -> Courier {
        Box::new(|delivery| delivery())
    }
}
