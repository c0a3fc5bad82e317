//! Forwarding to an upstream (SPEC §8): the proxy modes of a mock, and the
//! recording's proxying of requests no mock matches.

use std::time::{Duration, Instant};

use bytes::Bytes;
use domain::matching::MatchOutcome;
use domain::recording::{HopByHop, Recording};
use domain::upstream::{UpstreamError, UpstreamRequest, UpstreamResponse, UpstreamUrl};
use domain::{IncomingRequest, MockMode, Outcome};

use super::capture::Captured;
use super::faults::Gate;
use super::reply::{Reply, ReplyBody, ReplyHeaders, Source, UpstreamCall};
use super::{Surface, SurfaceRequest};

/// Where one request is forwarded, and on whose behalf.
pub(super) struct Target<'a> {
    pub url: UpstreamUrl,
    pub timeout: Duration,
    /// The proxy-mode mock forwarding, `None` for the recording's own proxying.
    pub mock_id: Option<&'a str>,
}

impl Surface {
    /// A mock in a proxy mode. `proxy` and `proxy-with-fallback` keep the
    /// mock's faults (rate limit → error simulation → delay, then forward);
    /// `passthrough` forwards unchanged. Only `proxy-with-fallback` answers
    /// with the mock's own response when the upstream fails or sends a 5xx.
    pub(super) async fn answer_by_proxy(
        &self,
        found: MatchOutcome,
        req: SurfaceRequest<'_>,
    ) -> Reply {
        let mock = &found.mock;
        let passthrough = mock.mode == MockMode::Passthrough;
        let mut extra_headers = Vec::new();
        if !passthrough {
            extra_headers = match self.rate_limit(mock, req.incoming).await {
                Gate::Refused(reply) => return *reply,
                Gate::Pass(headers) => headers,
            };
            if let Some(mut reply) = self.simulated_error(&found, req.incoming).await {
                extra_headers.append(&mut reply.extra_headers);
                reply.extra_headers = extra_headers;
                return reply;
            }
            self.delay(mock).await;
        }
        let url = match mock.upstream_url.as_deref().map(UpstreamUrl::parse) {
            Some(Ok(url)) => url,
            // Validated when stored; a mock without one never reaches here.
            _ => {
                let error =
                    UpstreamError::InvalidRequest("the mock has no valid upstream_url".into());
                return upstream_error(&error, None).for_mock(mock);
            }
        };
        let target = Target {
            url,
            timeout: Duration::from_secs_f64(mock.timeout_seconds),
            mock_id: Some(mock.id.as_str()),
        };
        // A refused upstream (a loop, outside the allowlist) is a 502 in
        // every mode: falling back would hide a configuration error.
        if let Err(refused) = self.settings.proxy.check(&target.url) {
            return upstream_error(&refused, None).for_mock(mock);
        }
        let recording = self.ports.recording.active();
        let fallback = mock.mode == MockMode::ProxyWithFallback;
        let mut reply = match self.forward(req, &target, recording.as_deref()).await {
            Ok(reply) if !(fallback && reply.status >= 500) => reply,
            Err(reply) if !fallback => reply,
            Ok(failed) | Err(failed) => {
                let mut own = self.own_response(&found, req.incoming).await;
                own.upstream = failed.upstream;
                own.source = Some(Source::Fallback);
                if own.outcome == Outcome::Matched {
                    own.outcome = Outcome::Fallback;
                }
                own.extra_headers
                    .push(("x-mimicus-source", "fallback".into()));
                own
            }
        };
        extra_headers.append(&mut reply.extra_headers);
        reply.extra_headers = extra_headers;
        reply.for_mock(mock)
    }

    /// A request no mock matched, under the active recording's prefix.
    pub(super) async fn answer_by_recording(
        &self,
        req: SurfaceRequest<'_>,
        recording: &Recording,
    ) -> Reply {
        let target = Target {
            url: recording.settings.upstream_url.clone(),
            timeout: recording.settings.timeout,
            mock_id: None,
        };
        if let Err(refused) = self.settings.proxy.check(&target.url) {
            return upstream_error(&refused, None);
        }
        match self.forward(req, &target, Some(recording)).await {
            Ok(reply) | Err(reply) => reply,
        }
    }

    /// Forwards `req` to `target`: `Ok` with the upstream's answer (any
    /// status), `Err` with a 502 naming why there is none. While `recording`
    /// runs, the exchange is stored before this returns.
    pub(super) async fn forward(
        &self,
        req: SurfaceRequest<'_>,
        target: &Target<'_>,
        recording: Option<&Recording>,
    ) -> Result<Reply, Reply> {
        let started = Instant::now();
        let sent = self
            .ports
            .upstream
            .forward(upstream_request(req, target))
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(e) => return Err(upstream_error(&e, Some(elapsed(started)))),
        };
        let limit = match recording {
            Some(_) => self.settings.capture_body_limit,
            None => self.settings.inspected_body_limit,
        };
        let UpstreamResponse {
            status,
            headers,
            body,
        } = response;
        // One byte beyond the limit tells a body of exactly `limit` bytes
        // from a longer one.
        let buffered = match body.read_up_to(limit.saturating_add(1)).await {
            Ok(buffered) => buffered,
            Err(e) => return Err(upstream_error(&e, Some(elapsed(started)))),
        };
        let call = UpstreamCall {
            seconds: elapsed(started),
            failed: false,
        };
        if let Some(recording) = recording {
            let kept = buffered.head.slice(..buffered.head.len().min(limit));
            let captured = Captured {
                status,
                headers: &headers,
                body: &kept,
                truncated: buffered.head.len() > limit,
                seconds: call.seconds,
            };
            self.capture(req.incoming, recording, target.mock_id, captured)
                .await;
        }
        let body = match buffered.rest {
            None => ReplyBody::Full(buffered.head),
            Some(rest) => ReplyBody::Streamed {
                head: buffered.head,
                rest,
            },
        };
        let mut reply = Reply::new(
            status,
            ReplyHeaders::Raw(response_headers(headers)),
            Bytes::new(),
            Outcome::Proxied,
        );
        reply.body = body;
        reply.default_content_type = None;
        reply.source = Some(Source::Upstream);
        reply.upstream = Some(call);
        reply
            .extra_headers
            .push(("x-mimicus-source", "upstream".into()));
        Ok(reply)
    }
}

fn elapsed(started: Instant) -> f64 {
    started.elapsed().as_secs_f64()
}

/// The request as the upstream gets it: same method, raw path and query,
/// headers minus hop-by-hop ones (the adapter sets `Host` and the framing),
/// `X-Forwarded-For` with the client appended, and the body.
fn upstream_request(req: SurfaceRequest<'_>, target: &Target<'_>) -> UpstreamRequest {
    let incoming: &IncomingRequest = req.incoming;
    let hop = HopByHop::of(&incoming.headers);
    let mut forwarded_for = None;
    let mut headers: Vec<(String, Bytes)> = Vec::with_capacity(incoming.headers.len() + 1);
    for (name, value) in &incoming.headers {
        if name == "x-forwarded-for" {
            forwarded_for = Some(match forwarded_for {
                None => value.clone(),
                Some(before) => format!("{before}, {value}"),
            });
        } else if !hop.contains(name) && name != "host" {
            headers.push((name.clone(), Bytes::copy_from_slice(value.as_bytes())));
        }
    }
    let chain = match forwarded_for {
        Some(before) if !incoming.client_ip.is_empty() => {
            format!("{before}, {}", incoming.client_ip)
        }
        Some(before) => before,
        None => incoming.client_ip.clone(),
    };
    if !chain.is_empty() {
        headers.push(("x-forwarded-for".into(), Bytes::from(chain)));
    }
    UpstreamRequest {
        method: incoming.method.clone(),
        url: target.url.join(req.raw_path, req.raw_query),
        headers,
        body: Bytes::copy_from_slice(&incoming.body),
        timeout: target.timeout,
    }
}

/// The upstream's headers minus hop-by-hop ones and `Content-Length` (the
/// server frames the body it sends).
fn response_headers(headers: Vec<(String, Bytes)>) -> Vec<(String, Bytes)> {
    let text: Vec<(&str, std::borrow::Cow<str>)> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("connection"))
        .map(|(k, v)| (k.as_str(), domain::utf8::lossy(v)))
        .collect();
    let hop = HopByHop::of(&text);
    headers
        .into_iter()
        .filter(|(k, _)| !hop.contains(k) && !k.eq_ignore_ascii_case("content-length"))
        .collect()
}

/// `502 {"error":"upstream_error","detail":…}` naming the cause (SPEC §8).
pub(super) fn upstream_error(error: &UpstreamError, seconds: Option<f64>) -> Reply {
    let mut reply = Reply::error(
        502,
        "upstream_error",
        error.to_string(),
        &[],
        Outcome::Proxied,
    );
    reply.upstream = seconds.map(|seconds| UpstreamCall {
        seconds,
        failed: true,
    });
    reply
}
