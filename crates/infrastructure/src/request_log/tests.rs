//! The inspector's SQLite store against a real temp database.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Nullable, Text};
use domain::inspector::{JsonText, NewRequestLog, RequestLogFilter, RequestLogRepository};
use domain::Outcome;
use serde_json::json;

use super::SqliteRequestLogRepository;
use crate::db::schema::request_log_chunks;
use crate::{build_pool, DbPool, WriteGate};

pub(super) fn open() -> (tempfile::TempDir, SqliteRequestLogRepository, DbPool) {
    let dir = tempfile::tempdir().unwrap();
    let pool = build_pool(dir.path().join("log.db").to_str().unwrap()).unwrap();
    let repo = SqliteRequestLogRepository::new(pool.clone(), WriteGate::new()).unwrap();
    (dir, repo, pool)
}

pub(super) fn all() -> RequestLogFilter {
    RequestLogFilter {
        limit: 1000,
        ..RequestLogFilter::default()
    }
}

pub(super) fn paths(logs: &[domain::inspector::RequestLog]) -> Vec<String> {
    logs.iter().map(|l| l.entry.request_path.clone()).collect()
}

pub(super) fn entry(i: usize) -> NewRequestLog {
    NewRequestLog {
        request_method: "GET".into(),
        request_path: format!("/items/{i}"),
        request_query: JsonText::of(&json!({"i": i.to_string()})),
        request_headers: JsonText::of(&json!({"host": "localhost"})),
        request_body: String::new(),
        request_body_truncated: false,
        matched_mock_id: i.is_multiple_of(2).then(|| "m".to_string()),
        variant: None,
        template_context: None,
        near_misses: None,
        response_status: 200,
        response_headers: JsonText::of(&json!({})),
        response_body: format!("{{\"i\":{i}}}"),
        response_body_truncated: false,
        duration_ms: 0.5,
        outcome: Outcome::Matched,
        client_ip: "127.0.0.1".into(),
        session_id: None,
        created_at: 1_795_564_800_000_000,
    }
}

#[tokio::test]
async fn a_batch_keeps_order_and_ids() {
    let (_dir, repo, _) = open();
    let entries: Vec<_> = (0..45).map(entry).collect();
    let written = repo.insert_batch(entries.clone(), 1000).await.unwrap();

    assert_eq!(written.len(), 45);
    for (i, log) in written.iter().enumerate() {
        assert_eq!(log.entry, entries[i], "entry {i} paired with its own id");
        let stored = repo.get(log.log_id).await.unwrap().unwrap();
        assert_eq!(stored.entry.request_path, format!("/items/{i}"));
    }
    assert!(written.windows(2).all(|w| w[0].log_id + 1 == w[1].log_id));

    let filter = RequestLogFilter {
        mock_id: Some("m".into()),
        limit: 5,
        ..RequestLogFilter::default()
    };
    let (page, total) = repo.list(&filter).await.unwrap();
    assert_eq!(total, 23);
    assert_eq!(page[0].entry.request_path, "/items/44", "newest first");
}

#[tokio::test]
async fn a_batch_prunes_the_oldest_rows_beyond_keep_in_the_same_write() {
    let (_dir, repo, _) = open();
    let first = repo
        .insert_batch((0..30).map(entry).collect(), 50)
        .await
        .unwrap();
    let second = repo
        .insert_batch((30..65).map(entry).collect(), 50)
        .await
        .unwrap();

    let (rows, total) = repo.list(&all()).await.unwrap();
    assert_eq!(total, 50, "65 written, newest 50 kept");
    assert_eq!(rows.last().unwrap().entry.request_path, "/items/15");
    assert!(repo.get(first[14].log_id).await.unwrap().is_none());
    assert_eq!(
        second[0].log_id,
        first[29].log_id + 1,
        "ids continue across batches"
    );

    // Clearing does not reuse ids (request_log_meta keeps the next id): new
    // entries sort after old cursors.
    repo.clear().await.unwrap();
    let third = repo.insert_batch(vec![entry(99)], 50).await.unwrap();
    assert!(third[0].log_id > second[34].log_id);
    assert!(repo.get(second[34].log_id).await.unwrap().is_none());
    let (rows, total) = repo.list(&all()).await.unwrap();
    assert_eq!((paths(&rows), total), (vec!["/items/99".to_string()], 1));
}

#[tokio::test]
async fn pruning_inside_a_batch_hides_exactly_the_oldest_entries() {
    let (_dir, repo, pool) = open();
    let first = repo
        .insert_batch((0..30).map(entry).collect(), 20)
        .await
        .unwrap();
    let (rows, total) = repo.list(&all()).await.unwrap();
    assert_eq!(total, 20);
    assert_eq!(rows.len(), 20);
    assert_eq!(rows.last().unwrap().entry.request_path, "/items/10");
    assert!(repo.get(first[9].log_id).await.unwrap().is_none());
    assert!(repo.get(first[10].log_id).await.unwrap().is_some());
    let filtered = RequestLogFilter {
        path: Some("/ITEMS/".into()),
        ..all()
    };
    assert_eq!(
        repo.list(&filtered).await.unwrap().1,
        20,
        "filters see the same 20"
    );

    // A later batch pushes the whole first batch out: its storage goes too.
    repo.insert_batch((30..55).map(entry).collect(), 20)
        .await
        .unwrap();
    let mut conn = pool.get().unwrap();
    let chunks: i64 = request_log_chunks::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(chunks, 1);
    let (rows, total) = repo.list(&all()).await.unwrap();
    assert_eq!(total, 20);
    assert_eq!(rows[0].entry.request_path, "/items/54");
    assert_eq!(rows[19].entry.request_path, "/items/35");
}

#[tokio::test]
async fn the_request_log_view_shows_the_kept_entries_as_rows() {
    let (_dir, repo, pool) = open();
    let mut with_context = entry(7);
    with_context.template_context = Some(JsonText::of(&json!({"request": {"id": "7"}})));
    with_context.request_body_truncated = true;
    with_context.session_id = Some("alice".into());
    with_context.created_at = 1_795_564_800_000_042;
    let mut later = entry(6);
    later.created_at += 1_500_000;
    repo.insert_batch(vec![entry(5), later], 2).await.unwrap();
    let written = repo.insert_batch(vec![with_context], 2).await.unwrap();

    let rows: Vec<ViewRow> = diesel::sql_query(
        "SELECT log_id, request_method, request_path, request_headers, template_context, \
         request_body_truncated, matched_mock_id, response_status, outcome, client_ip, \
         session_id, created_at FROM request_log ORDER BY log_id",
    )
    .load(&mut pool.get().unwrap())
    .unwrap();
    assert_eq!(rows.len(), 2, "pruned entries are not in the view");
    assert_eq!(rows[0].request_path, "/items/6");
    assert!(rows[0].template_context.is_none());
    assert_eq!(rows[1].log_id, written[0].log_id);
    assert_eq!(rows[1].request_headers, r#"{"host":"localhost"}"#);
    assert_eq!(
        rows[1].template_context.as_deref(),
        Some(r#"{"request":{"id":"7"}}"#)
    );
    assert!(rows[1].request_body_truncated);
    assert_eq!(rows[1].response_status, 200);
    // Text fields stored as string-table references read as text.
    let r = &rows[1];
    assert_eq!(
        (r.request_method.as_str(), r.outcome.as_str()),
        ("GET", "matched")
    );
    assert_eq!(r.client_ip, "127.0.0.1");
    assert_eq!(r.session_id.as_deref(), Some("alice"));
    assert_eq!(
        (
            rows[0].matched_mock_id.as_deref(),
            r.matched_mock_id.as_deref()
        ),
        (Some("m"), None)
    );
    assert_eq!(r.created_at, "2026-11-25T00:00:00.000042Z");
    // Stored as an offset from the first entry of its chunk.
    assert_eq!(rows[0].created_at, "2026-11-25T00:00:01.500000Z");
}

#[derive(QueryableByName)]
struct ViewRow {
    #[diesel(sql_type = BigInt)]
    log_id: i64,
    #[diesel(sql_type = Text)]
    request_method: String,
    #[diesel(sql_type = Text)]
    request_path: String,
    #[diesel(sql_type = Text)]
    request_headers: String,
    #[diesel(sql_type = Nullable<Text>)]
    template_context: Option<String>,
    #[diesel(sql_type = Bool)]
    request_body_truncated: bool,
    #[diesel(sql_type = Nullable<Text>)]
    matched_mock_id: Option<String>,
    #[diesel(sql_type = Integer)]
    response_status: i32,
    #[diesel(sql_type = Text)]
    outcome: String,
    #[diesel(sql_type = Text)]
    client_ip: String,
    #[diesel(sql_type = Nullable<Text>)]
    session_id: Option<String>,
    #[diesel(sql_type = Text)]
    created_at: String,
}

#[tokio::test]
async fn a_batch_of_large_entries_spans_several_chunks_with_consecutive_ids() {
    let (_dir, repo, pool) = open();
    let large = |i: usize| NewRequestLog {
        response_body: format!("{i}:{}", "b".repeat(60_000)),
        ..entry(i)
    };
    let written = repo
        .insert_batch((0..40).map(large).collect(), 30)
        .await
        .unwrap();
    assert!(written.windows(2).all(|w| w[0].log_id + 1 == w[1].log_id));
    let mut conn = pool.get().unwrap();
    let chunks: i64 = request_log_chunks::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert!(chunks >= 2, "{chunks} chunks");

    let (rows, total) = repo.list(&all()).await.unwrap();
    assert_eq!(total, 30, "pruned to keep across the chunks");
    assert_eq!(rows.last().unwrap().entry.request_path, "/items/10");
    for log in &written[10..] {
        let stored = repo.get(log.log_id).await.unwrap().unwrap();
        assert_eq!(stored, *log);
    }
    assert!(repo.get(written[9].log_id).await.unwrap().is_none());
}
