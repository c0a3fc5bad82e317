//! Diesel storage of per-mock hit counts.

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use domain::stats::{HitDelta, MockHitStats, MockStatsRepository};
use domain::RepositoryError;

use crate::db::schema::mock_stats;
use crate::db::{run_blocking, DbPool, WriteGate};

#[derive(Clone)]
pub struct SqliteMockStatsRepository {
    pool: DbPool,
    gate: WriteGate,
}

impl SqliteMockStatsRepository {
    pub fn new(pool: DbPool, gate: WriteGate) -> Self {
        Self { pool, gate }
    }
}

#[derive(Queryable)]
struct StatsRow {
    mock_id: String,
    hits: i64,
    last_hit_at: Option<String>,
}

impl From<StatsRow> for MockHitStats {
    fn from(row: StatsRow) -> Self {
        Self {
            mock_id: row.mock_id,
            hits: u64::try_from(row.hits).unwrap_or(0),
            last_hit_at: row
                .last_hit_at
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc)),
        }
    }
}

#[async_trait]
impl MockStatsRepository for SqliteMockStatsRepository {
    /// One transaction of upserts; the `EXISTS` guard skips deleted mocks.
    async fn add(&self, deltas: &[HitDelta]) -> Result<(), RepositoryError> {
        let rows: Vec<(String, i64, String)> = deltas
            .iter()
            .map(|d| {
                (
                    d.mock_id.clone(),
                    i64::try_from(d.hits).unwrap_or(i64::MAX),
                    d.last_hit_at.to_rfc3339_opts(SecondsFormat::Micros, true),
                )
            })
            .collect();
        let gate = self.gate.clone();
        run_blocking(&self.pool, move |conn| {
            let _write = gate.enter();
            conn.immediate_transaction(|conn| {
                for (mock_id, hits, at) in rows {
                    diesel::sql_query(
                        "INSERT INTO mock_stats (mock_id, hits, last_hit_at) \
                         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM mocks WHERE mock_id = ?1) \
                         ON CONFLICT (mock_id) DO UPDATE SET hits = hits + excluded.hits, \
                         last_hit_at = max(coalesce(last_hit_at, ''), excluded.last_hit_at)",
                    )
                    .bind::<Text, _>(mock_id)
                    .bind::<BigInt, _>(hits)
                    .bind::<Text, _>(at)
                    .execute(conn)?;
                }
                Ok::<_, diesel::result::Error>(())
            })?;
            Ok(())
        })
        .await?;
        Ok(())
    }

    async fn all(&self) -> Result<Vec<MockHitStats>, RepositoryError> {
        let rows = run_blocking(&self.pool, |conn| {
            Ok(mock_stats::table.load::<StatsRow>(conn)?)
        })
        .await?;
        Ok(rows.into_iter().map(MockHitStats::from).collect())
    }

    async fn delete(&self, mock_id: &str) -> Result<(), RepositoryError> {
        let mock_id = mock_id.to_string();
        run_blocking(&self.pool, move |conn| {
            diesel::delete(mock_stats::table.find(mock_id)).execute(conn)?;
            Ok(())
        })
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_pool;

    fn delta(id: &str, hits: u64, secs: i64) -> HitDelta {
        HitDelta {
            mock_id: id.into(),
            hits,
            last_hit_at: DateTime::from_timestamp(secs, 0).unwrap_or_default(),
        }
    }

    async fn repo_with_mocks(ids: &[&str]) -> (SqliteMockStatsRepository, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let url = dir.path().join("stats.db");
        let pool = build_pool(url.to_str().unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
        let mut conn = pool.get().unwrap_or_else(|e| panic!("{e}"));
        for id in ids {
            diesel::sql_query(
                "INSERT INTO mocks (mock_id, mock_name, mock_enabled, mock_mode, mock_priority, \
                 match_method, match_path, mock_tags, definition, created_at, updated_at) \
                 VALUES (?1, 'n', 1, 'mock', 100, 'GET', '/', '[]', '{}', '', '')",
            )
            .bind::<Text, _>(*id)
            .execute(&mut conn)
            .unwrap_or_else(|e| panic!("{e}"));
        }
        drop(conn);
        (SqliteMockStatsRepository::new(pool, WriteGate::new()), dir)
    }

    fn hits_of(stats: &[MockHitStats], id: &str) -> Option<(u64, i64)> {
        stats
            .iter()
            .find(|s| s.mock_id == id)
            .map(|s| (s.hits, s.last_hit_at.map_or(0, |t| t.timestamp())))
    }

    #[tokio::test]
    async fn deltas_add_up_and_keep_the_latest_hit_time() {
        let (repo, _dir) = repo_with_mocks(&["a"]).await;
        repo.add(&[delta("a", 3, 200)])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        repo.add(&[delta("a", 2, 100)])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let all = repo.all().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(hits_of(&all, "a"), Some((5, 200)));
    }

    #[tokio::test]
    async fn deltas_for_deleted_mocks_are_skipped_and_delete_forgets() {
        let (repo, _dir) = repo_with_mocks(&["a"]).await;
        repo.add(&[delta("gone", 1, 1), delta("a", 1, 1)])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let all = repo.all().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            hits_of(&all, "gone"),
            None,
            "no row for a mock that does not exist"
        );
        repo.delete("a").await.unwrap_or_else(|e| panic!("{e}"));
        repo.delete("a").await.unwrap_or_else(|e| panic!("{e}"));
        assert!(repo
            .all()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty());
    }
}
