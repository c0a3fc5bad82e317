//! The inspector list: filters and cursor pages over several chunks.

use domain::inspector::{NewRequestLog, RequestLogFilter, RequestLogRepository};
use domain::Outcome;

use super::tests::{all, entry, open, paths};

fn varied(i: usize) -> NewRequestLog {
    NewRequestLog {
        request_method: if i.is_multiple_of(3) { "POST" } else { "GET" }.into(),
        session_id: Some(format!("s{}", i % 4)),
        response_status: if i.is_multiple_of(5) { 500 } else { 200 },
        outcome: if i.is_multiple_of(5) {
            Outcome::ErrorSimulated
        } else {
            Outcome::Matched
        },
        request_path: if i.is_multiple_of(2) {
            format!("/api/Orders/{i}")
        } else {
            format!("/api/users/{i}")
        },
        ..entry(i)
    }
}

#[tokio::test]
async fn each_filter_selects_its_entries_across_batches_newest_first() {
    let (_dir, repo, _) = open();
    for batch in 0..4 {
        let range = batch * 10..batch * 10 + 10;
        repo.insert_batch(range.map(varied).collect(), 1000)
            .await
            .unwrap();
    }
    let expect = |keep: &dyn Fn(usize) -> bool| -> Vec<String> {
        (0..40)
            .rev()
            .filter(|i| keep(*i))
            .map(|i| varied(i).request_path)
            .collect()
    };
    let cases: Vec<(RequestLogFilter, Vec<String>)> = vec![
        (
            RequestLogFilter {
                session_id: Some("s1".into()),
                ..all()
            },
            expect(&|i| i % 4 == 1),
        ),
        (
            RequestLogFilter {
                mock_id: Some("m".into()),
                ..all()
            },
            expect(&|i| i % 2 == 0),
        ),
        (
            RequestLogFilter {
                method: Some("post".into()),
                ..all()
            },
            expect(&|i| i % 3 == 0),
        ),
        (
            RequestLogFilter {
                status: Some(500),
                ..all()
            },
            expect(&|i| i % 5 == 0),
        ),
        (
            RequestLogFilter {
                outcome: Some(Outcome::ErrorSimulated),
                ..all()
            },
            expect(&|i| i % 5 == 0),
        ),
        (
            RequestLogFilter {
                path: Some("orders/".into()),
                ..all()
            },
            expect(&|i| i % 2 == 0),
        ),
        (
            RequestLogFilter {
                method: Some("GET".into()),
                status: Some(200),
                ..all()
            },
            expect(&|i| i % 3 != 0 && i % 5 != 0),
        ),
    ];
    for (filter, expected) in cases {
        let (rows, total) = repo.list(&filter).await.unwrap();
        assert_eq!(paths(&rows), expected, "{filter:?}");
        assert_eq!(total, expected.len() as i64, "{filter:?}");
    }
}

#[tokio::test]
async fn pages_follow_the_cursor_and_the_count_ignores_it() {
    let (_dir, repo, _) = open();
    for batch in 0..5 {
        let range = batch * 7..batch * 7 + 7;
        repo.insert_batch(range.map(varied).collect(), 1000)
            .await
            .unwrap();
    }
    for filter in [
        all(),
        RequestLogFilter {
            method: Some("GET".into()),
            ..all()
        },
    ] {
        let (everything, total) = repo.list(&filter).await.unwrap();
        let mut walked = Vec::new();
        let mut cursor = RequestLogFilter {
            limit: 4,
            ..filter.clone()
        };
        loop {
            let (page, page_total) = repo.list(&cursor).await.unwrap();
            assert_eq!(page_total, total, "count is the same on every page");
            let Some(last) = page.last() else { break };
            cursor.before = Some(last.log_id);
            walked.extend(page);
        }
        assert_eq!(walked, everything, "{filter:?}");
    }
}
