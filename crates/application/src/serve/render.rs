//! Turns a response part (the mock's own response, a variant, the simulated
//! error) into a reply, rendering templates when the part is templated.

use std::borrow::Cow;
use std::sync::Arc;

use bytes::Bytes;
use domain::inspector::JsonText;
use domain::state::{StateError, StateRepository};
use domain::template::{RenderContext, TemplateError, TemplateRequest, TemplateSet};
use domain::{IncomingRequest, MockDefinition, Outcome};

use super::reply::{Reply, ReplyHeaders};
use super::Surface;

/// One answer a mock can give, with the names its templates were compiled under.
pub struct Part {
    pub status: u16,
    /// `None`: the mock's `response_headers`; `Some(i)`: variant `i`'s.
    pub variant: Option<usize>,
    /// What a static part sends (`wire_body` of its body).
    pub wire_body: Bytes,
    pub is_template: bool,
    /// Template name of the body (`response_body`, `variants[0].response.body`, …).
    pub body_template: Cow<'static, str>,
    /// Prefix of header template names (`response_headers.`, …).
    pub header_prefix: Cow<'static, str>,
}

impl Part {
    fn headers<'m>(&self, mock: &'m MockDefinition) -> &'m [(String, String)] {
        match self.variant.and_then(|i| mock.variants.get(i)) {
            Some(v) => &v.response.headers,
            None => &mock.response.headers,
        }
    }
}

impl Surface {
    /// The reply of `part`; `outcome` unless its template fails (then a 500
    /// `template_error`, outcome `TemplateError`).
    pub(super) async fn render(
        &self,
        mock: &Arc<MockDefinition>,
        req: &IncomingRequest,
        params: &[(String, String)],
        part: Part,
        outcome: Outcome,
    ) -> Reply {
        let set = match (&mock.templates, part.is_template) {
            (Some(set), true) => Arc::clone(set),
            _ => {
                let headers = ReplyHeaders::Mock {
                    mock: Arc::clone(mock),
                    variant: part.variant,
                };
                return Reply::new(part.status, headers, part.wire_body, outcome).for_mock(mock);
            }
        };
        let uses_state = set.uses_state();
        let job = RenderJob {
            set,
            request: TemplateRequest::from_incoming(req, params),
            mock_id: mock.id.to_string(),
            mock_name: mock.name.clone(),
            headers: part.headers(mock).to_vec(),
            body_template: part.body_template,
            header_prefix: part.header_prefix,
            // The JSON copy of the context is only for the inspector.
            keep_context: self.settings.keep_template_context,
            max_output: self.settings.template_max_output,
        };
        let (result, context) = if uses_state {
            self.render_with_state(job).await
        } else {
            job.run(None)
        };
        let mut reply = match result {
            Ok((headers, body)) => Reply::new(
                part.status,
                ReplyHeaders::Text(headers),
                body.into_bytes().into(),
                outcome,
            ),
            Err(e) => Reply::error(
                500,
                "template_error",
                format!(
                    "the template of mock '{}' failed to render: {}",
                    mock.id, e.message
                ),
                &[("mock_id", mock.id.to_string().into())],
                Outcome::TemplateError,
            ),
        }
        .for_mock(mock);
        reply.template_context = context;
        reply
    }

    /// State lives in the database, so a render that uses it runs where
    /// state writes are committed (the store's writer thread, inside its
    /// open batch), never on a worker, and is answered once its writes are
    /// durable.
    async fn render_with_state(&self, job: RenderJob) -> Output {
        let store = Arc::clone(&self.ports.state);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let courier = self.ports.return_path.here();
        let task_store = Arc::clone(&store);
        store.run_task(Box::new(move || {
            let (rendered, context) = job.run(Some(task_store));
            Box::new(move |durable: Result<(), StateError>| {
                let rendered = durable
                    .map_err(|e| TemplateError {
                        message: format!("state writes were not saved: {e}"),
                        line: None,
                    })
                    .and(rendered);
                courier(Box::new(move || {
                    let _ = tx.send((rendered, context));
                }));
            })
        }));
        rx.await.unwrap_or_else(|_| {
            let stopped = TemplateError {
                message: "the render stopped unexpectedly".into(),
                line: None,
            };
            (Err(stopped), None)
        })
    }
}

type Output = (
    Result<(Vec<(String, String)>, String), TemplateError>,
    Option<JsonText>,
);

/// Everything one render needs, owned, so it can run on another thread.
struct RenderJob {
    set: Arc<TemplateSet>,
    request: TemplateRequest,
    mock_id: String,
    mock_name: String,
    body_template: Cow<'static, str>,
    header_prefix: Cow<'static, str>,
    headers: Vec<(String, String)>,
    keep_context: bool,
    max_output: usize,
}

impl RenderJob {
    fn run(self, store: Option<Arc<dyn StateRepository>>) -> Output {
        let context = RenderContext::new(self.request, &self.mock_id, &self.mock_name, store);
        let rendered = render(
            &self.set,
            &context,
            &self.body_template,
            &self.header_prefix,
            &self.headers,
            self.max_output,
        );
        (rendered, self.keep_context.then(|| context.to_json_text()))
    }
}

fn render(
    set: &TemplateSet,
    context: &RenderContext,
    body_template: &str,
    header_prefix: &str,
    headers: &[(String, String)],
    max_output: usize,
) -> Result<(Vec<(String, String)>, String), TemplateError> {
    let body = set
        .render(body_template, context, max_output)?
        .unwrap_or_default();
    let headers = headers
        .iter()
        .map(|(k, v)| {
            let rendered = set.render(&format!("{header_prefix}{k}"), context, max_output)?;
            Ok((k.clone(), rendered.unwrap_or_else(|| v.clone())))
        })
        .collect::<Result<Vec<_>, TemplateError>>()?;
    Ok((headers, body))
}
