//! The upstream port (SPEC §8): forwarding a request to a real backend.
//! Adapters (an HTTP client) implement [`Upstream`]; the domain knows only
//! plain requests, responses and a byte stream, no HTTP library's types.

mod body;
mod error;
mod policy;
mod url;

pub use body::{Buffered, ByteStream, UpstreamBody};
pub use error::UpstreamError;
pub use policy::ProxyPolicy;
pub use url::UpstreamUrl;

use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;

/// A request to forward. Header values are bytes, passed on exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct UpstreamRequest {
    pub method: String,
    /// Absolute `http://` or `https://` URL, query included.
    pub url: String,
    /// Sent as given, repeats kept, except what the adapter owns: `Host`
    /// (from the URL) and the framing headers (`Content-Length`,
    /// `Transfer-Encoding`, from the body). Dropping hop-by-hop headers and
    /// adding `X-Forwarded-For` is the caller's rule, not the adapter's.
    pub headers: Vec<(String, Bytes)>,
    pub body: Bytes,
    /// How long the upstream may take to send the response head, and then
    /// to send each next piece of the body (an idle limit, so a long
    /// download that keeps flowing is never cut).
    pub timeout: Duration,
}

/// The upstream's answer: status and headers as received, the body as it arrives.
#[derive(Debug)]
pub struct UpstreamResponse {
    pub status: u16,
    pub headers: Vec<(String, Bytes)>,
    pub body: UpstreamBody,
}

/// Forwards requests to an upstream server. Redirects are not followed (a
/// 3xx is the answer) and bodies are not decompressed (bytes pass exactly).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait Upstream: Send + Sync {
    async fn forward(&self, request: UpstreamRequest) -> Result<UpstreamResponse, UpstreamError>;
}
