//! Serving a mock-surface request (SPEC §4–§9): the use case behind every
//! path outside the reserved ones. It takes a plain request and returns a
//! plain [`Reply`]; the HTTP layer only converts, and everything it calls
//! goes through ports, so the rules are tested with fakes.

mod capture;
mod faults;
mod ports;
mod proxy;
mod render;
mod reply;
mod unmatched;

#[cfg(test)]
mod proxy_tests;
#[cfg(test)]
mod tests;

pub use ports::{
    CaptureSink, Clock, Courier, Delivery, Direct, MockLookup, ReturnPath, SystemClock,
};
pub use reply::{Reply, ReplyBody, ReplyHeaders, Source, UpstreamCall, JSON};
pub use unmatched::near_miss_json;

use std::sync::Arc;

use domain::faults::{RateLimitCounter, VariantPositionRepository};
use domain::state::StateRepository;
use domain::upstream::{ProxyPolicy, Upstream};
use domain::{IncomingRequest, MockMode};

/// A request as received: the parsed form the matcher and templates read,
/// and the raw target, forwarded exactly to an upstream.
#[derive(Debug, Clone, Copy)]
pub struct SurfaceRequest<'a> {
    pub incoming: &'a IncomingRequest,
    /// The path as received, still percent-encoded.
    pub raw_path: &'a str,
    /// The query string as received, without `?`; empty for none.
    pub raw_query: &'a str,
}

/// Everything serving reaches outside itself through.
pub struct Ports {
    pub mocks: Arc<dyn MockLookup>,
    pub limiter: Arc<dyn RateLimitCounter>,
    pub positions: Arc<dyn VariantPositionRepository>,
    pub state: Arc<dyn StateRepository>,
    pub upstream: Arc<dyn Upstream>,
    pub recording: Arc<dyn CaptureSink>,
    pub clock: Arc<dyn Clock>,
    pub return_path: Arc<dyn ReturnPath>,
}

/// Serving settings fixed at startup.
#[derive(Debug, Clone)]
pub struct SurfaceSettings {
    /// Keep a JSON copy of each template context (for the inspector).
    pub keep_template_context: bool,
    /// Largest text one template render may produce, in bytes.
    pub template_max_output: usize,
    /// Which upstreams may be forwarded to.
    pub proxy: ProxyPolicy,
    /// How much of an upstream body is read before answering, for the
    /// inspector (0 when it is off); the rest streams.  (One byte more is
    /// read, to know whether the body is longer.)
    pub inspected_body_limit: usize,
    /// How much of an upstream body a recording captures; a longer one is
    /// stored cut (and makes no mock).
    pub capture_body_limit: usize,
}

/// The mock surface's use case.
pub struct Surface {
    ports: Ports,
    settings: SurfaceSettings,
}

impl Surface {
    pub fn new(ports: Ports, settings: SurfaceSettings) -> Self {
        Self { ports, settings }
    }

    /// Finds the mock and produces its answer: its own (SPEC §7 order: rate
    /// limit → error simulation → delay → variant / response) or the
    /// upstream's (SPEC §8). A request no mock matches is forwarded when a
    /// recording covers its path, else answered 404.
    pub async fn serve(&self, req: SurfaceRequest<'_>) -> Reply {
        let incoming = req.incoming;
        let Some(found) = self.ports.mocks.find(incoming) else {
            if let Some(recording) = self.ports.recording.active() {
                if recording.settings.path_prefix.covers(&incoming.path) {
                    return self.answer_by_recording(req, &recording).await;
                }
            }
            return self.unmatched(incoming);
        };
        match found.mock.mode {
            MockMode::Mock => self.answer_with_mock(found, incoming).await,
            MockMode::Proxy | MockMode::ProxyWithFallback | MockMode::Passthrough => {
                self.answer_by_proxy(found, req).await
            }
        }
    }
}
