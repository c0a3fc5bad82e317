use actix_web::HttpResponse;
use domain::{IncomingRequest, NearMiss, Outcome};
use serde_json::Value;

use super::render::{self, Part};
use super::unmatched;
use crate::AppState;

/// The answer to one mock-surface request and what led to it.
pub struct Served {
    pub response: HttpResponse,
    pub outcome: Outcome,
    pub mock_id: Option<String>,
    /// Index of the variant chosen (SPEC §9), when the mock has variants.
    pub variant: Option<usize>,
    /// The context given to the template, when one was rendered (SPEC §6).
    pub template_context: Option<Value>,
    pub near_misses: Vec<NearMiss>,
}

impl Served {
    pub fn new(response: HttpResponse, outcome: Outcome, mock_id: Option<String>) -> Self {
        Self {
            response,
            outcome,
            mock_id,
            variant: None,
            template_context: None,
            near_misses: Vec::new(),
        }
    }
}

/// Finds the mock and produces its answer. Order (SPEC §7):
/// rate limit → error simulation → delay → variant / response.
pub async fn serve(state: &AppState, req: &IncomingRequest) -> Served {
    let index = state.mocks.catalog().index();
    let Some(found) = index.find(req) else {
        return unmatched::respond(&index, req);
    };
    drop(index);
    let mock = found.mock;
    let delay = mock.response.delay(&mut rand::thread_rng());
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let spec = &mock.response;
    let part = Part {
        status: spec.status.get(),
        headers: &spec.headers,
        body: &spec.body,
        is_template: spec.is_template,
        body_template: "response_body".into(),
        header_prefix: "response_headers.".into(),
    };
    let rendered = render::respond(state, &mock, req, &found.path_params, part).await;
    let outcome = if rendered.failed {
        Outcome::TemplateError
    } else {
        Outcome::Matched
    };
    let mut served = Served::new(rendered.response, outcome, Some(mock.id.to_string()));
    served.template_context = rendered.context;
    served
}
