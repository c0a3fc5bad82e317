use diesel::prelude::*;
use domain::inspector::{JsonText, NewRequestLog, RequestLog};
use domain::Outcome;

use crate::db::schema::request_log;
use crate::InfraError;

/// A row to insert. `None` is written as NULL rather than DEFAULT, so the
/// statement text never changes and Diesel keeps it prepared. Owned, because
/// Diesel caches fixed-size multi-row inserts only for `'static` rows.
#[derive(Debug, Insertable)]
#[diesel(table_name = request_log)]
#[diesel(treat_none_as_default_value = false)]
pub struct NewRow {
    pub request_method: String,
    pub request_path: String,
    pub request_query: String,
    pub request_headers: String,
    pub request_body: String,
    pub request_body_truncated: bool,
    pub matched_mock_id: Option<String>,
    pub variant: Option<i64>,
    pub template_context: Option<String>,
    pub near_misses: Option<String>,
    pub response_status: i32,
    pub response_headers: String,
    pub response_body: String,
    pub response_body_truncated: bool,
    pub duration_ms: f64,
    pub outcome: &'static str,
    pub client_ip: String,
    pub session_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = request_log)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
pub struct Row {
    pub log_id: i64,
    pub request_method: String,
    pub request_path: String,
    pub request_query: String,
    pub request_headers: String,
    pub request_body: String,
    pub request_body_truncated: bool,
    pub matched_mock_id: Option<String>,
    pub variant: Option<i64>,
    pub template_context: Option<String>,
    pub near_misses: Option<String>,
    pub response_status: i32,
    pub response_headers: String,
    pub response_body: String,
    pub response_body_truncated: bool,
    pub duration_ms: f64,
    pub outcome: String,
    pub client_ip: String,
    pub session_id: Option<String>,
    pub created_at: String,
}

impl From<&NewRequestLog> for NewRow {
    fn from(e: &NewRequestLog) -> Self {
        Self {
            request_method: e.request_method.clone(),
            request_path: e.request_path.clone(),
            request_query: e.request_query.as_str().to_owned(),
            request_headers: e.request_headers.as_str().to_owned(),
            request_body: e.request_body.clone(),
            request_body_truncated: e.request_body_truncated,
            matched_mock_id: e.matched_mock_id.clone(),
            variant: e.variant,
            template_context: e.template_context.as_ref().map(|t| t.as_str().to_owned()),
            near_misses: e.near_misses.as_ref().map(|t| t.as_str().to_owned()),
            response_status: i32::from(e.response_status),
            response_headers: e.response_headers.as_str().to_owned(),
            response_body: e.response_body.clone(),
            response_body_truncated: e.response_body_truncated,
            duration_ms: e.duration_ms,
            outcome: e.outcome.as_str(),
            client_ip: e.client_ip.clone(),
            session_id: e.session_id.clone(),
            created_at: e.created_at.clone(),
        }
    }
}

impl TryFrom<Row> for RequestLog {
    type Error = InfraError;

    fn try_from(r: Row) -> Result<Self, Self::Error> {
        let outcome = Outcome::parse(&r.outcome).ok_or_else(|| {
            InfraError::Corrupt(format!(
                "request_log {}: unknown outcome {}",
                r.log_id, r.outcome
            ))
        })?;
        Ok(RequestLog {
            log_id: r.log_id,
            entry: NewRequestLog {
                request_method: r.request_method,
                request_path: r.request_path,
                request_query: JsonText::from_stored(r.request_query),
                request_headers: JsonText::from_stored(r.request_headers),
                request_body: r.request_body,
                request_body_truncated: r.request_body_truncated,
                matched_mock_id: r.matched_mock_id,
                variant: r.variant,
                template_context: r.template_context.map(JsonText::from_stored),
                near_misses: r.near_misses.map(JsonText::from_stored),
                response_status: u16::try_from(r.response_status).unwrap_or(0),
                response_headers: JsonText::from_stored(r.response_headers),
                response_body: r.response_body,
                response_body_truncated: r.response_body_truncated,
                duration_ms: r.duration_ms,
                outcome,
                client_ip: r.client_ip,
                session_id: r.session_id,
                created_at: r.created_at,
            },
        })
    }
}
