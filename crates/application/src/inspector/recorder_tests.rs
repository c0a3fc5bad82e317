//! The inspector's queue, batches, limits and failures, with a mocked repository.

use super::*;
use async_trait::async_trait;
use domain::inspector::{JsonText, NewRequestLog, RequestLog};
use domain::{Outcome, RepositoryError};
use serde_json::json;
use std::sync::Mutex;

mockall::mock! {
    Repo {}
    #[async_trait]
    impl RequestLogRepository for Repo {
        async fn insert_batch(&self, entries: Vec<NewRequestLog>, keep: u64) -> Result<Vec<RequestLog>, RepositoryError>;
        async fn list(&self, filter: &RequestLogFilter) -> Result<(Vec<RequestLog>, i64), RepositoryError>;
        async fn get(&self, log_id: i64) -> Result<Option<RequestLog>, RepositoryError>;
        async fn clear(&self) -> Result<usize, RepositoryError>;
    }
}

fn entry(path: &str) -> NewRequestLog {
    NewRequestLog {
        request_method: "GET".into(),
        request_path: path.into(),
        request_query: JsonText::of(&json!({})),
        request_headers: JsonText::of(&json!({})),
        request_body: String::new(),
        request_body_truncated: false,
        matched_mock_id: None,
        variant: None,
        template_context: None,
        near_misses: None,
        response_status: 404,
        response_headers: JsonText::of(&json!({})),
        response_body: String::new(),
        response_body_truncated: false,
        duration_ms: 0.1,
        outcome: Outcome::Unmatched,
        client_ip: "127.0.0.1".into(),
        session_id: None,
        created_at: 1_767_225_600_000_000,
    }
}

/// Limited by count only.
fn entries(entries: usize) -> QueueLimits {
    QueueLimits {
        entries,
        bytes: usize::MAX,
    }
}

/// A repository that records batch sizes.
fn recording_repo(sizes: Arc<Mutex<Vec<usize>>>, keep: u64) -> MockRepo {
    let mut repo = MockRepo::new();
    repo.expect_insert_batch()
        .withf(move |_, k| *k == keep)
        .returning(move |entries, _| {
            sizes.lock().unwrap().push(entries.len());
            Ok(entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| RequestLog {
                    log_id: i as i64,
                    entry,
                })
                .collect())
        });
    repo
}

#[tokio::test]
async fn entries_are_written_in_batches_of_at_most_1000() {
    let sizes = Arc::new(Mutex::new(Vec::new()));
    let inspector = Inspector::start(
        &Handle::current(),
        Arc::new(recording_repo(Arc::clone(&sizes), 7)),
        7,
        entries(3000),
    );
    for i in 0..2200 {
        inspector.record(entry(&format!("/{i}")));
    }
    inspector.flush_and_stop().await;
    assert_eq!(*sizes.lock().unwrap(), vec![1000, 1000, 200]);
    assert_eq!(inspector.stats().written.load(Ordering::Relaxed), 2200);
}

#[tokio::test]
async fn a_full_queue_drops_and_counts_instead_of_waiting() {
    let sizes = Arc::new(Mutex::new(Vec::new()));
    let inspector = Inspector::start(
        &Handle::current(),
        Arc::new(recording_repo(Arc::clone(&sizes), 10)),
        10,
        entries(2),
    );
    // The writer cannot run between these calls (single-threaded test runtime).
    for i in 0..5 {
        inspector.record(entry(&format!("/{i}")));
    }
    assert_eq!(inspector.stats().dropped.load(Ordering::Relaxed), 3);
    assert_eq!(inspector.queue_depth(), 2);
    inspector.flush_and_stop().await;
    assert_eq!(sizes.lock().unwrap().iter().sum::<usize>(), 2);
}

#[tokio::test]
async fn entries_beyond_the_byte_budget_are_dropped_and_the_budget_comes_back() {
    let sizes = Arc::new(Mutex::new(Vec::new()));
    let one = entry_bytes(&entry("/0"));
    let inspector = Inspector::start(
        &Handle::current(),
        Arc::new(recording_repo(Arc::clone(&sizes), 10)),
        10,
        QueueLimits {
            entries: 100,
            bytes: 3 * one,
        },
    );
    // The writer cannot run between these calls (single-threaded test runtime).
    for i in 0..5 {
        inspector.record(entry(&format!("/{i}")));
    }
    assert_eq!(inspector.stats().dropped.load(Ordering::Relaxed), 2);
    assert_eq!(inspector.queued_bytes(), 3 * one);
    inspector.flush_and_stop().await;
    assert_eq!(sizes.lock().unwrap().iter().sum::<usize>(), 3);
    assert_eq!(
        inspector.queued_bytes(),
        0,
        "written entries free their bytes"
    );
}

#[tokio::test]
async fn a_disabled_inspector_stores_nothing() {
    let repo = MockRepo::new(); // any call would fail the test
    let inspector = Inspector::start(&Handle::current(), Arc::new(repo), 0, entries(10));
    inspector.record(entry("/x"));
    assert!(!inspector.enabled());
    inspector.flush_and_stop().await;
}

#[tokio::test]
async fn failed_writes_are_counted_as_dropped() {
    let mut repo = MockRepo::new();
    repo.expect_insert_batch()
        .returning(|_, _| Err(RepositoryError::Unknown("disk full".into())));
    let inspector = Inspector::start(&Handle::current(), Arc::new(repo), 10, entries(10));
    inspector.record(entry("/x"));
    inspector.flush_and_stop().await;
    assert_eq!(inspector.stats().dropped.load(Ordering::Relaxed), 1);
}
