//! The one place a [`Reply`] becomes an HTTP response.

use actix_web::body::{BodyStream, BoxBody};
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use application::serve::{Reply, ReplyBody, ReplyHeaders, UpstreamCall};
use bytes::Bytes;
use domain::inspector::JsonText;
use domain::{NearMiss, Outcome};
use futures_util::StreamExt;

/// What the inspector and metrics read once the response is built.
pub struct Served {
    pub outcome: Outcome,
    pub mock_id: Option<String>,
    pub variant: Option<usize>,
    pub template_context: Option<JsonText>,
    pub near_misses: Vec<NearMiss>,
    /// The body, or its first part when the rest is still streaming.
    pub body: Bytes,
    pub body_truncated: bool,
    pub upstream: Option<UpstreamCall>,
}

impl Served {
    /// A response the server gave before serving (413, 408, 400): its body
    /// is complete, read back for the log.
    pub fn refused(response: HttpResponse) -> (HttpResponse, Self) {
        let (head, body) = response.into_parts();
        let bytes = actix_web::body::MessageBody::try_into_bytes(body).unwrap_or_default();
        let served = Self {
            outcome: Outcome::Unmatched,
            mock_id: None,
            variant: None,
            template_context: None,
            near_misses: Vec::new(),
            body: bytes.clone(),
            body_truncated: false,
            upstream: None,
        };
        (head.set_body(BoxBody::new(bytes)), served)
    }
}

/// Builds the response: the reply's headers (repeats kept), then its extra
/// headers (replacing), the default Content-Type when none was given, and
/// the body, streamed when it is still arriving.
pub fn to_http(reply: Reply) -> (HttpResponse, Served) {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (body, logged, truncated) = match reply.body {
        ReplyBody::Full(bytes) => (BoxBody::new(bytes.clone()), bytes, false),
        ReplyBody::Streamed { head, rest } => {
            let first = futures_util::stream::iter([Ok::<_, domain::upstream::UpstreamError>(
                head.clone(),
            )]);
            let stream = first.chain(rest.into_stream());
            (BoxBody::new(BodyStream::new(stream)), head, true)
        }
    };
    let mut response = HttpResponse::with_body(status, body);
    let map = response.headers_mut();
    append_headers(map, &reply.headers);
    for (name, value) in &reply.extra_headers {
        if let Ok(value) = HeaderValue::try_from(value.as_str()) {
            map.insert(HeaderName::from_static(name), value);
        }
    }
    if let Some(default) = reply.default_content_type {
        if !map.contains_key(CONTENT_TYPE) {
            map.insert(CONTENT_TYPE, HeaderValue::from_static(default));
        }
    }
    let served = Served {
        outcome: reply.outcome,
        mock_id: reply.mock_id,
        variant: reply.variant,
        template_context: reply.template_context,
        near_misses: reply.near_misses,
        body: logged,
        body_truncated: truncated,
        upstream: reply.upstream,
    };
    (response, served)
}

fn append_headers(map: &mut HeaderMap, headers: &ReplyHeaders) {
    headers.for_each(|name, value| {
        // Mock headers were validated when stored; an upstream's came from a parser.
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::from_bytes(value)) {
            map.append(n, v);
        }
    });
}
