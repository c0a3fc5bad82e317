use std::io::Write;

use bytes::Bytes;
use serde_json::json;

use super::*;
use crate::test_support::pairs;
use crate::{IncomingRequest, MockCatalog};

fn exchange(method: &str, path: &str, status: u16, body: &str) -> Exchange {
    Exchange {
        method: method.into(),
        path: path.into(),
        status,
        response_headers: pairs(&[("Content-Type", "application/json")]),
        response_body: Bytes::from(body.to_string()),
        ..Exchange::default()
    }
}

fn convert(exchanges: &[Exchange]) -> Conversion {
    mocks_from_exchanges(
        exchanges,
        &ConversionOptions {
            id_prefix: "rec",
            tags: vec!["recorded".into()],
            is_taken: &|_| false,
        },
    )
}

fn headers_of(mock: &MockDefinition) -> Vec<(&str, &str)> {
    mock.response
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn one_mock_reproduces_method_path_status_headers_and_json_body() {
    let mut users = exchange("get", "/api/users", 201, r#"{"users": [{"id": 1}]}"#);
    users.response_headers.extend(pairs(&[("X-Total", "1")]));
    let conversion = convert(&[users]);
    assert!(conversion.skipped.is_empty());
    let [mock] = conversion.mocks.as_slice() else {
        panic!("one mock expected")
    };
    assert_eq!(mock.id.as_str(), "rec-get-api-users");
    assert_eq!(mock.name, "GET /api/users");
    assert_eq!(mock.tags, ["recorded"]);
    assert_eq!(mock.criteria.method, MatchMethod::Exact("GET".into()));
    assert_eq!(mock.criteria.path.source(), "/api/users");
    assert!(mock.criteria.query.is_none());
    assert_eq!(mock.response.status.get(), 201);
    assert_eq!(mock.response.body, json!({"users": [{"id": 1}]}));
    assert_eq!(mock.response.wire_body, r#"{"users":[{"id":1}]}"#);
    assert_eq!(
        headers_of(mock),
        [("Content-Type", "application/json"), ("X-Total", "1")]
    );
    assert!(mock.variants.is_empty());
    assert!(mock.check_consistency().is_ok());
}

#[test]
fn framing_hop_by_hop_credential_and_own_headers_are_left_out() {
    let mut e = exchange("GET", "/h", 200, "{}");
    e.response_headers.extend(pairs(&[
        ("Connection", "keep-alive, X-Hop"),
        ("X-Hop", "1"),
        ("Keep-Alive", "timeout=5"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "2"),
        ("Date", "Mon, 01 Jan 2026 00:00:00 GMT"),
        ("Set-Cookie", "sid=secret"),
        ("X-Mimicus-Variant", "0"),
        ("Bad Name", "x"),
        ("X-Bad-Value", "a\nb"),
        ("Vary", "Accept"),
        ("vary", "Origin"),
        ("Cache-Control", "no-store"),
    ]));
    let conversion = convert(&[e]);
    assert_eq!(
        headers_of(&conversion.mocks[0]),
        [
            ("Content-Type", "application/json"),
            ("Vary", "Accept, Origin"),
            ("Cache-Control", "no-store"),
        ]
    );
}

#[test]
fn different_responses_to_one_request_become_a_sequence_in_recorded_order() {
    let conversion = convert(&[
        exchange("GET", "/job", 200, r#"{"state": "queued"}"#),
        exchange("GET", "/job", 200, r#"{"state": "queued"}"#),
        exchange("GET", "/other", 200, "{}"),
        exchange("GET", "/job", 200, r#"{"state": "done"}"#),
        exchange("GET", "/job", 200, r#"{"state": "done"}"#),
        exchange("GET", "/job", 200, r#"{"state": "done"}"#),
    ]);
    assert_eq!(conversion.mocks.len(), 2);
    let job = &conversion.mocks[0];
    assert_eq!(job.variant_mode, VariantMode::Sequence);
    let states: Vec<&serde_json::Value> = job
        .variants
        .iter()
        .map(|v| &v.response.body["state"])
        .collect();
    assert_eq!(
        states,
        [&json!("queued"), &json!("queued"), &json!("done")],
        "repeats before a change replay as recorded; trailing repeats collapse"
    );
    assert!(job.variants.iter().all(|v| v.weight == 1));
    assert_eq!(job.response.body, json!({"state": "queued"}));
    assert!(job.check_consistency().is_ok());
}

#[test]
fn identical_repeats_make_a_plain_mock() {
    let conversion = convert(&[
        exchange("GET", "/same", 200, r#"{"a": 1}"#),
        exchange("GET", "/same", 200, r#"{"a": 1}"#),
    ]);
    assert_eq!(conversion.mocks.len(), 1);
    assert!(conversion.mocks[0].variants.is_empty());
    assert_eq!(conversion.mocks[0].variant_mode, VariantMode::Weighted);
}

#[test]
fn the_query_becomes_match_query_and_separates_requests() {
    let mut page1 = exchange("GET", "/items", 200, "[1]");
    page1.query = pairs(&[("page", "1"), ("sort", "asc")]);
    let mut page1_reordered = exchange("GET", "/items", 200, "[1]");
    page1_reordered.query = pairs(&[("sort", "asc"), ("page", "1"), ("page", "9")]);
    let mut page2 = exchange("GET", "/items", 200, "[2]");
    page2.query = pairs(&[("page", "2"), ("sort", "asc")]);
    let conversion = convert(&[page1, page1_reordered, page2]);
    let ids: Vec<&str> = conversion.mocks.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "rec-get-items-page-1-sort-asc",
            "rec-get-items-page-2-sort-asc"
        ],
        "parameter order does not make another request; a repeated name keeps its first value"
    );
    let catalog = MockCatalog::new(conversion.mocks);
    let index = catalog.index();
    let request = |query: &[(&str, &str)]| {
        IncomingRequest::new("GET", "/items", pairs(query), vec![], vec![], "127.0.0.1")
    };
    let found = |query: &[(&str, &str)]| {
        index
            .find(&request(query))
            .map(|f| f.mock.id.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        found(&[("page", "2"), ("sort", "asc")]),
        "rec-get-items-page-2-sort-asc"
    );
    assert_eq!(
        found(&[("sort", "asc"), ("page", "1")]),
        "rec-get-items-page-1-sort-asc"
    );
    assert_eq!(found(&[("page", "3"), ("sort", "asc")]), "");
}

#[test]
fn exchanges_that_cannot_become_faithful_mocks_are_skipped_with_reasons() {
    let mut binary = exchange("GET", "/logo.png", 200, "");
    binary.response_headers = pairs(&[("Content-Type", "image/png")]);
    binary.response_body = Bytes::from_static(&[0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]);
    let mut truncated = exchange("GET", "/big", 200, "{}");
    truncated.response_body_truncated = true;
    let conversion = convert(&[
        binary,
        exchange("GET", "/ok", 200, "{}"),
        truncated,
        exchange("GET", "/switch", 101, ""),
        exchange("GET", "/a/{id}", 200, "{}"),
        exchange("ANY", "/any", 200, "{}"),
    ]);
    let skipped: Vec<usize> = conversion.skipped.iter().map(|s| s.index).collect();
    assert_eq!(skipped, [0, 2, 3, 4, 5]);
    let reasons: Vec<&str> = conversion
        .skipped
        .iter()
        .map(|s| s.reason.as_str())
        .collect();
    assert!(reasons[0].contains("binary"), "{}", reasons[0]);
    assert!(reasons[1].contains("too large"), "{}", reasons[1]);
    assert!(reasons[2].contains("101"), "{}", reasons[2]);
    assert!(reasons[3].contains("match_path"), "{}", reasons[3]);
    assert!(reasons[4].contains("ANY"), "{}", reasons[4]);
    assert_eq!(conversion.mocks.len(), 1);
}

#[test]
fn compressed_bodies_are_stored_decoded_without_content_encoding() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(br#"{"zipped": true}"#).unwrap();
    let mut e = exchange("GET", "/gz", 200, "");
    e.response_body = Bytes::from(gz.finish().unwrap());
    e.response_headers
        .push(("Content-Encoding".into(), "gzip".into()));
    let conversion = convert(&[e]);
    let mock = &conversion.mocks[0];
    assert_eq!(mock.response.body, json!({"zipped": true}));
    assert_eq!(headers_of(mock), [("Content-Type", "application/json")]);
}

#[test]
fn escaped_paths_are_matched_decoded_like_requests() {
    let conversion = convert(&[
        exchange("GET", "/files/a%20b", 200, "[1]"),
        exchange("GET", "/files/a b", 200, "[2]"),
        exchange("GET", "/files/%zz", 200, "{}"),
    ]);
    assert_eq!(
        conversion.mocks.len(),
        1,
        "one request, however it was escaped"
    );
    assert_eq!(conversion.mocks[0].criteria.path.source(), "/files/a b");
    assert_eq!(conversion.mocks[0].variants.len(), 2);
    assert_eq!(conversion.skipped[0].index, 2);
}

#[test]
fn text_bodies_stay_verbatim() {
    let mut e = exchange("GET", "/page", 404, "<h1>Not here</h1>\n");
    e.response_headers = pairs(&[("Content-Type", "text/html")]);
    let mock = &convert(&[e]).mocks[0];
    assert_eq!(mock.response.body, json!("<h1>Not here</h1>\n"));
    assert_eq!(mock.response.wire_body, "<h1>Not here</h1>\n");
    assert_eq!(mock.response.status.get(), 404);
}

#[test]
fn ids_avoid_taken_ones_and_each_other() {
    let exchanges = [
        exchange("GET", "/a", 200, "{}"),
        exchange("GET", "/a/", 200, "{}"),
    ];
    let conversion = mocks_from_exchanges(
        &exchanges,
        &ConversionOptions {
            id_prefix: "rec",
            tags: vec![],
            is_taken: &|id| id == "rec-get-a",
        },
    );
    let ids: Vec<&str> = conversion.mocks.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["rec-get-a-2", "rec-get-a-3"]);
}

#[test]
fn converting_nothing_makes_nothing() {
    let conversion = convert(&[]);
    assert!(conversion.mocks.is_empty() && conversion.skipped.is_empty());
}
