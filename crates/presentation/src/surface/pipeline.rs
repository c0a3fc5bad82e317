use actix_web::HttpResponse;
use bytes::Bytes;
use domain::faults::{should_fail, Decision};
use domain::inspector::JsonText;
use domain::{IncomingRequest, NearMiss, Outcome};

use super::faults;
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
    pub template_context: Option<JsonText>,
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

const SIMULATED: &str = "x-mimicus-simulated-error";

/// Finds the mock and produces its answer. Order (SPEC §7):
/// rate limit → error simulation → delay → variant / response.
pub async fn serve(state: &AppState, req: &IncomingRequest) -> Served {
    let index = state.mocks.catalog().index();
    let Some(found) = index.find(req) else {
        return unmatched::respond(&index, req);
    };
    drop(index);
    let mock = found.mock;
    let id = Some(mock.id.to_string());

    let mut extra_headers = Vec::new();
    match faults::rate_limit(state, &mock, req) {
        Some(Decision::Limited {
            limit,
            retry_after_secs,
        }) => {
            return Served::new(
                faults::too_many(&mock, limit, retry_after_secs),
                Outcome::RateLimited,
                id,
            );
        }
        Some(Decision::Allowed { limit, remaining }) => {
            extra_headers.push(("x-ratelimit-limit", limit.to_string()));
            extra_headers.push(("x-ratelimit-remaining", remaining.to_string()));
        }
        None => {}
    }

    let spec = &mock.response;
    if should_fail(mock.faults.error_rate, &mut rand::thread_rng()) {
        let part = Part {
            status: mock.faults.error_status_code.get(),
            headers: &spec.headers,
            wire_body: Bytes::from(mock.faults.error_body.clone()),
            is_template: spec.is_template,
            body_template: "error_body".into(),
            header_prefix: "response_headers.".into(),
        };
        let mut rendered = render::respond(state, &mock, req, &found.path_params, part).await;
        extra_headers.push((SIMULATED, "true".to_string()));
        faults::add_headers(&mut rendered.response, &extra_headers);
        let outcome = if rendered.failed {
            Outcome::TemplateError
        } else {
            Outcome::ErrorSimulated
        };
        let mut served = Served::new(rendered.response, outcome, id);
        served.template_context = rendered.context;
        return served;
    }

    let delay = spec.delay(&mut rand::thread_rng());
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }

    let (part, variant) = if mock.variants.is_empty() {
        let part = Part {
            status: spec.status.get(),
            headers: &spec.headers,
            wire_body: spec.wire_body.clone(),
            is_template: spec.is_template,
            body_template: "response_body".into(),
            header_prefix: "response_headers.".into(),
        };
        (part, None)
    } else {
        let i = faults::choose_variant(state, &mock, req).await;
        let v = &mock.variants[i].response;
        if v.delay_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(v.delay_ms)).await;
        }
        let part = Part {
            status: v.status.get(),
            headers: &v.headers,
            wire_body: v.wire_body.clone(),
            is_template: v.is_template,
            body_template: format!("variants[{i}].response.body").into(),
            header_prefix: format!("variants[{i}].response.headers.").into(),
        };
        extra_headers.push(("x-mimicus-variant", i.to_string()));
        (part, Some(i))
    };
    let mut rendered = render::respond(state, &mock, req, &found.path_params, part).await;
    faults::add_headers(&mut rendered.response, &extra_headers);
    let outcome = if rendered.failed {
        Outcome::TemplateError
    } else {
        Outcome::Matched
    };
    let mut served = Served::new(rendered.response, outcome, id);
    served.variant = variant;
    served.template_context = rendered.context;
    served
}
