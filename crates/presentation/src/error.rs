use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use application::AppError;
use domain::limits::echo;
use domain::RepositoryError;
use serde_json::{Map, Value};

/// The one HTTP error type: a status, a snake_case code and a sentence a
/// person can act on (SPEC §2), plus `field` when one input field is at fault.
/// Boxed so `Result<_, ApiError>` stays one pointer wide on the success path.
pub struct ApiError(Box<Inner>);

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

/// What logs see (tracing-actix-web logs every 4xx/5xx with `{:?}`): the
/// detail and field cut to a few hundred bytes, since they may repeat a
/// client's input and must not let one request flood the log.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0.code, echo(&self.0.detail))
    }
}

impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = &self.0;
        write!(
            f,
            "ApiError({} {}: {}",
            e.status.as_u16(),
            e.code,
            echo(&e.detail)
        )?;
        if let Some(field) = &e.field {
            write!(f, "; field {}", echo(field))?;
        }
        f.write_str(")")
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

impl ApiError {
    /// A storage failure: a full disk (507) and an unreachable or locked
    /// database (503) say so; anything else is a logged, generic 500.
    fn storage(cause: RepositoryError) -> Self {
        match cause {
            RepositoryError::StorageFull(_) => {
                tracing::warn!(error = %cause, "write refused: storage full");
                Self::new(
                    StatusCode::INSUFFICIENT_STORAGE,
                    "storage_full",
                    "the disk holding the database is full; nothing was saved. Free disk space (or prune the inspector) and retry",
                )
            }
            RepositoryError::Unavailable(_) => {
                tracing::warn!(error = %cause, "database unavailable");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "database_unavailable",
                    "the database is locked or unreachable; nothing was saved. Retry in a moment",
                )
            }
            other => {
                tracing::error!(error = %other, "storage failure");
                Self::internal()
            }
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Malformed(detail) => Self::bad_request("malformed_document", detail),
            AppError::Invalid(f) => Self::invalid(f.field, f.detail),
            e @ AppError::NotFound { .. } => Self::not_found(e.to_string()),
            e @ AppError::Duplicate { .. } => {
                Self::new(StatusCode::CONFLICT, "duplicate", e.to_string())
            }
            AppError::Conflict(detail) => Self::new(StatusCode::CONFLICT, "conflict", detail),
            AppError::Storage(cause) => Self::storage(cause),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_forms_cut_long_input_but_the_body_keeps_it() {
        let key = "k".repeat(40_000);
        let e = ApiError::invalid(key.clone(), format!("unknown field {key}"));
        assert!(format!("{e:?}").len() < 1_000, "{}", format!("{e:?}").len());
        assert!(e.to_string().len() < 1_000);
        assert_eq!(e.body()["field"], key);
    }

    #[test]
    fn a_full_disk_and_an_unavailable_database_say_so() {
        let full = ApiError::from(AppError::Storage(RepositoryError::StorageFull(
            "database or disk is full".into(),
        )));
        assert_eq!(full.status_code().as_u16(), 507);
        assert_eq!(full.body()["error"], "storage_full");
        let locked = ApiError::from(AppError::Storage(RepositoryError::from_storage_message(
            "database is locked".into(),
        )));
        assert_eq!(locked.status_code().as_u16(), 503);
        assert_eq!(locked.body()["error"], "database_unavailable");
        let other = ApiError::from(AppError::Storage(RepositoryError::Unknown("x".into())));
        assert_eq!(other.status_code().as_u16(), 500);
    }
}
