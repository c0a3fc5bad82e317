//! Property test: for any schema built from the keywords the generator
//! supports, the static example and every render of the dynamic one
//! validate against it (the `jsonschema` crate, formats checked).

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::tests::assert_valid;
use super::Generator;
use crate::import::test_support::render;

const FORMATS: &[&str] = &[
    "email",
    "uuid",
    "date",
    "date-time",
    "uri",
    "hostname",
    "ipv4",
    "ipv6",
];
const PATTERNS: &[&str] = &[
    "^[a-z]{3,8}$",
    "^\\d{3}-\\d{4}$",
    "^[A-Z][a-z]+( [A-Z][a-z]+)?$",
    "^(red|green|blue)$",
    "^\\w+@\\w+\\.org$",
];
const NAMES: &[&str] = &[
    "id",
    "name",
    "email",
    "city",
    "count",
    "price",
    "status",
    "tags",
    "createdAt",
    "note",
];

fn string_schema() -> impl Strategy<Value = Value> {
    prop_oneof![
        proptest::sample::select(FORMATS).prop_map(|f| json!({"type": "string", "format": f})),
        proptest::sample::select(PATTERNS).prop_map(|p| json!({"type": "string", "pattern": p})),
        (0usize..12, 0usize..20).prop_map(
            |(min, span)| json!({"type": "string", "minLength": min, "maxLength": min + span})
        ),
        Just(json!({"type": "string"})),
    ]
}

/// String schemas with at least three distinct values, for `uniqueItems`.
fn distinct_strings() -> impl Strategy<Value = Value> {
    prop_oneof![
        proptest::sample::select(FORMATS).prop_map(|f| json!({"type": "string", "format": f})),
        proptest::sample::select(PATTERNS).prop_map(|p| json!({"type": "string", "pattern": p})),
        (0usize..12, 3usize..20).prop_map(
            |(min, span)| json!({"type": "string", "minLength": min, "maxLength": min + span})
        ),
    ]
}

fn number_schema() -> impl Strategy<Value = Value> {
    let step = proptest::option::of(proptest::sample::select(vec![1, 2, 5, 7]));
    let fraction = proptest::option::of(proptest::sample::select(vec![0.5, 0.25, 0.1]));
    prop_oneof![
        (
            -1000i64..1000,
            0i64..500,
            step,
            any::<bool>(),
            proptest::sample::select(vec!["int32", "int64", ""])
        )
            .prop_map(|(low, span, step, exclusive, format)| {
                let mut s = json!({"type": "integer", "minimum": low, "maximum": low + span + 20});
                if exclusive {
                    s["exclusiveMaximum"] = json!(low + span + 21);
                }
                if let Some(step) = step {
                    s["multipleOf"] = json!(step);
                }
                if !format.is_empty() {
                    s["format"] = json!(format);
                }
                s
            }),
        (-100.0f64..100.0, 1.0f64..50.0, fraction).prop_map(|(low, span, step)| {
            let mut s = json!({"type": "number", "exclusiveMinimum": low, "maximum": low + span});
            if let Some(step) = step {
                s["multipleOf"] = json!(step);
            }
            s
        }),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => string_schema(),
        3 => number_schema(),
        1 => Just(json!({"type": "boolean"})),
        1 => Just(json!({"type": "null"})),
        1 => proptest::collection::hash_set("[a-z]{1,6}", 1..5).prop_map(|v| json!({"enum": v.into_iter().collect::<Vec<_>>()})),
        1 => any::<i32>().prop_map(|n| json!({"const": n})),
        1 => string_schema().prop_map(|mut s| { s["type"] = json!(["string", "null"]); s }),
    ]
}

fn schema() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            (proptest::collection::btree_map(proptest::sample::select(NAMES), inner.clone(), 0..6), any::<u8>(), 0u8..3)
                .prop_map(|(props, required_mask, extra)| {
                    let required: Vec<&str> = props.keys().enumerate().filter(|(i, _)| required_mask & (1 << i) != 0).map(|(_, k)| *k).collect();
                    let mut s = json!({"type": "object", "properties": props, "required": required});
                    match extra {
                        0 => s["additionalProperties"] = json!(false),
                        1 => s["additionalProperties"] = json!({"type": "integer", "minimum": 0}),
                        _ => {}
                    }
                    s
                }),
            (inner.clone(), 0usize..3, 0usize..4).prop_map(|(items, min, span)| json!({"type": "array", "items": items, "minItems": min, "maxItems": min + span})),
            (distinct_strings(), 1usize..4).prop_map(|(items, min)| json!({"type": "array", "items": items, "minItems": min, "uniqueItems": true})),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| json!({"allOf": [
                {"type": "object", "properties": {"a": a}, "required": ["a"]},
                {"type": "object", "properties": {"b": b}}
            ]})),
            (string_schema(), number_schema(), inner.clone()).prop_map(|(s, n, o)| json!({"oneOf": [s, n, {"type": "object", "properties": {"o": o}, "required": ["o"]}]})),
            (inner.clone(), inner).prop_map(|(a, b)| json!({"anyOf": [a, b]})),
        ]
    })
}

/// `MIMICUS_PROPTEST_CASES` cases (default 192, about a second).
fn cases() -> u32 {
    std::env::var("MIMICUS_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(192)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn generated_examples_validate_against_their_schema(schema in schema(), defs in proptest::collection::vec(leaf(), 1..3)) {
        let mut root = Map::new();
        root.insert("$defs".into(), json!({"D0": defs[0], "DN": defs.last()}));
        let root = Value::Object(root);
        let wrapped = json!({"type": "object", "required": ["value", "ref"], "properties": {"value": schema, "ref": {"$ref": "#/$defs/DN"}}});
        let mut generator = Generator::new(&root, false);
        let example = generator.example(&wrapped, "p");
        prop_assert!(example.notes.is_empty(), "{:?}", example.notes);
        assert_valid(&root, &wrapped, &example.sample.to_value());
        let mut dynamic = Generator::new(&root, true);
        let template = dynamic.example(&wrapped, "p").sample.to_template();
        for _ in 0..2 {
            let text = render(&template, Default::default());
            let value: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
            assert_valid(&root, &wrapped, &value);
        }
    }
}
