//! The SQLite state store against a real temp database.

use super::SqliteStateRepository;
use crate::build_pool;
use domain::state::{StateError, StateMeta, StateRepository};
use serde_json::json;
use std::sync::Arc;

fn repo() -> (tempfile::TempDir, SqliteStateRepository) {
    let dir = tempfile::tempdir().unwrap();
    let pool = build_pool(dir.path().join("s.db").to_str().unwrap()).unwrap();
    let repo = SqliteStateRepository::new(pool, crate::WriteGate::new()).unwrap();
    (dir, repo)
}

#[test]
fn increments_are_atomic_under_concurrency() {
    let (_dir, repo) = repo();
    let repo = Arc::new(repo);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let repo = Arc::clone(&repo);
            std::thread::spawn(move || {
                for _ in 0..25 {
                    repo.increment("s", "n", 1, 1, &StateMeta::default())
                        .unwrap();
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    assert_eq!(repo.get("s", "n").unwrap(), Some(json!(200)));
}

#[test]
fn a_refused_write_in_a_shared_batch_leaves_the_others_committed() {
    let (_dir, repo) = repo();
    let repo = Arc::new(repo);
    let meta = StateMeta::default();
    repo.set("s", "text", &json!("x"), &meta).unwrap();
    let threads: Vec<_> = (0..16)
        .map(|i| {
            let repo = Arc::clone(&repo);
            std::thread::spawn(move || {
                let key = if i % 2 == 0 { "n" } else { "text" };
                (0..20)
                    .filter(|_| {
                        repo.increment("s", key, 1, 1, &StateMeta::default())
                            .is_ok()
                    })
                    .count()
            })
        })
        .collect();
    let accepted: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(
        accepted, 160,
        "every increment of the integer, none of the text"
    );
    assert_eq!(repo.get("s", "n").unwrap(), Some(json!(160)));
    assert_eq!(repo.get("s", "text").unwrap(), Some(json!("x")));
}

#[test]
fn increment_refuses_non_integers_including_numeric_strings() {
    let (_dir, repo) = repo();
    let meta = StateMeta::default();
    repo.set("s", "text", &json!("7"), &meta).unwrap();
    repo.set("s", "float", &json!(1.5), &meta).unwrap();
    assert!(matches!(
        repo.increment("s", "text", 1, 1, &meta),
        Err(StateError::NotInteger(_))
    ));
    assert!(matches!(
        repo.increment("s", "float", 1, 1, &meta),
        Err(StateError::NotInteger(_))
    ));
    assert_eq!(
        repo.get("s", "text").unwrap(),
        Some(json!("7")),
        "a refused increment changes nothing"
    );
    assert_eq!(repo.increment("s", "fresh", 10, 5, &meta).unwrap(), 10);
    assert_eq!(repo.increment("s", "fresh", 10, 5, &meta).unwrap(), 15);
    assert_eq!(repo.increment("s", "neg", -1, -1, &meta).unwrap(), -1);
}

#[test]
fn an_increment_that_would_overflow_is_refused_and_changes_nothing() {
    let (_dir, repo) = repo();
    let meta = StateMeta::default();
    repo.set("s", "big", &json!(i64::MAX - 1), &meta).unwrap();
    assert_eq!(repo.increment("s", "big", 0, 1, &meta).unwrap(), i64::MAX);
    assert!(matches!(
        repo.increment("s", "big", 0, 1, &meta),
        Err(StateError::NotInteger(_))
    ));
    repo.set("s", "small", &json!(i64::MIN), &meta).unwrap();
    assert!(repo.increment("s", "small", 0, -1, &meta).is_err());
    assert_eq!(repo.get("s", "big").unwrap(), Some(json!(i64::MAX)));
    assert_eq!(repo.get("s", "small").unwrap(), Some(json!(i64::MIN)));
}

#[test]
fn values_keep_their_json_type_and_scopes_are_separate() {
    let (_dir, repo) = repo();
    let meta = StateMeta {
        mock_id: Some("m".into()),
        client_ip: Some("1.2.3.4".into()),
    };
    repo.set("a", "cart", &json!({"items": [1, 2]}), &meta)
        .unwrap();
    repo.set("b", "cart", &json!("just text"), &meta).unwrap();
    assert_eq!(
        repo.get("a", "cart").unwrap(),
        Some(json!({"items": [1, 2]}))
    );
    assert_eq!(repo.get("b", "cart").unwrap(), Some(json!("just text")));
    let sessions = repo.sessions().unwrap();
    assert_eq!(sessions.len(), 2);
    let listed = repo.list("a").unwrap();
    assert_eq!(listed[0].mock_id.as_deref(), Some("m"));
    assert!(repo.delete("a", "cart").unwrap());
    assert!(!repo.delete("a", "cart").unwrap());
    assert_eq!(repo.clear(None).unwrap(), 1);
}

/// What a task saw, and what the store held when its caller was answered.
type Seen = (
    i64,
    Option<serde_json::Value>,
    bool,
    Option<serde_json::Value>,
);

#[test]
fn tasks_in_a_batch_see_each_others_writes_and_hear_back_after_commit() {
    let (_dir, repo) = repo();
    let repo = Arc::new(repo);
    let (tx, rx) = std::sync::mpsc::channel::<Seen>();
    for _ in 0..50 {
        let (store, tx) = (Arc::clone(&repo), tx.clone());
        repo.run_task(Box::new(move || {
            let n = store
                .increment("s", "n", 1, 1, &StateMeta::default())
                .unwrap();
            store
                .set("s", "last", &json!(n), &StateMeta::default())
                .unwrap();
            let read_back = store.get("s", "last").unwrap();
            Box::new(move |durable| {
                // Outside the batch now: this read goes through another connection.
                let committed = store.get("s", "last").unwrap();
                tx.send((n, read_back, durable.is_ok(), committed)).unwrap();
            })
        }));
    }
    let mut seen: Vec<Seen> = (0..50).map(|_| rx.recv().unwrap()).collect();
    seen.sort_by_key(|s| s.0);
    for (i, (n, read_back, durable, committed)) in seen.into_iter().enumerate() {
        assert_eq!(n, i as i64 + 1, "every task saw the increments before it");
        assert_eq!(read_back, Some(json!(n)), "a task reads its own write");
        assert!(durable);
        let committed = committed.unwrap().as_i64().unwrap();
        assert!(
            committed >= n,
            "answered only after its write was committed"
        );
    }
    assert_eq!(repo.get("s", "n").unwrap(), Some(json!(50)));
}

#[test]
fn a_panicking_task_rolls_back_its_batch_and_the_tasks_after_it_still_run() {
    let (_dir, repo) = repo();
    let repo = Arc::new(repo);
    let store = Arc::clone(&repo);
    let (tx, rx) = std::sync::mpsc::channel::<bool>();
    let panicking_tx = tx.clone();
    repo.run_task(Box::new(move || {
        store
            .set("s", "k", &json!("lost"), &StateMeta::default())
            .unwrap();
        let _answer_never_sent = panicking_tx;
        panic!("a bug in a render");
    }));
    let store = Arc::clone(&repo);
    repo.run_task(Box::new(move || {
        store
            .set("s", "after", &json!(1), &StateMeta::default())
            .unwrap();
        Box::new(move |durable| tx.send(durable.is_ok()).unwrap())
    }));
    // The panicking task never answers; its channel clone is simply dropped.
    assert!(rx.recv().unwrap(), "the next task committed");
    assert!(rx.recv().is_err(), "no answer from the task that panicked");
    assert_eq!(repo.get("s", "after").unwrap(), Some(json!(1)));
    assert_eq!(
        repo.get("s", "k").unwrap(),
        None,
        "the panicking batch was rolled back"
    );
}
