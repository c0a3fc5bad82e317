//! Rows of `recordings` and `captures`, and their conversion to domain types.

use std::time::Duration;

use bytes::Bytes;
use diesel::prelude::*;
use domain::recording::{Capture, Exchange, NewCapture, PathPrefix, Recording, RecordingSettings};
use domain::upstream::UpstreamUrl;

use crate::db::schema::{captures, recordings};
use crate::db::time;
use crate::InfraError;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = recordings)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
pub struct RecordingRow {
    pub recording_id: i64,
    pub upstream_url: String,
    pub path_prefix: String,
    pub timeout_seconds: f64,
    pub started_at: String,
    pub stopped_at: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = recordings)]
pub struct NewRecordingRow {
    pub upstream_url: String,
    pub path_prefix: String,
    pub timeout_seconds: f64,
    pub started_at: String,
}

/// A stored capture: its id and its fields.
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = captures)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
pub struct CaptureRow {
    pub capture_id: i64,
    #[diesel(embed)]
    pub fields: CaptureFields,
}

/// Every column but the id: what is inserted, and read back.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = captures)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite))]
pub struct CaptureFields {
    pub recording_id: i64,
    pub mock_id: Option<String>,
    pub method: String,
    pub path: String,
    pub query: String,
    pub request_headers: String,
    pub request_body: Vec<u8>,
    pub status: i32,
    pub response_headers: String,
    pub response_body: Vec<u8>,
    pub response_body_truncated: bool,
    pub duration_ms: f64,
    pub created_at: String,
}

impl NewRecordingRow {
    pub fn new(settings: &RecordingSettings, started_at: &chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            upstream_url: settings.upstream_url.as_str().to_string(),
            path_prefix: settings.path_prefix.as_str().to_string(),
            timeout_seconds: settings.timeout.as_secs_f64(),
            started_at: time::to_text(started_at),
        }
    }
}

impl TryFrom<RecordingRow> for Recording {
    type Error = InfraError;

    fn try_from(row: RecordingRow) -> Result<Self, Self::Error> {
        let corrupt =
            |what: String| InfraError::Corrupt(format!("recording {}: {what}", row.recording_id));
        let timeout = Duration::try_from_secs_f64(row.timeout_seconds)
            .map_err(|e| corrupt(format!("timeout_seconds: {e}")))?;
        Ok(Self {
            recording_id: row.recording_id,
            settings: RecordingSettings {
                upstream_url: UpstreamUrl::parse(&row.upstream_url)
                    .map_err(|e| corrupt(e.to_string()))?,
                path_prefix: PathPrefix::parse(&row.path_prefix)
                    .map_err(|e| corrupt(e.to_string()))?,
                timeout,
            },
            started_at: time::from_text(&row.started_at).map_err(corrupt)?,
            stopped_at: row
                .stopped_at
                .as_deref()
                .map(time::from_text)
                .transpose()
                .map_err(corrupt)?,
        })
    }
}

fn pairs_text(pairs: &[(String, String)]) -> String {
    serde_json::to_string(pairs).unwrap_or_else(|_| "[]".to_string())
}

fn pairs_of(text: &str) -> Result<Vec<(String, String)>, String> {
    serde_json::from_str(text).map_err(|e| format!("bad name/value list: {e}"))
}

impl CaptureFields {
    pub fn new(recording_id: i64, capture: &NewCapture) -> Self {
        let e = capture.exchange();
        Self {
            recording_id,
            mock_id: capture.mock_id().map(str::to_string),
            method: e.method.clone(),
            path: e.path.clone(),
            query: pairs_text(&e.query),
            request_headers: pairs_text(&e.request_headers),
            request_body: e.request_body.to_vec(),
            status: i32::from(e.status),
            response_headers: pairs_text(&e.response_headers),
            response_body: e.response_body.to_vec(),
            response_body_truncated: e.response_body_truncated,
            duration_ms: capture.duration_ms(),
            created_at: time::to_text(&capture.created_at()),
        }
    }
}

impl TryFrom<CaptureRow> for Capture {
    type Error = InfraError;

    fn try_from(row: CaptureRow) -> Result<Self, Self::Error> {
        let id = row.capture_id;
        let corrupt = |what: String| InfraError::Corrupt(format!("capture {id}: {what}"));
        let f = row.fields;
        let exchange = Exchange {
            method: f.method,
            path: f.path,
            query: pairs_of(&f.query).map_err(corrupt)?,
            request_headers: pairs_of(&f.request_headers).map_err(corrupt)?,
            request_body: Bytes::from(f.request_body),
            status: u16::try_from(f.status).map_err(|e| corrupt(e.to_string()))?,
            response_headers: pairs_of(&f.response_headers).map_err(corrupt)?,
            response_body: Bytes::from(f.response_body),
            response_body_truncated: f.response_body_truncated,
        };
        let created_at = time::from_text(&f.created_at).map_err(corrupt)?;
        Ok(Self {
            capture_id: id,
            recording_id: f.recording_id,
            entry: NewCapture::new(exchange, f.mock_id, f.duration_ms, created_at),
        })
    }
}
