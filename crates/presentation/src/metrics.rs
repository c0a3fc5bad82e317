//! `GET /metrics` (SPEC §1): Prometheus text. One registry per app, so
//! several servers in one process (tests) never share counters.

use std::sync::atomic::Ordering;

use actix_web::{web, HttpResponse};
use domain::Outcome;
use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};

use crate::AppState;

pub struct Metrics {
    registry: Registry,
    /// One counter per outcome, resolved once so the hot path does no label lookup.
    by_outcome: Vec<(Outcome, IntCounter)>,
    latency: Histogram,
    upstream_calls: IntCounter,
    upstream_errors: IntCounter,
    upstream_latency: Histogram,
    mocks: IntGauge,
    queue_depth: IntGauge,
    queue_bytes: IntGauge,
    written: IntCounter,
    dropped: IntCounter,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("mimicus_requests_total", "Mock-surface requests by outcome"),
            &["outcome"],
        )?;
        let latency = Histogram::with_opts(
            HistogramOpts::new(
                "mimicus_request_duration_seconds",
                "Mock-surface request latency",
            )
            .buckets(vec![
                0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                1.0, 2.5, 5.0, 10.0,
            ]),
        )?;
        let upstream_calls = IntCounter::new(
            "mimicus_upstream_requests_total",
            "Requests forwarded to an upstream (proxy modes and recording)",
        )?;
        let upstream_errors = IntCounter::new(
            "mimicus_upstream_errors_total",
            "Forwarded requests that got no answer (connection error, timeout)",
        )?;
        let upstream_latency = Histogram::with_opts(
            HistogramOpts::new(
                "mimicus_upstream_duration_seconds",
                "Time until the upstream answered (or failed)",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
            ]),
        )?;
        let mocks = IntGauge::new("mimicus_mocks", "Mocks stored (enabled or not)")?;
        let queue_depth = IntGauge::new(
            "mimicus_inspector_queue_depth",
            "Inspector entries waiting to be written",
        )?;
        let queue_bytes = IntGauge::new(
            "mimicus_inspector_queue_bytes",
            "Bytes held by inspector entries not yet written",
        )?;
        let written = IntCounter::new(
            "mimicus_inspector_written_total",
            "Inspector entries written",
        )?;
        let dropped = IntCounter::new(
            "mimicus_inspector_dropped_total",
            "Inspector entries dropped (queue full or write failed)",
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(upstream_calls.clone()))?;
        registry.register(Box::new(upstream_errors.clone()))?;
        registry.register(Box::new(upstream_latency.clone()))?;
        registry.register(Box::new(mocks.clone()))?;
        registry.register(Box::new(queue_depth.clone()))?;
        registry.register(Box::new(queue_bytes.clone()))?;
        registry.register(Box::new(written.clone()))?;
        registry.register(Box::new(dropped.clone()))?;
        let by_outcome = Outcome::ALL
            .iter()
            .map(|o| (*o, requests.with_label_values(&[o.as_str()])))
            .collect();
        Ok(Self {
            registry,
            by_outcome,
            latency,
            upstream_calls,
            upstream_errors,
            upstream_latency,
            mocks,
            queue_depth,
            queue_bytes,
            written,
            dropped,
        })
    }

    pub fn observe(&self, outcome: Outcome, seconds: f64) {
        if let Some((_, counter)) = self.by_outcome.iter().find(|(o, _)| *o == outcome) {
            counter.inc();
        }
        self.latency.observe(seconds);
    }

    /// One call to an upstream and how long it took.
    pub fn observe_upstream(&self, seconds: f64, failed: bool) {
        self.upstream_calls.inc();
        if failed {
            self.upstream_errors.inc();
        }
        self.upstream_latency.observe(seconds);
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(render));
}

async fn render(state: web::Data<AppState>) -> HttpResponse {
    let m = &state.metrics;
    m.mocks
        .set(i64::try_from(state.mocks.catalog().len()).unwrap_or(i64::MAX));
    m.queue_depth
        .set(i64::try_from(state.inspector.queue_depth()).unwrap_or(i64::MAX));
    m.queue_bytes
        .set(i64::try_from(state.inspector.queued_bytes()).unwrap_or(i64::MAX));
    // The inspector keeps monotonic atomics; catch the counters up to them.
    let stats = state.inspector.stats();
    let written = stats.written.load(Ordering::Relaxed);
    m.written.inc_by(written.saturating_sub(m.written.get()));
    let dropped = stats.dropped.load(Ordering::Relaxed);
    m.dropped.inc_by(dropped.saturating_sub(m.dropped.get()));
    let mut buffer = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&m.registry.gather(), &mut buffer) {
        tracing::error!(error = %e, "metrics encoding failed");
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(buffer)
}
