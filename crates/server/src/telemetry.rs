use std::sync::Mutex;
use std::time::{Duration, Instant};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{filter_fn, EnvFilter};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, registry};

use crate::LogFormat;

const DEFAULT_FILTER: &str = "info,actix_server=warn,actix_web=warn";

/// Where actix-http logs a connection it gave up on (a malformed request,
/// a broken chunked body, a client that vanished) — at ERROR, once per
/// connection, so any client could flood the log with them.
const HTTP_LAYER_TARGET: &str = "actix_http::h1";

/// At most one WARN about malformed connections per this interval.
const MALFORMED_REPORT_INTERVAL: Duration = Duration::from_secs(60);

/// Installs the global subscriber; `RUST_LOG` overrides the default filter.
/// actix-http's per-connection errors are not printed as they come: each is
/// logged at DEBUG (target `mimicus::http`), and at most one WARN a minute
/// says how many there were, with the latest one cut to a few hundred bytes.
pub fn init(format: LogFormat) {
    install(format, DEFAULT_FILTER);
}

/// For the command-line tools, whose output is their report: warnings only.
pub fn init_quiet(format: LogFormat) {
    install(format, "warn");
}

fn install(format: LogFormat, default_filter: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let output = match format {
        LogFormat::Text => fmt::layer().with_writer(std::io::stderr).boxed(),
        LogFormat::Json => fmt::layer().json().with_writer(std::io::stderr).boxed(),
    };
    let not_from_http_layer = filter_fn(|meta| !is_http_layer_error(meta));
    // A second init (tests) is harmless, so its error is ignored.
    let _ = registry()
        .with(output.with_filter(filter).with_filter(not_from_http_layer))
        // Filtered too, so this layer never makes other callsites interesting.
        .with(MalformedRequests::default().with_filter(filter_fn(is_http_layer_error)))
        .try_init();
}

fn is_http_layer_error(meta: &tracing::Metadata<'_>) -> bool {
    *meta.level() <= Level::WARN && meta.target().starts_with(HTTP_LAYER_TARGET)
}

/// Re-reports actix-http's connection errors: DEBUG each, WARN rate-limited.
#[derive(Default)]
struct MalformedRequests {
    state: Mutex<ReportState>,
}

#[derive(Default)]
struct ReportState {
    last_warned: Option<Instant>,
    since_last: u64,
}

impl<S: Subscriber> Layer<S> for MalformedRequests {
    fn on_event(&self, event: &Event<'_>, _cx: Context<'_, S>) {
        if !is_http_layer_error(event.metadata()) {
            return;
        }
        let mut message = MessageText(String::new());
        event.record(&mut message);
        let text = domain::limits::echo(&message.0);
        tracing::debug!(target: "mimicus::http", "connection closed by the HTTP layer: {text}");
        let now = Instant::now();
        let report = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            state.since_last += 1;
            let due = state
                .last_warned
                .is_none_or(|at| now.duration_since(at) >= MALFORMED_REPORT_INTERVAL);
            if due {
                state.last_warned = Some(now);
                Some(std::mem::take(&mut state.since_last))
            } else {
                None
            }
        };
        if let Some(count) = report {
            tracing::warn!(
                target: "mimicus::http",
                count,
                "{count} malformed or broken HTTP request(s) since the last report (at most one report a minute; each is logged at DEBUG under mimicus::http); latest: {text}"
            );
        }
    }
}

struct MessageText(String);

impl Visit for MessageText {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}
