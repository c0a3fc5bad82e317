use std::fmt;
use std::pin::Pin;

use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, Stream, StreamExt};

use super::UpstreamError;

/// A body arriving in pieces; an error ends it.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, UpstreamError>> + Send>>;

/// An upstream response body, streamed so a large one never has to be held
/// in memory whole.
pub struct UpstreamBody(ByteStream);

/// The start of a body read ahead of sending it (to store a capture first),
/// and the rest, if the body went on beyond the limit.
pub struct Buffered {
    /// Everything read: at least the limit's worth unless the body ended.
    pub head: Bytes,
    /// `None` when `head` is the whole body.
    pub rest: Option<UpstreamBody>,
}

impl UpstreamBody {
    pub fn new(stream: impl Stream<Item = Result<Bytes, UpstreamError>> + Send + 'static) -> Self {
        Self(Box::pin(stream))
    }

    pub fn from_bytes(bytes: Bytes) -> Self {
        Self::new(stream::iter((!bytes.is_empty()).then_some(Ok(bytes))))
    }

    pub fn into_stream(self) -> ByteStream {
        self.0
    }

    /// Reads until the body ends or at least `limit` bytes are in hand.
    pub async fn read_up_to(mut self, limit: usize) -> Result<Buffered, UpstreamError> {
        let mut head = BytesMut::new();
        while head.len() < limit {
            match self.0.next().await {
                Some(chunk) => head.extend_from_slice(&chunk?),
                None => {
                    return Ok(Buffered {
                        head: head.freeze(),
                        rest: None,
                    })
                }
            }
        }
        Ok(Buffered {
            head: head.freeze(),
            rest: Some(self),
        })
    }

    /// The whole body in memory, for callers that need it all (small bodies).
    pub async fn collect(self) -> Result<Bytes, UpstreamError> {
        Ok(self.read_up_to(usize::MAX).await?.head)
    }
}

impl Buffered {
    /// The body again, whole: what was read, then the rest as it arrives.
    pub fn into_body(self) -> UpstreamBody {
        let head = UpstreamBody::from_bytes(self.head).into_stream();
        match self.rest {
            None => UpstreamBody(head),
            Some(rest) => UpstreamBody::new(head.chain(rest.into_stream())),
        }
    }
}

impl fmt::Debug for UpstreamBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UpstreamBody(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(items: &[&'static str]) -> UpstreamBody {
        let owned: Vec<Result<Bytes, UpstreamError>> = items
            .iter()
            .map(|s| Ok(Bytes::from_static(s.as_bytes())))
            .collect();
        UpstreamBody::new(stream::iter(owned))
    }

    #[tokio::test]
    async fn a_short_body_is_read_whole() {
        let buffered = pieces(&["ab", "cd"]).read_up_to(10).await.unwrap();
        assert_eq!(buffered.head, "abcd");
        assert!(buffered.rest.is_none());
    }

    #[tokio::test]
    async fn a_long_body_keeps_its_rest_and_reassembles_exactly() {
        let buffered = pieces(&["ab", "cd", "ef"]).read_up_to(3).await.unwrap();
        assert_eq!(buffered.head, "abcd");
        assert!(buffered.rest.is_some());
        assert_eq!(buffered.into_body().collect().await.unwrap(), "abcdef");
    }

    #[tokio::test]
    async fn an_error_in_the_body_is_reported() {
        let failing = UpstreamBody::new(stream::iter(vec![
            Ok(Bytes::from_static(b"a")),
            Err(UpstreamError::Interrupted {
                host: "h:1".into(),
                detail: "reset".into(),
            }),
        ]));
        assert!(matches!(
            failing.collect().await,
            Err(UpstreamError::Interrupted { .. })
        ));
        assert_eq!(
            UpstreamBody::from_bytes(Bytes::new())
                .collect()
                .await
                .unwrap(),
            ""
        );
    }
}
