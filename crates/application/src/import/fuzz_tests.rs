//! Property test: any mutation of the fixture files, and random documents
//! in each format's shape, convert to mocks or to an `ImportError` — never a
//! panic, never unbounded work. Every mock produced passes `parse_mock`
//! or is reported by it (the import then skips it with a warning).

use proptest::prelude::*;
use serde_json::{json, Value};

use super::{convert, ImportFormat, ImportOptions};
use crate::dto::parse_mock;

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../../../tests/fixtures/petstore-openapi3.yaml"),
    include_bytes!("../../../../tests/fixtures/petstore-swagger2.json"),
    include_bytes!("../../../../tests/fixtures/shop-refs-allof.yaml"),
    include_bytes!("../../../../tests/fixtures/wiremock-mappings.json"),
    include_bytes!("../../../../tests/fixtures/mockoon-environment.json"),
    include_bytes!("../../../../tests/fixtures/shop-session.har"),
];

/// `MIMICUS_PROPTEST_CASES` cases (default 128).
fn cases() -> u32 {
    std::env::var("MIMICUS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Overwrite(usize, Vec<u8>),
    Insert(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippets = prop::sample::select(vec![
        "{\"$ref\": \"#/nope\"}",
        "\"$ref\": \"#/paths\",",
        "[[[[[[[[",
        "]]]}}}",
        "&a [*a]",
        "*a",
        "null",
        "\"\"",
        "{\"allOf\": [{\"$ref\": \"#\"}]}",
        "{{#each x}}",
        "{{request.path}}",
        ": -1e999",
        "\u{0}",
        "\\ud800",
        "type: [string, null]",
        "\"pattern\": \"(\"",
        "\"minItems\": 99999999",
        "\"status\": 42",
    ]);
    prop_oneof![
        any::<prop::sample::Index>().prop_map(|i| Mutation::Truncate(i.index(1 << 20))),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 1..8)
        )
            .prop_map(|(i, bytes)| Mutation::Overwrite(i.index(1 << 20), bytes)),
        (any::<prop::sample::Index>(), snippets)
            .prop_map(|(i, s)| Mutation::Insert(i.index(1 << 20), s)),
    ]
}

fn apply(doc: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut out = doc.to_vec();
    for m in mutations {
        let len = out.len().max(1);
        match m {
            Mutation::Truncate(at) => out.truncate(at % len),
            Mutation::Overwrite(at, bytes) => {
                for (k, b) in bytes.iter().enumerate() {
                    if let Some(slot) = out.get_mut((at % len) + k) {
                        *slot = *b;
                    }
                }
            }
            Mutation::Insert(at, text) => {
                let at = (at % len).min(out.len());
                out.splice(at..at, text.bytes());
            }
        }
    }
    out
}

/// Converts, checking that it ends in bounded time and that mocks are objects.
fn converts_cleanly(bytes: &[u8], options: &ImportOptions) -> Result<(), TestCaseError> {
    let started = std::time::Instant::now();
    if let Ok((_, conversion)) = convert(bytes, options) {
        for mock in &conversion.mocks {
            prop_assert!(mock.is_object(), "{mock}");
            let _ = parse_mock(mock);
        }
    }
    prop_assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    Ok(())
}

/// A random value in the shape of each format, with random leaves.
fn shaped() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z$#/{}.]{0,12}".prop_map(Value::from),
    ];
    let value = leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "type",
                    "properties",
                    "items",
                    "$ref",
                    "allOf",
                    "oneOf",
                    "request",
                    "response",
                    "url",
                    "status",
                    "body",
                    "routes",
                    "responses",
                    "rules",
                    "entries",
                    "headers"
                ]),
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    });
    (0..5usize, value).prop_map(|(shape, v)| match shape {
        0 => json!({"openapi": "3.1.0", "paths": {"/a/{id}": {"get": {"responses": {"200": {"content": {"application/json": {"schema": v}}}}}}}}),
        1 => json!({"mappings": [v]}),
        2 => json!({"uuid": "e", "routes": [{"method": "get", "endpoint": "x", "responses": [v]}]}),
        3 => json!({"log": {"entries": [v]}}),
        _ => json!({"swagger": "2.0", "paths": {"/p": {"post": {"responses": {"default": {"schema": v}}}}}, "definitions": {"D": v}}),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_never_panic(which in 0..FIXTURES.len(), mutations in prop::collection::vec(mutation(), 1..4), dynamic in any::<bool>()) {
        let bytes = apply(FIXTURES[which], &mutations);
        converts_cleanly(&bytes, &ImportOptions { dynamic, ..ImportOptions::default() })?;
        for format in ImportFormat::ALL {
            converts_cleanly(&bytes, &ImportOptions { format: Some(format), ..ImportOptions::default() })?;
        }
    }

    #[test]
    fn random_documents_in_each_shape_never_panic(doc in shaped(), dynamic in any::<bool>()) {
        let bytes = serde_json::to_vec(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        converts_cleanly(&bytes, &ImportOptions { dynamic, ..ImportOptions::default() })?;
    }
}
