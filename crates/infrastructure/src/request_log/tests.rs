//! The inspector's SQLite store against a real temp database.

use domain::inspector::{JsonText, NewRequestLog, RequestLogFilter, RequestLogRepository};
use domain::Outcome;
use serde_json::json;

use super::SqliteRequestLogRepository;
use crate::{build_pool, WriteGate};

fn entry(i: usize) -> NewRequestLog {
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
        created_at: "2026-11-25T00:00:00Z".into(),
    }
}

#[tokio::test]
async fn a_batch_spanning_several_statements_keeps_order_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let pool = build_pool(dir.path().join("log.db").to_str().unwrap()).unwrap();
    let repo = SqliteRequestLogRepository::new(pool, WriteGate::new());
    // 2 full multi-row statements, then single rows for the remainder.
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
    let dir = tempfile::tempdir().unwrap();
    let pool = build_pool(dir.path().join("log.db").to_str().unwrap()).unwrap();
    let repo = SqliteRequestLogRepository::new(pool, WriteGate::new());
    let first = repo
        .insert_batch((0..30).map(entry).collect(), 50)
        .await
        .unwrap();
    let second = repo
        .insert_batch((30..65).map(entry).collect(), 50)
        .await
        .unwrap();

    let all = RequestLogFilter {
        limit: 1000,
        ..RequestLogFilter::default()
    };
    let (rows, total) = repo.list(&all).await.unwrap();
    assert_eq!(total, 50, "65 written, newest 50 kept");
    assert_eq!(rows.last().unwrap().entry.request_path, "/items/15");
    assert!(repo.get(first[14].log_id).await.unwrap().is_none());
    assert_eq!(
        second[0].log_id,
        first[29].log_id + 1,
        "ids continue across batches"
    );

    // Clearing does not reuse ids (AUTOINCREMENT): new rows sort after old cursors.
    repo.clear().await.unwrap();
    let third = repo.insert_batch(vec![entry(99)], 50).await.unwrap();
    assert!(third[0].log_id > second[34].log_id);
}
