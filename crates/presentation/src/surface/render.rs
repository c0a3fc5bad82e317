//! Turns a response part (the mock's own response, a variant, the simulated
//! error) into an HTTP response, rendering templates when the part is templated.

use std::borrow::Cow;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use bytes::Bytes;
use domain::inspector::JsonText;
use domain::state::StateError;
use domain::template::{RenderContext, TemplateError, TemplateRequest, TemplateSet};
use domain::{IncomingRequest, MockDefinition};

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
    let request = TemplateRequest::from_incoming(req, params);
    let headers = part.headers.to_vec();
    let (id, name) = (mock.id.to_string(), mock.name.clone());
    // The JSON copy of the context is only for the inspector.
    let keep_context = state.inspector.enabled();
    let result = if set.uses_state() {
        // State lives in SQLite. The render runs where state writes are
        // committed (the state writer's thread, inside its open batch), never
        // on a worker, and is answered once its writes are durable.
        let store = state.state.repo();
        let (body_t, prefix) = (part.body_template.clone(), part.header_prefix.clone());
        let (tx, rx) = tokio::sync::oneshot::channel();
        let task_store = Arc::clone(&store);
        store.run_task(Box::new(move || {
            let context = RenderContext::new(request, &id, &name, Some(task_store));
            let rendered = render(&set, &context, &body_t, &prefix, &headers);
            let json = keep_context.then(|| context.to_json_text());
            Box::new(move |durable: Result<(), StateError>| {
                let rendered = durable
                    .map_err(|e| TemplateError {
                        message: format!("state writes were not saved: {e}"),
                        line: None,
                    })
                    .and(rendered);
                let _ = tx.send((rendered, json));
            })
        }));
        rx.await.unwrap_or_else(|_| {
            (
                Err(TemplateError {
                    message: "the render stopped unexpectedly".into(),
                    line: None,
                }),
                None,
            )
        })
    } else {
        let context = RenderContext::new(request, &id, &name, None);
        let rendered = render(
            &set,
            &context,
            &part.body_template,
            &part.header_prefix,
            &headers,
        );
        (rendered, keep_context.then(|| context.to_json_text()))
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

fn render(
    set: &TemplateSet,
    context: &RenderContext,
    body_template: &str,
    header_prefix: &str,
    headers: &[(String, String)],
) -> Result<(Vec<(String, String)>, String), TemplateError> {
    let body = set.render(body_template, context)?.unwrap_or_default();
    let headers = headers
        .iter()
        .map(|(k, v)| {
            let rendered = set.render(&format!("{header_prefix}{k}"), context)?;
            Ok((k.clone(), rendered.unwrap_or_else(|| v.clone())))
        })
        .collect::<Result<Vec<_>, TemplateError>>()?;
    Ok((headers, body))
}
