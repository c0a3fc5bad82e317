use thiserror::Error;

/// Why forwarding failed, named so a person knows where to look; the text is
/// what a `502 upstream_error` says (SPEC §8). `host` is the URL's `host:port`.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum UpstreamError {
    #[error("connection refused by {host} (is the upstream running?)")]
    ConnectionRefused { host: String },
    #[error("could not resolve the host name of {host}: {detail}")]
    Dns { host: String, detail: String },
    #[error("{host} did not answer within {seconds} s")]
    Timeout { host: String, seconds: f64 },
    #[error("TLS with {host} failed: {detail}")]
    Tls { host: String, detail: String },
    #[error("could not connect to {host}: {detail}")]
    Connect { host: String, detail: String },
    #[error("{host} sent an invalid response: {detail}")]
    InvalidResponse { host: String, detail: String },
    #[error("the connection to {host} broke while reading the response body: {detail}")]
    Interrupted { host: String, detail: String },
    #[error("upstream host {host} is not in --proxy-allowed-hosts")]
    NotAllowed { host: String },
    #[error("upstream {address} is this server's own address: forwarding there would loop")]
    Loop { address: String },
    #[error("the request cannot be sent upstream: {0}")]
    InvalidRequest(String),
}
