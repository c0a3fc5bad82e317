//! The answer to one mock-surface request, as plain data: the HTTP layer
//! turns it into a response, the inspector and metrics read what led to it.

use std::sync::Arc;

use bytes::Bytes;
use domain::inspector::JsonText;
use domain::upstream::UpstreamBody;
use domain::{MockDefinition, NearMiss, Outcome};

/// Who produced the answer of a proxy-mode mock (`X-Mimicus-Source`, SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Upstream,
    Fallback,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upstream => "upstream",
            Self::Fallback => "fallback",
        }
    }
}

/// One call to an upstream, for `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UpstreamCall {
    /// Until the response head (and the part read ahead) arrived, or the failure.
    pub seconds: f64,
    /// No answer (connection error, timeout, refused by policy is not a call).
    pub failed: bool,
}

/// Response headers, borrowed from the mock when they are static (no copy
/// per request), owned when rendered or received from the upstream.
#[derive(Debug)]
pub enum ReplyHeaders {
    /// The mock's `response_headers`, or those of variant `variant`.
    Mock {
        mock: Arc<MockDefinition>,
        variant: Option<usize>,
    },
    Text(Vec<(String, String)>),
    /// As the upstream sent them: values are bytes, passed on exactly.
    Raw(Vec<(String, Bytes)>),
}

impl ReplyHeaders {
    pub fn none() -> Self {
        Self::Text(Vec::new())
    }

    /// Every header, in order, repeats kept.
    pub fn for_each(&self, mut f: impl FnMut(&str, &[u8])) {
        match self {
            Self::Mock { mock, variant } => {
                let list = match variant.and_then(|i| mock.variants.get(i)) {
                    Some(v) => &v.response.headers,
                    None => &mock.response.headers,
                };
                for (k, v) in list {
                    f(k, v.as_bytes());
                }
            }
            Self::Text(list) => {
                for (k, v) in list {
                    f(k, v.as_bytes());
                }
            }
            Self::Raw(list) => {
                for (k, v) in list {
                    f(k, v);
                }
            }
        }
    }
}

/// A body in hand, or one still arriving from the upstream.
#[derive(Debug)]
pub enum ReplyBody {
    Full(Bytes),
    /// `head` was read already (for the inspector and the recording); `rest`
    /// follows as the upstream sends it.
    Streamed {
        head: Bytes,
        rest: UpstreamBody,
    },
}

impl ReplyBody {
    /// What is in hand, and whether more follows.
    pub fn head(&self) -> (&Bytes, bool) {
        match self {
            Self::Full(bytes) => (bytes, false),
            Self::Streamed { head, .. } => (head, true),
        }
    }
}

/// The answer and what led to it.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: ReplyHeaders,
    /// Set after `headers`, replacing a header of the same name (rate-limit
    /// counters, the variant index, the source).
    pub extra_headers: Vec<(&'static str, String)>,
    /// Content-Type to send when `headers` have none (mocks default to
    /// JSON; an upstream's answer is passed on as it came).
    pub default_content_type: Option<&'static str>,
    pub body: ReplyBody,
    pub outcome: Outcome,
    pub source: Option<Source>,
    pub mock_id: Option<String>,
    /// Index of the variant chosen (SPEC §9), when the mock has variants.
    pub variant: Option<usize>,
    /// The context given to the template, when one was rendered (SPEC §6).
    pub template_context: Option<JsonText>,
    pub near_misses: Vec<NearMiss>,
    /// The upstream call made for this request, if any.
    pub upstream: Option<UpstreamCall>,
}

/// Mocks answer JSON unless they say otherwise.
pub const JSON: Option<&str> = Some("application/json");

impl Reply {
    /// A complete answer with a JSON default Content-Type. A 204 or 304
    /// carries no body, whatever the mock says (HTTP forbids one, and a
    /// client would read it as the start of the next response).
    pub fn new(status: u16, headers: ReplyHeaders, body: Bytes, outcome: Outcome) -> Self {
        let body = if matches!(status, 204 | 304) {
            Bytes::new()
        } else {
            body
        };
        Self {
            status,
            headers,
            extra_headers: Vec::new(),
            default_content_type: JSON,
            body: ReplyBody::Full(body),
            outcome,
            source: None,
            mock_id: None,
            variant: None,
            template_context: None,
            near_misses: Vec::new(),
            upstream: None,
        }
    }

    /// A SPEC §2 error body: `{"error": code, "detail": …}` plus `extra` fields.
    pub fn error(
        status: u16,
        code: &str,
        detail: String,
        extra: &[(&str, serde_json::Value)],
        outcome: Outcome,
    ) -> Self {
        let mut body = serde_json::Map::new();
        body.insert("error".into(), code.into());
        body.insert("detail".into(), detail.into());
        for (k, v) in extra {
            body.insert((*k).to_string(), v.clone());
        }
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        Self::new(status, ReplyHeaders::none(), bytes.into(), outcome)
    }

    pub fn for_mock(mut self, mock: &MockDefinition) -> Self {
        self.mock_id = Some(mock.id.to_string());
        self
    }
}
