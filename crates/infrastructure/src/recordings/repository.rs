use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use domain::recording::{
    Capture, CapturePage, NewCapture, Recording, RecordingRepository, RecordingSettings,
};
use domain::RepositoryError;

use super::rows::{CaptureFields, CaptureRow, NewRecordingRow, RecordingRow};
use crate::db::schema::{captures, recordings};
use crate::db::{run_blocking, time, DbPool, WriteGate};
use crate::InfraError;

/// [`RecordingRepository`] over SQLite. Writes go through the process's
/// [`WriteGate`] like the other request-path writes (a capture is one).
#[derive(Clone)]
pub struct SqliteRecordingRepository {
    pool: DbPool,
    gate: WriteGate,
}

impl SqliteRecordingRepository {
    pub fn new(pool: DbPool, gate: WriteGate) -> Self {
        Self { pool, gate }
    }
}

fn already_active(active: &RecordingRow) -> RepositoryError {
    RepositoryError::Conflict(format!(
        "a recording of {} is already running (started {}); stop it first with POST /api/admin/recording/stop",
        active.upstream_url, active.started_at
    ))
}

fn latest_row(conn: &mut SqliteConnection) -> Result<Option<RecordingRow>, DieselError> {
    recordings::table
        .select(RecordingRow::as_select())
        .order(recordings::recording_id.desc())
        .first(conn)
        .optional()
}

#[async_trait]
impl RecordingRepository for SqliteRecordingRepository {
    async fn start(
        &self,
        settings: &RecordingSettings,
        started_at: DateTime<Utc>,
    ) -> Result<Recording, RepositoryError> {
        let row = NewRecordingRow::new(settings, &started_at);
        let gate = self.gate.clone();
        let started = run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            Ok(conn.immediate_transaction(|conn| {
                let active = recordings::table
                    .filter(recordings::stopped_at.is_null())
                    .select(RecordingRow::as_select())
                    .first(conn)
                    .optional()?;
                if let Some(active) = active {
                    return Ok(Err(already_active(&active)));
                }
                diesel::delete(captures::table).execute(conn)?;
                diesel::delete(recordings::table).execute(conn)?;
                let stored = diesel::insert_into(recordings::table)
                    .values(&row)
                    .returning(RecordingRow::as_returning())
                    .get_result(conn)?;
                Ok::<_, DieselError>(Ok(stored))
            })?)
        })
        .await
        .map_err(|e| match e {
            // The unique index on the active recording, if another process won the race.
            InfraError::Query(DieselError::DatabaseError(
                DatabaseErrorKind::UniqueViolation,
                _,
            )) => RepositoryError::Conflict("a recording is already running".into()),
            other => other.into(),
        })??;
        Ok(Recording::try_from(started)?)
    }

    async fn latest(&self) -> Result<Option<Recording>, RepositoryError> {
        let row = run_blocking(&self.pool, |conn| Ok(latest_row(conn)?)).await?;
        Ok(row.map(Recording::try_from).transpose()?)
    }

    async fn stop(
        &self,
        recording_id: i64,
        stopped_at: DateTime<Utc>,
    ) -> Result<Recording, RepositoryError> {
        let at = time::to_text(&stopped_at);
        let gate = self.gate.clone();
        let row = run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            diesel::update(
                recordings::table
                    .find(recording_id)
                    .filter(recordings::stopped_at.is_null()),
            )
            .set(recordings::stopped_at.eq(at))
            .execute(conn)?;
            Ok(recordings::table
                .find(recording_id)
                .select(RecordingRow::as_select())
                .first(conn)?)
        })
        .await?;
        Ok(Recording::try_from(row)?)
    }

    async fn add_capture(
        &self,
        recording_id: i64,
        capture: NewCapture,
    ) -> Result<Capture, RepositoryError> {
        let row = CaptureFields::new(recording_id, &capture);
        let gate = self.gate.clone();
        let capture_id = run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            Ok(diesel::insert_into(captures::table)
                .values(&row)
                .returning(captures::capture_id)
                .get_result::<i64>(conn)?)
        })
        .await
        .map_err(|e| match e {
            InfraError::Query(DieselError::DatabaseError(
                DatabaseErrorKind::ForeignKeyViolation,
                _,
            )) => RepositoryError::NotFound,
            other => other.into(),
        })?;
        Ok(Capture {
            capture_id,
            recording_id,
            entry: capture,
        })
    }

    async fn captures(
        &self,
        recording_id: i64,
        page: CapturePage,
    ) -> Result<(Vec<Capture>, i64), RepositoryError> {
        let (rows, total) = run_blocking(&self.pool, move |conn| {
            let of_recording = || captures::table.filter(captures::recording_id.eq(recording_id));
            let total: i64 = of_recording().count().get_result(conn)?;
            let rows = of_recording()
                .select(CaptureRow::as_select())
                .order(captures::capture_id.asc())
                .limit(page.limit.unwrap_or(-1))
                .offset(page.offset.max(0))
                .load(conn)?;
            Ok((rows, total))
        })
        .await?;
        let captures = rows
            .into_iter()
            .map(Capture::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((captures, total))
    }

    async fn count_captures(&self, recording_id: i64) -> Result<i64, RepositoryError> {
        Ok(run_blocking(&self.pool, move |conn| {
            Ok(captures::table
                .filter(captures::recording_id.eq(recording_id))
                .count()
                .get_result(conn)?)
        })
        .await?)
    }
}
