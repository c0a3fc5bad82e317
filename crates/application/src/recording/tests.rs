use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use chrono::Utc;
use domain::recording::{
    Capture, Exchange, MockRecordingRepository, NewCapture, PathPrefix, Recording,
    RecordingSettings,
};
use domain::repository::MockMockRepository;
use domain::upstream::UpstreamUrl;
use domain::{MockCatalog, MockId, RepositoryError};
use serde_json::json;

use crate::{AppError, MockService, MockStateReset, RecordingService};

fn recording(id: i64, active: bool) -> Recording {
    Recording {
        recording_id: id,
        settings: RecordingSettings {
            upstream_url: UpstreamUrl::parse("http://127.0.0.1:9000").unwrap(),
            path_prefix: PathPrefix::root(),
            timeout: Duration::from_secs(10),
        },
        started_at: Utc::now(),
        stopped_at: (!active).then(Utc::now),
    }
}

fn capture(id: i64, path: &str, body: &'static [u8]) -> Capture {
    let exchange = Exchange {
        method: "GET".into(),
        path: path.into(),
        status: 200,
        response_headers: vec![("Content-Type".into(), "application/json".into())],
        response_body: Bytes::from_static(body),
        ..Exchange::default()
    };
    Capture {
        capture_id: id,
        recording_id: 1,
        entry: NewCapture::new(exchange, None, 1.0, Utc::now()),
    }
}

/// A repository whose latest recording is `latest`, stopping it on request.
fn repo_with(latest: Option<Recording>) -> MockRecordingRepository {
    let mut repo = MockRecordingRepository::new();
    repo.expect_latest().returning(move || Ok(latest.clone()));
    repo.expect_stop()
        .returning(|id, _| Ok(recording(id, false)));
    repo
}

fn mock_service(existing: Vec<&str>) -> MockService {
    let mut mocks = MockMockRepository::new();
    mocks
        .expect_import()
        .returning(|items, _| Ok(items.into_iter().map(Ok).collect()));
    let stored = existing
        .into_iter()
        .map(|id| {
            domain::MockDefinition::new(
                MockId::parse(id).unwrap(),
                "mine",
                domain::MatchMethod::Any,
                domain::PathPattern::parse("/mine").unwrap(),
            )
        })
        .collect();
    MockService::new(Arc::new(mocks), Arc::new(MockCatalog::new(stored)))
}

async fn service(repo: MockRecordingRepository, mocks: MockService) -> RecordingService {
    RecordingService::load(Arc::new(repo), Arc::new(mocks))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_recording_running_before_a_restart_is_active_after_it() {
    let svc = service(repo_with(Some(recording(7, true))), mock_service(vec![])).await;
    assert_eq!(svc.active().map(|r| r.recording_id), Some(7));
    let stopped = service(repo_with(Some(recording(7, false))), mock_service(vec![])).await;
    assert!(stopped.active().is_none());
}

#[tokio::test]
async fn a_second_start_is_a_conflict_and_invalid_input_reaches_no_storage() {
    let mut repo = repo_with(None);
    repo.expect_start()
        .times(1)
        .returning(|_, _| Err(RepositoryError::Conflict("already running".into())));
    let svc = service(repo, mock_service(vec![])).await;
    let bad = svc.start(&json!({"upstream_url": "not a url"})).await;
    assert!(matches!(bad, Err(AppError::Invalid(e)) if e.field == "upstream_url"));
    let second = svc
        .start(&json!({"upstream_url": "http://127.0.0.1:9000"}))
        .await;
    assert!(matches!(second, Err(AppError::Conflict(_))));
    assert!(svc.active().is_none());
}

#[tokio::test]
async fn start_and_stop_switch_the_active_recording() {
    let mut repo = repo_with(Some(recording(1, true)));
    repo.expect_start().returning(|_, _| Ok(recording(2, true)));
    repo.expect_captures().returning(|_, _| Ok((vec![], 0)));
    let svc = service(repo, mock_service(vec![])).await;
    let started = svc
        .start(&json!({"upstream_url": "http://127.0.0.1:9000", "path_prefix": "/api"}))
        .await
        .unwrap();
    assert_eq!(
        svc.active().map(|r| r.recording_id),
        Some(started.recording_id)
    );
    let report = svc.stop(None).await.unwrap();
    assert!(!report.recording.is_active());
    assert!(svc.active().is_none());
    assert!(report.mocks.created.is_empty());
}

#[tokio::test]
async fn stopping_before_any_recording_is_a_conflict() {
    let svc = service(repo_with(None), mock_service(vec![])).await;
    assert!(matches!(svc.stop(None).await, Err(AppError::Conflict(_))));
}

#[tokio::test]
async fn stop_with_create_mocks_stores_mocks_beside_existing_ones_and_reports_skips() {
    let mut repo = repo_with(Some(recording(1, true)));
    repo.expect_captures().returning(|_, _| {
        Ok((
            vec![
                capture(10, "/api/users", br#"[{"id": 1}]"#),
                capture(11, "/logo", &[0xff, 0xfe, 0x00]),
                capture(12, "/api/users", br#"[{"id": 2}]"#),
            ],
            3,
        ))
    });
    let svc = service(repo, mock_service(vec!["rec-get-api-users"])).await;
    let report = svc
        .stop(Some(&json!({"create_mocks": true})))
        .await
        .unwrap();
    let ids: Vec<&str> = report.mocks.created.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        ["rec-get-api-users-2"],
        "an existing mock is never overwritten"
    );
    let created = &report.mocks.created[0];
    assert_eq!(created.variants.len(), 2);
    assert_eq!(created.tags, ["recorded"]);
    assert_eq!(report.mocks.skipped.len(), 1);
    assert_eq!(report.mocks.skipped[0].capture_id, 11);
    assert!(
        svc.mocks.get("rec-get-api-users-2").is_ok(),
        "served from the catalog at once"
    );
}

struct CountingReset(AtomicUsize);

#[async_trait]
impl MockStateReset for CountingReset {
    async fn reset(&self, _id: &MockId) -> Result<(), AppError> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

#[tokio::test]
async fn upsert_replaces_the_mock_of_the_same_request_and_resets_its_state() {
    let mut repo = repo_with(Some(recording(1, false)));
    repo.expect_captures()
        .returning(|_, _| Ok((vec![capture(10, "/api/users", b"[]")], 1)));
    let resets = Arc::new(CountingReset(AtomicUsize::new(0)));
    let mocks = mock_service(vec!["rec-get-api-users"]).with_reset(resets.clone());
    let svc = service(repo, mocks).await;
    let report = svc
        .stop(Some(&json!({"create_mocks": true, "upsert": true})))
        .await
        .unwrap();
    let ids: Vec<&str> = report.mocks.created.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["rec-get-api-users"]);
    assert_eq!(resets.0.load(Ordering::SeqCst), 1);
    let stored = svc.mocks.get("rec-get-api-users").unwrap();
    assert_eq!(
        stored.name, "GET /api/users",
        "the recorded mock replaced the old one"
    );
}
