//! reqwest's errors → the domain's [`UpstreamError`], naming the cause.

use std::error::Error as StdError;
use std::io::ErrorKind;
use std::time::Duration;

use domain::upstream::UpstreamError;

/// Every error in the chain, outermost first.
fn chain<'a>(
    e: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(e), |e: &&'a (dyn StdError + 'static)| (*e).source())
}

/// The innermost message: the most specific one ("Connection refused
/// (os error 111)" rather than "error sending request for url …").
fn innermost(e: &(dyn StdError + 'static)) -> String {
    chain(e).last().map(ToString::to_string).unwrap_or_default()
}

fn io_kind(e: &(dyn StdError + 'static)) -> Option<ErrorKind> {
    chain(e).find_map(|e| e.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
}

/// rustls reports through the connector as text only; these words appear
/// in its messages and in no plain TCP or HTTP error.
fn mentions_tls(e: &(dyn StdError + 'static)) -> bool {
    chain(e).any(|e| {
        let text = e.to_string().to_ascii_lowercase();
        [
            "tls",
            "certificate",
            "handshake",
            "corrupt message",
            "alert",
        ]
        .iter()
        .any(|w| text.contains(w))
    })
}

fn mentions_dns(e: &(dyn StdError + 'static)) -> bool {
    chain(e).any(|e| {
        let text = e.to_string().to_ascii_lowercase();
        text.contains("dns error") || text.contains("failed to lookup address")
    })
}

pub fn timeout(host: &str, limit: Duration) -> UpstreamError {
    UpstreamError::Timeout {
        host: host.to_string(),
        seconds: limit.as_secs_f64(),
    }
}

/// Classifies a failure to get the response head.
pub fn request_error(e: &reqwest::Error, host: &str, limit: Duration) -> UpstreamError {
    let host = host.to_string();
    let detail = innermost(e);
    if e.is_timeout() || io_kind(e) == Some(ErrorKind::TimedOut) {
        return timeout(&host, limit);
    }
    if io_kind(e) == Some(ErrorKind::ConnectionRefused) {
        return UpstreamError::ConnectionRefused { host };
    }
    if mentions_dns(e) {
        return UpstreamError::Dns { host, detail };
    }
    if mentions_tls(e) {
        return UpstreamError::Tls { host, detail };
    }
    if e.is_connect() {
        return UpstreamError::Connect { host, detail };
    }
    if e.is_builder() {
        return UpstreamError::InvalidRequest(detail);
    }
    UpstreamError::InvalidResponse { host, detail }
}

/// Classifies a failure while the body arrives.
pub fn body_error(e: &reqwest::Error, host: &str, limit: Duration) -> UpstreamError {
    if e.is_timeout() {
        return timeout(host, limit);
    }
    UpstreamError::Interrupted {
        host: host.to_string(),
        detail: innermost(e),
    }
}
