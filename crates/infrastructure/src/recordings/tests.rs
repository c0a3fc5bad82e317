use std::time::Duration;

use bytes::Bytes;
use chrono::Utc;
use diesel::RunQueryDsl;
use domain::recording::{
    CapturePage, Exchange, NewCapture, PathPrefix, RecordingRepository, RecordingSettings, REDACTED,
};
use domain::upstream::UpstreamUrl;
use domain::RepositoryError;

use super::SqliteRecordingRepository;
use crate::{build_pool, DbPool, WriteGate};

fn open(path: &std::path::Path) -> (SqliteRecordingRepository, DbPool) {
    let pool = build_pool(path.to_str().unwrap()).unwrap();
    (
        SqliteRecordingRepository::new(pool.clone(), WriteGate::new()),
        pool,
    )
}

fn settings(url: &str) -> RecordingSettings {
    RecordingSettings {
        upstream_url: UpstreamUrl::parse(url).unwrap(),
        path_prefix: PathPrefix::parse("/api").unwrap(),
        timeout: Duration::from_millis(2500),
    }
}

fn capture(path: &str, body: &'static [u8]) -> NewCapture {
    let exchange = Exchange {
        method: "POST".into(),
        path: path.into(),
        query: vec![
            ("b".into(), "2".into()),
            ("a".into(), "1".into()),
            ("b".into(), "3".into()),
        ],
        request_headers: vec![("Authorization".into(), "Bearer s3cret".into())],
        request_body: Bytes::from_static(b"{\"q\":1}"),
        status: 201,
        response_headers: vec![
            ("Content-Type".into(), "application/octet-stream".into()),
            ("Set-Cookie".into(), "sid=9".into()),
        ],
        response_body: Bytes::from_static(body),
        response_body_truncated: false,
    };
    // Stored with microseconds, so compared with microseconds.
    let now = chrono::DateTime::from_timestamp_micros(Utc::now().timestamp_micros()).unwrap();
    NewCapture::new(exchange, Some("proxy-mock".into()), 12.5, now)
}

#[tokio::test]
async fn one_recording_at_a_time_and_a_new_start_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, _) = open(&dir.path().join("r.db"));
    assert!(repo.latest().await.unwrap().is_none());
    let first = repo
        .start(&settings("http://127.0.0.1:9001"), Utc::now())
        .await
        .unwrap();
    assert!(first.is_active());
    assert_eq!(first.settings, settings("http://127.0.0.1:9001"));
    let second = repo
        .start(&settings("http://127.0.0.1:9002"), Utc::now())
        .await;
    assert!(
        matches!(&second, Err(RepositoryError::Conflict(m)) if m.contains("127.0.0.1:9001")),
        "{second:?}"
    );
    repo.add_capture(first.recording_id, capture("/api/a", b"x"))
        .await
        .unwrap();

    let stopped = repo.stop(first.recording_id, Utc::now()).await.unwrap();
    let stop_time = stopped.stopped_at.unwrap();
    let again = repo.stop(first.recording_id, Utc::now()).await.unwrap();
    assert_eq!(
        again.stopped_at,
        Some(stop_time),
        "a second stop keeps the first time"
    );

    let next = repo
        .start(&settings("http://127.0.0.1:9002"), Utc::now())
        .await
        .unwrap();
    assert!(next.recording_id > first.recording_id);
    assert_eq!(
        repo.latest().await.unwrap().map(|r| r.recording_id),
        Some(next.recording_id)
    );
    assert_eq!(
        repo.count_captures(first.recording_id).await.unwrap(),
        0,
        "the previous recording's captures went with it"
    );
    assert!(matches!(
        repo.stop(first.recording_id, Utc::now()).await,
        Err(RepositoryError::NotFound)
    ));
}

#[tokio::test]
async fn captures_read_back_exactly_with_credentials_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, _) = open(&dir.path().join("r.db"));
    let rec = repo
        .start(&settings("http://127.0.0.1:9001"), Utc::now())
        .await
        .unwrap();
    let binary: &'static [u8] = &[0, 159, 146, 150, 255, b'\n'];
    let stored = repo
        .add_capture(rec.recording_id, capture("/api/bin", binary))
        .await
        .unwrap();
    repo.add_capture(rec.recording_id, capture("/api/second", b"2"))
        .await
        .unwrap();

    let (all, total) = repo
        .captures(rec.recording_id, CapturePage::default())
        .await
        .unwrap();
    assert_eq!(total, 2);
    assert_eq!(all[0], stored);
    let e = all[0].entry.exchange();
    assert_eq!(e.response_body.as_ref(), binary);
    assert_eq!(
        e.query[0],
        ("b".to_string(), "2".to_string()),
        "order and repeats kept"
    );
    assert_eq!(e.query.len(), 3);
    assert_eq!(e.request_headers[0].1, REDACTED);
    assert_eq!(e.response_headers[1].1, REDACTED);
    assert_eq!(all[0].entry.mock_id(), Some("proxy-mock"));
    assert_eq!(all[0].entry.duration_ms(), 12.5);
    assert_eq!(e.status, 201);

    let page = CapturePage {
        limit: Some(1),
        offset: 1,
    };
    let (second, total) = repo.captures(rec.recording_id, page).await.unwrap();
    assert_eq!(total, 2);
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].entry.exchange().path, "/api/second");
}

#[tokio::test]
async fn a_stored_capture_is_committed_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let (repo, pool) = open(&path);
    let rec = repo
        .start(&settings("http://127.0.0.1:9001"), Utc::now())
        .await
        .unwrap();
    repo.add_capture(rec.recording_id, capture("/api/a", b"kept"))
        .await
        .unwrap();
    // Another connection (as another process would) sees it at once.
    let (other, _) = open(&path);
    assert_eq!(other.count_captures(rec.recording_id).await.unwrap(), 1);
    drop((repo, pool, other));

    let (reopened, _) = open(&path);
    let latest = reopened.latest().await.unwrap().unwrap();
    assert!(
        latest.is_active(),
        "an active recording stays active across a restart"
    );
    let (all, _) = reopened
        .captures(latest.recording_id, CapturePage::default())
        .await
        .unwrap();
    assert_eq!(all[0].entry.exchange().response_body, "kept");
}

#[tokio::test]
async fn a_capture_for_an_unknown_recording_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, _) = open(&dir.path().join("r.db"));
    assert!(matches!(
        repo.add_capture(42, capture("/api/a", b"x")).await,
        Err(RepositoryError::NotFound)
    ));
}

#[tokio::test]
async fn the_schema_refuses_a_second_active_recording_whoever_inserts_it() {
    let dir = tempfile::tempdir().unwrap();
    let (repo, pool) = open(&dir.path().join("r.db"));
    repo.start(&settings("http://127.0.0.1:9001"), Utc::now())
        .await
        .unwrap();
    let mut conn = pool.get().unwrap();
    let raced = diesel::sql_query(
        "INSERT INTO recordings (upstream_url, path_prefix, timeout_seconds, started_at) \
         VALUES ('http://h', '/', 10, '2026-01-01T00:00:00Z')",
    )
    .execute(&mut conn);
    assert!(
        raced.is_err(),
        "the unique index allows one active recording"
    );
}
