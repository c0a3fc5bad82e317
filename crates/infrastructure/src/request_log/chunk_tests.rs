//! The chunk codec: round trips, the string table, splitting, damage.

use super::*;
use domain::inspector::JsonText;
use domain::Outcome;
use serde_json::json;

fn entry(i: usize) -> NewRequestLog {
    NewRequestLog {
        request_method: "POST".into(),
        request_path: format!("/orders/{i}"),
        request_query: JsonText::of(&json!({"tag": ["a", "b"]})),
        request_headers: JsonText::of(&json!({"x-note": "quote \" and \\ and é"})),
        request_body: "{\"sku\":\"A1\"}".into(),
        request_body_truncated: i == 1,
        matched_mock_id: (i != 2).then(|| "orders".to_string()),
        variant: (i == 1).then_some(3),
        template_context: (i == 1).then(|| JsonText::of(&json!({"request": {"n": i}}))),
        near_misses: (i == 2).then(|| JsonText::of(&json!([{"mock_id": "m"}]))),
        response_status: 201,
        response_headers: JsonText::of(&json!({"content-type": "application/json"})),
        response_body: "the same response body for every entry".into(),
        response_body_truncated: i == 0,
        duration_ms: 0.25 * i as f64,
        outcome: if i == 2 {
            Outcome::Unmatched
        } else {
            Outcome::Matched
        },
        client_ip: "127.0.0.1".into(),
        session_id: (i == 0).then(|| "alice".to_string()),
        created_at: 1_795_564_800_000_001 + i as i64 * 1_000_000,
    }
}

#[test]
fn every_field_survives_a_round_trip_with_ids_from_the_first() {
    let entries: Vec<_> = (0..3).map(entry).collect();
    let data = encode(&entries);
    let chunk = Chunk::decode(40, &data).unwrap();
    assert_eq!(chunk.rows().len(), 3);
    for (i, expected) in entries.iter().enumerate() {
        let log = chunk.entry(40, i).unwrap();
        assert_eq!(log.log_id, 40 + i as i64);
        assert_eq!(&log.entry, expected, "entry {i}");
    }
    assert!(chunk.entry(40, 3).is_err(), "no row past the end");
}

#[test]
fn values_repeated_across_entries_are_stored_once() {
    let entries: Vec<_> = (0..50).map(entry).collect();
    let data = encode(&entries);
    assert_eq!(data.matches("the same response body").count(), 1);
    assert_eq!(data.matches("content-type").count(), 1);
    assert_eq!(data.matches("/orders/").count(), 50, "paths are per entry");
}

#[test]
fn large_batches_are_cut_into_chunks_of_about_a_megabyte_in_order() {
    let big = |i: usize| NewRequestLog {
        response_body: "x".repeat(60_000 + i),
        ..entry(i % 3)
    };
    let entries: Vec<_> = (0..100).map(big).collect();
    let parts = split(&entries);
    assert!(parts.len() >= 6, "{} parts", parts.len());
    assert!(parts.iter().all(|p| encode(p).len() < CHUNK_BYTES + 70_000));
    let rejoined: Vec<_> = parts.concat();
    assert_eq!(rejoined, entries);

    assert_eq!(split(&entries[..3]).len(), 1, "small batches stay whole");
    let huge = [NewRequestLog {
        response_body: "y".repeat(2 * CHUNK_BYTES),
        ..entry(0)
    }];
    assert_eq!(split(&huge).len(), 1, "an entry is never split");
    assert!(split(&[]).is_empty());
}

#[test]
fn damaged_chunks_are_errors_not_panics() {
    assert!(Chunk::decode(1, "not json").is_err());
    let dangling = r#"{"s":[],"r":[["GET","/",0,0,0,false,null,null,null,null,200,0,0,false,0.1,"matched","ip",null,1]]}"#;
    let chunk = Chunk::decode(1, dangling).unwrap();
    assert!(chunk.entry(1, 0).is_err(), "string reference out of range");
    let outcome = r#"{"s":["{}"],"r":[["GET","/",0,0,0,false,null,null,null,null,200,0,0,false,0.1,"nope","ip",null,1]]}"#;
    assert!(Chunk::decode(1, outcome).unwrap().entry(1, 0).is_err());
    let text_ref = r#"{"s":["{}"],"r":[[7,"/",0,0,0,false,null,null,null,null,200,0,0,false,0.1,"matched","ip",null,1]]}"#;
    assert!(
        Chunk::decode(1, text_ref).is_err(),
        "method reference out of range"
    );
    let stamp = r#"{"s":["{}"],"r":[["GET","/",0,0,0,false,null,null,null,null,200,0,0,false,0.1,"matched","ip",null,"noon"]]}"#;
    assert!(Chunk::decode(1, stamp).is_err(), "unreadable timestamp");
}

#[test]
fn rows_with_inline_text_and_text_timestamps_still_read() {
    // As chunks were written before text fields went through the table.
    let inline = r#"{"s":["{}","{\"h\":\"v\"}","","body"],"r":[["POST","/old",0,1,2,true,"m1",null,null,null,201,0,3,false,1.5,"matched","10.0.0.1","alice","2026-11-24T00:00:01.000002Z"]]}"#;
    let chunk = Chunk::decode(9, inline).unwrap();
    let log = chunk.entry(9, 0).unwrap();
    let e = &log.entry;
    assert_eq!(
        (
            log.log_id,
            e.request_method.as_str(),
            e.request_path.as_str()
        ),
        (9, "POST", "/old")
    );
    assert_eq!(e.matched_mock_id.as_deref(), Some("m1"));
    assert_eq!(
        (e.client_ip.as_str(), e.session_id.as_deref()),
        ("10.0.0.1", Some("alice"))
    );
    assert_eq!(e.request_headers.as_str(), r#"{"h":"v"}"#);
    assert_eq!(e.response_body, "body");
    assert_eq!(e.created_at, 1_795_478_401_000_002);
}

#[test]
fn an_entry_of_a_static_mock_costs_little_more_than_its_references() {
    let entries: Vec<_> = (0..100)
        .map(|i| NewRequestLog {
            request_path: "/orders/1".into(),
            created_at: 1_795_564_800_000_000 + i,
            ..entry(0)
        })
        .collect();
    let data = encode(&entries);
    let table = encode(&entries[..1]).len();
    let per_entry = (data.len() - table) / 99;
    // The inline layout took about 175.
    assert!(per_entry < 60, "{per_entry} bytes per entry");
}
