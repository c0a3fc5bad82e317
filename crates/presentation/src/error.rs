use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use application::AppError;
use serde_json::{Map, Value};

/// The one HTTP error type: a status, a snake_case code and a sentence a
/// person can act on (SPEC §2), plus `field` when one input field is at fault.
/// Boxed so `Result<_, ApiError>` stays one pointer wide on the success path.
#[derive(Debug)]
pub struct ApiError(Box<Inner>);

#[derive(Debug)]
struct Inner {
    status: StatusCode,
    code: &'static str,
    detail: String,
    field: Option<String>,
    extra: Map<String, Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self(Box::new(Inner {
            status,
            code,
            detail: detail.into(),
            field: None,
            extra: Map::new(),
        }))
    }

    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, detail)
    }

    pub fn invalid(field: impl Into<String>, detail: impl Into<String>) -> Self {
        let field = field.into();
        let detail = detail.into();
        let sentence = if field.is_empty() {
            detail
        } else {
            format!("{field}: {detail}")
        };
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_error",
            sentence,
        );
        e.0.field = Some(field).filter(|f| !f.is_empty());
        e
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", detail)
    }

    pub fn payload_too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is larger than the limit of {limit} bytes"),
        )
    }

    /// 408: the client stopped sending its body; the connection is closed.
    pub fn body_timeout(timeout: std::time::Duration) -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            format!(
                "the request body did not arrive: nothing was received for {} s",
                timeout.as_secs()
            ),
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the server failed to handle the request; see the server log",
        )
    }

    /// Adds a top-level member to the body (e.g. `mock_id`, `retry_after_seconds`).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.extra.insert(key.to_string(), value.into());
        self
    }

    pub fn body(&self) -> Value {
        let e = &self.0;
        let mut map = Map::new();
        map.insert("error".into(), Value::String(e.code.to_string()));
        map.insert("detail".into(), Value::String(e.detail.clone()));
        if let Some(field) = &e.field {
            map.insert("field".into(), Value::String(field.clone()));
        }
        map.extend(e.extra.clone());
        Value::Object(map)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.detail)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.0.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.0.status).json(self.body());
        if self.0.status == StatusCode::REQUEST_TIMEOUT {
            // The rest of the body may still come; only a new connection is clean.
            response
                .head_mut()
                .set_connection_type(actix_web::http::ConnectionType::Close);
        }
        response
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(f) => Self::invalid(f.field, f.detail),
            e @ AppError::NotFound { .. } => Self::not_found(e.to_string()),
            e @ AppError::Duplicate { .. } => {
                Self::new(StatusCode::CONFLICT, "duplicate", e.to_string())
            }
            AppError::Conflict(detail) => Self::new(StatusCode::CONFLICT, "conflict", detail),
            AppError::Storage(cause) => {
                tracing::error!(error = %cause, "storage failure");
                Self::internal()
            }
        }
    }
}
