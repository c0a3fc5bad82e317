//! Diesel storage of sequence/cycle variant positions.

use async_trait::async_trait;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use domain::faults::VariantPositionRepository;
use domain::RepositoryError;

use crate::db::schema::variant_positions;
use crate::db::{run_blocking, DbPool, WriteGate};

#[derive(Clone)]
pub struct SqliteVariantPositionRepository {
    pool: DbPool,
    gate: WriteGate,
}

impl SqliteVariantPositionRepository {
    pub fn new(pool: DbPool, gate: WriteGate) -> Self {
        Self { pool, gate }
    }
}

#[derive(QueryableByName)]
struct Before {
    #[diesel(sql_type = BigInt)]
    before: i64,
}

#[async_trait]
impl VariantPositionRepository for SqliteVariantPositionRepository {
    /// One upsert statement: concurrent requests of a scope each get their own position.
    async fn advance(&self, mock_id: &str, scope: &str) -> Result<u64, RepositoryError> {
        let (mock_id, scope) = (mock_id.to_string(), scope.to_string());
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let gate = self.gate.clone();
        let row: Before = run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            Ok(diesel::sql_query(
                "INSERT INTO variant_positions (mock_id, scope, position, updated_at) VALUES (?1, ?2, 1, ?3) \
                 ON CONFLICT (mock_id, scope) DO UPDATE SET position = position + 1, updated_at = excluded.updated_at \
                 RETURNING position - 1 AS before",
            )
            .bind::<Text, _>(mock_id)
            .bind::<Text, _>(scope)
            .bind::<Text, _>(now)
            .get_result(conn)?)
        })
        .await?;
        Ok(u64::try_from(row.before).unwrap_or(0))
    }

    async fn reset(&self, mock_id: &str) -> Result<(), RepositoryError> {
        let mock_id = mock_id.to_string();
        run_blocking(&self.pool, move |conn| {
            diesel::delete(variant_positions::table.filter(variant_positions::mock_id.eq(mock_id)))
                .execute(conn)?;
            Ok(())
        })
        .await?;
        Ok(())
    }
}
