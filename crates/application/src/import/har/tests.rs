use serde_json::{json, Value};

use super::{convert, split_url};
use crate::dto::parse_mock;

fn entry(method: &str, url: &str, status: i64, headers: Value, mime: &str, text: &str) -> Value {
    json!({
        "startedDateTime": "2026-11-30T10:00:00.000Z",
        "time": 12.5,
        "request": {"method": method, "url": url, "httpVersion": "HTTP/2", "headers": [
            {"name": ":authority", "value": "api.example.com"},
            {"name": "Authorization", "value": "Bearer s3cret"},
            {"name": "Cookie", "value": "sid=abc"}
        ], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": status, "statusText": "", "httpVersion": "HTTP/2", "headers": headers, "cookies": [],
            "content": {"size": text.len(), "mimeType": mime, "text": text}, "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 1}
    })
}

fn har(entries: Vec<Value>) -> Value {
    json!({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [], "entries": entries}})
}

#[test]
fn entries_become_mocks_with_the_recording_rules() {
    let json_headers = json!([
        {"name": "content-type", "value": "application/json"},
        {"name": "content-encoding", "value": "br"},
        {"name": "set-cookie", "value": "sid=1"},
        {"name": "x-request-id", "value": "r1"}
    ]);
    let doc = har(vec![
        entry(
            "GET",
            "https://api.example.com/api/users?page=2&q=a%20b",
            200,
            json_headers.clone(),
            "application/json",
            "[{\"id\": 1}]",
        ),
        entry(
            "GET",
            "https://api.example.com/api/users?page=2&q=a%20b",
            200,
            json_headers.clone(),
            "application/json",
            "[{\"id\": 2}]",
        ),
        entry(
            "POST",
            "https://api.example.com/api/users",
            201,
            json!([]),
            "application/json",
            "{\"id\": 3}",
        ),
        entry(
            "GET",
            "https://cdn.example.com/logo.png",
            200,
            json!([]),
            "image/png",
            "",
        ),
    ]);
    let c = convert(&doc).unwrap_or_else(|e| panic!("{e}"));
    for mock in &c.mocks {
        parse_mock(mock).unwrap_or_else(|e| panic!("{e}: {mock}"));
    }
    assert_eq!(c.mocks.len(), 3, "{:#?}", c.mocks);
    let users = &c.mocks[0];
    assert_eq!(users["match_path"], "/api/users");
    assert_eq!(users["match_query"], json!({"page": "2", "q": "a b"}));
    assert_eq!(
        users["match_headers"],
        Value::Null,
        "request headers are no matchers"
    );
    assert_eq!(users["variant_mode"], "sequence");
    assert_eq!(users["variants"][1]["response"]["body"], json!([{"id": 2}]));
    assert_eq!(users["mock_tags"], json!(["har"]));
    let text = users.to_string();
    assert!(
        !text.contains("s3cret") && !text.contains("sid="),
        "credentials are dropped: {text}"
    );
    assert!(!text.to_ascii_lowercase().contains("content-encoding"));
    assert_eq!(c.mocks[1]["response_status"], 201);
    assert_eq!(
        c.mocks[1]["response_headers"]["Content-Type"], "application/json",
        "from the content's mimeType"
    );
}

#[test]
fn entries_that_cannot_be_mocks_are_warnings_at_their_location() {
    let doc = har(vec![
        entry(
            "GET",
            "data:image/png;base64,AAAA",
            200,
            json!([]),
            "image/png",
            "",
        ),
        entry("GET", "https://x.example/blocked", 0, json!([]), "", ""),
        json!({"request": {"method": "GET", "url": "https://x.example/bin"}, "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/octet-stream"}], "content": {"mimeType": "application/octet-stream", "text": "/w==", "encoding": "base64"}}}),
    ]);
    let c = convert(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.mocks.is_empty());
    let items: Vec<&str> = c.warnings.iter().map(|w| w.item.as_str()).collect();
    assert_eq!(
        items,
        ["/log/entries/0", "/log/entries/1", "/log/entries/2"],
        "{:#?}",
        c.warnings
    );
    let bad = convert(
        &json!({"log": {"entries": [{"request": {"method": "GET"}, "response": {"status": 200}}]}}),
    )
    .unwrap_err();
    assert!(
        bad.to_string().starts_with("/log/entries/0/request"),
        "{bad}"
    );
}

#[test]
fn urls_split_into_path_and_decoded_query() {
    assert_eq!(
        split_url("HTTPS://h.example/a/b?x=1&y=%2F#frag"),
        Ok((
            "/a/b".into(),
            vec![("x".into(), "1".into()), ("y".into(), "/".into())]
        ))
    );
    assert_eq!(
        split_url("http://h.example?x=1"),
        Ok(("/".into(), vec![("x".into(), "1".into())]))
    );
    assert_eq!(split_url("http://h.example"), Ok(("/".into(), vec![])));
    assert!(split_url("ws://h.example/socket").is_err());
}
