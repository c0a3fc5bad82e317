use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use domain::upstream::{Upstream, UpstreamBody, UpstreamError, UpstreamRequest, UpstreamResponse};
use futures_util::stream;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::classify;

/// [`Upstream`] over reqwest with rustls: one pooled client for every
/// upstream, redirects passed back instead of followed, bodies never
/// decompressed, system proxy settings ignored (a mock server forwards
/// where it is told, also on a machine with `HTTP_PROXY` set).
#[derive(Clone)]
pub struct ReqwestUpstream {
    client: reqwest::Client,
}

impl ReqwestUpstream {
    pub fn new() -> Result<Self, UpstreamError> {
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .no_gzip()
            .no_brotli()
            .no_deflate()
            .no_zstd()
            .no_proxy()
            .referer(false)
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(64)
            .build()
            .map_err(|e| UpstreamError::InvalidRequest(format!("HTTP client: {e}")))?;
        Ok(Self { client })
    }
}

/// Headers reqwest must own: `Host` comes from the URL, the framing from the body.
fn owned_by_client(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "host" | "content-length" | "transfer-encoding"
    )
}

fn header_map(headers: Vec<(String, Bytes)>) -> Result<HeaderMap, UpstreamError> {
    let mut map = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| UpstreamError::InvalidRequest(format!("invalid header name {name:?}")))?;
        if owned_by_client(&header) {
            continue;
        }
        let value = HeaderValue::from_maybe_shared(value).map_err(|_| {
            UpstreamError::InvalidRequest(format!("invalid value of header {name}"))
        })?;
        map.append(header, value);
    }
    Ok(map)
}

#[async_trait]
impl Upstream for ReqwestUpstream {
    async fn forward(&self, request: UpstreamRequest) -> Result<UpstreamResponse, UpstreamError> {
        let url = reqwest::Url::parse(&request.url)
            .map_err(|e| UpstreamError::InvalidRequest(format!("URL {:?}: {e}", request.url)))?;
        let host = format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or_default()
        );
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|_| {
            UpstreamError::InvalidRequest(format!("invalid method {:?}", request.method))
        })?;
        let limit = request.timeout;
        let sent = self
            .client
            .request(method, url)
            .headers(header_map(request.headers)?)
            .body(request.body)
            .send();
        let response = tokio::time::timeout(limit, sent)
            .await
            .map_err(|_| classify::timeout(&host, limit))?
            .map_err(|e| classify::request_error(&e, &host, limit))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), Bytes::copy_from_slice(v.as_bytes())))
            .collect();
        Ok(UpstreamResponse {
            status,
            headers,
            body: body_stream(response, host, limit),
        })
    }
}

/// The body as it arrives; each next piece must come within `limit`.
fn body_stream(response: reqwest::Response, host: String, limit: Duration) -> UpstreamBody {
    UpstreamBody::new(stream::unfold(Some(response), move |state| {
        let host = host.clone();
        async move {
            let mut response = state?;
            match tokio::time::timeout(limit, response.chunk()).await {
                Err(_) => Some((Err(classify::timeout(&host, limit)), None)),
                Ok(Err(e)) => Some((Err(classify::body_error(&e, &host, limit)), None)),
                Ok(Ok(None)) => None,
                Ok(Ok(Some(chunk))) => Some((Ok(chunk), Some(response))),
            }
        }
    }))
}
