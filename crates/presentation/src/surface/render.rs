//! Turns a response part (the mock's own response, a variant, the simulated
//! error) into an HTTP response, rendering templates when the part is templated.

use std::borrow::Cow;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use bytes::Bytes;
use domain::inspector::JsonText;
use domain::state::{StateError, StateRepository};
use domain::template::{RenderContext, TemplateError, TemplateRequest, TemplateSet};
use domain::{IncomingRequest, MockDefinition};

use super::reply_pump::ReplyPump;
use super::respond;
use crate::{ApiError, AppState};

/// One answer a mock can give, with the names its templates were compiled under.
pub struct Part<'a> {
    pub status: u16,
    pub headers: &'a [(String, String)],
    /// What a static part sends (`wire_body` of its body).
    pub wire_body: Bytes,
    pub is_template: bool,
    /// Template name of the body (`response_body`, `variants[0].response.body`, …).
    pub body_template: Cow<'static, str>,
    /// Prefix of header template names (`response_headers.`, …).
    pub header_prefix: Cow<'static, str>,
}

/// A rendered answer, or why rendering failed; both carry the context used.
pub struct Rendered {
    pub response: HttpResponse,
    pub context: Option<JsonText>,
    pub failed: bool,
}

pub async fn respond(
    state: &AppState,
    mock: &Arc<MockDefinition>,
    req: &IncomingRequest,
    params: &[(String, String)],
    part: Part<'_>,
) -> Rendered {
    let set = match (&mock.templates, part.is_template) {
        (Some(set), true) => Arc::clone(set),
        _ => {
            let response = respond::build(part.status, part.headers, part.wire_body);
            return Rendered {
                response,
                context: None,
                failed: false,
            };
        }
    };
    let uses_state = set.uses_state();
    let job = RenderJob {
        set,
        request: TemplateRequest::from_incoming(req, params),
        mock_id: mock.id.to_string(),
        mock_name: mock.name.clone(),
        body_template: part.body_template,
        header_prefix: part.header_prefix,
        headers: part.headers.to_vec(),
        // The JSON copy of the context is only for the inspector.
        keep_context: state.inspector.enabled(),
        max_output: state.template_max_output,
    };
    let result = if uses_state {
        render_with_state(state.state.repo(), job).await
    } else {
        job.run(None)
    };
    match result {
        (Ok((headers, body)), context) => Rendered {
            response: respond::build(part.status, &headers, body.into_bytes()),
            context,
            failed: false,
        },
        (Err(e), context) => {
            let error = ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "template_error",
                format!(
                    "the template of mock '{}' failed to render: {}",
                    mock.id, e.message
                ),
            )
            .with("mock_id", mock.id.to_string());
            let body = serde_json::to_vec(&error.body()).unwrap_or_default();
            Rendered {
                response: respond::build(500, &[], body),
                context,
                failed: true,
            }
        }
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

/// State lives in SQLite, so a render that uses it runs where state writes
/// are committed (the store's writer thread, inside its open batch), never
/// on a worker, and is answered once its writes are durable.
async fn render_with_state(store: Arc<dyn StateRepository>, job: RenderJob) -> Output {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let pump = ReplyPump::current();
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
            pump.send(Box::new(move || {
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
