//! Entries stored one row per request (before chunks) survive the upgrade.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::MigrationHarness;
use domain::inspector::{RequestLogFilter, RequestLogRepository};
use domain::Outcome;

use super::SqliteRequestLogRepository;
use crate::db::MIGRATIONS;
use crate::{build_pool, WriteGate};

/// Migrations up to and including the lean row-per-request table.
const ROW_TABLE_MIGRATIONS: usize = 6;

#[tokio::test]
async fn rows_stored_one_per_request_are_kept_by_the_chunk_migration() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.db");
    let url = file.to_str().unwrap();
    {
        let mut conn = SqliteConnection::establish(url).unwrap();
        for _ in 0..ROW_TABLE_MIGRATIONS {
            conn.run_next_migration(MIGRATIONS).unwrap();
        }
        conn.batch_execute(
            r#"INSERT INTO request_log VALUES
              (5, 'GET', '/old/1', '{}', '{"host":"h"}', '', 0, 'm1', NULL, NULL, NULL,
               200, '{"content-type":"text/plain"}', 'one', 1, 0.5, 'matched', '10.0.0.1', NULL,
               '2026-11-24T00:00:00Z'),
              (6, 'POST', '/old/2', '{"q":"1"}', '{}', 'body "quoted"', 1, NULL, 2,
               '{"request":{"id":"2"}}', '[{"mock_id":"x"}]', 404, '{}', '', 0, 1.25,
               'unmatched', '10.0.0.2', 'alice', '2026-11-24T00:00:01Z');"#,
        )
        .unwrap();
    }
    let repo = SqliteRequestLogRepository::new(build_pool(url).unwrap(), WriteGate::new()).unwrap();

    let (rows, total) = repo
        .list(&RequestLogFilter {
            limit: 10,
            ..RequestLogFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(total, 2);
    assert_eq!(rows[0].log_id, 6);
    let old = &rows[0].entry;
    assert_eq!(old.request_method, "POST");
    assert_eq!(old.request_body, "body \"quoted\"");
    assert!(old.request_body_truncated);
    assert!(!old.response_body_truncated);
    assert_eq!(old.variant, Some(2));
    assert_eq!(
        old.template_context.as_ref().unwrap().as_str(),
        r#"{"request":{"id":"2"}}"#
    );
    assert_eq!(
        old.near_misses.as_ref().unwrap().as_str(),
        r#"[{"mock_id":"x"}]"#
    );
    assert_eq!(old.outcome, Outcome::Unmatched);
    assert_eq!(old.session_id.as_deref(), Some("alice"));
    assert_eq!(old.duration_ms, 1.25);
    let first = repo.get(5).await.unwrap().unwrap().entry;
    assert_eq!(
        first.response_headers.as_str(),
        r#"{"content-type":"text/plain"}"#
    );
    assert!(first.response_body_truncated);
    assert!(first.template_context.is_none());
    assert_eq!(first.matched_mock_id.as_deref(), Some("m1"));

    let new = repo.insert_batch(vec![old.clone()], 100).await.unwrap();
    assert_eq!(new[0].log_id, 7, "ids continue after the migrated ones");

    // And back: reverting the migrations after the row table restores a
    // row per entry.
    let mut conn = SqliteConnection::establish(url).unwrap();
    while conn.applied_migrations().unwrap().len() > ROW_TABLE_MIGRATIONS {
        conn.revert_last_migration(MIGRATIONS).unwrap();
    }
    let kind: String = diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
        "(SELECT type FROM sqlite_master WHERE name = 'request_log')",
    ))
    .get_result(&mut conn)
    .unwrap();
    assert_eq!(kind, "table");
    let rows: Vec<(i64, String)> = diesel::sql_query(
        "SELECT log_id AS id, request_path AS path FROM request_log ORDER BY log_id",
    )
    .load::<IdPath>(&mut conn)
    .unwrap()
    .into_iter()
    .map(|r| (r.id, r.path))
    .collect();
    let paths = |p: &[(i64, &str)]| -> Vec<(i64, String)> {
        p.iter().map(|(i, s)| (*i, s.to_string())).collect()
    };
    assert_eq!(rows, paths(&[(5, "/old/1"), (6, "/old/2"), (7, "/old/2")]));
}

#[derive(QueryableByName)]
struct IdPath {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    path: String,
}
