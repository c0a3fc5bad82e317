//! Generated examples checked with a real JSON Schema validator (formats on).

use serde_json::{json, Value};

use super::{Generator, Sample};
use crate::import::test_support::render;

/// Validates `instance` against `schema`, resolving `$ref`s in `root`.
pub fn assert_valid(root: &Value, schema: &Value, instance: &Value) {
    let mut document = root.clone();
    if let Some(map) = document.as_object_mut() {
        map.insert("$ref".into(), json!("#/__schema"));
        map.insert("__schema".into(), schema.clone());
    }
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&document)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}\n{schema}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{instance}\nfails {schema}:\n{errors:#?}"
    );
}

fn example(root: &Value, schema: &Value, dynamic: bool) -> (Sample, Vec<String>) {
    let mut generator = Generator::new(root, dynamic);
    let e = generator.example(schema, "seed");
    (e.sample, e.notes)
}

/// Static and dynamic (rendered three times) examples all validate.
fn assert_examples_validate(root: &Value, schema: &Value) {
    let (sample, notes) = example(root, schema, false);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(sample.is_static());
    assert_valid(root, schema, &sample.to_value());
    let (dynamic, _) = example(root, schema, true);
    for _ in 0..3 {
        let text = render(&dynamic.to_template(), Default::default());
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_valid(root, schema, &value);
    }
}

#[test]
fn formats_produce_valid_realistic_strings() {
    let schema = json!({"type": "object", "required": ["email", "id", "born", "at", "site", "host", "v4", "v6"], "properties": {
        "email": {"type": "string", "format": "email"},
        "id": {"type": "string", "format": "uuid"},
        "born": {"type": "string", "format": "date"},
        "at": {"type": "string", "format": "date-time"},
        "site": {"type": "string", "format": "uri"},
        "host": {"type": "string", "format": "hostname"},
        "v4": {"type": "string", "format": "ipv4"},
        "v6": {"type": "string", "format": "ipv6"},
        "code": {"type": "string", "pattern": "^[A-Z]{2}-\\d{3}$"},
        "short": {"type": "string", "minLength": 3, "maxLength": 4},
    }});
    assert_examples_validate(&json!({}), &schema);
    let (sample, _) = example(&json!({}), &schema, false);
    assert!(sample.to_value()["email"]
        .as_str()
        .is_some_and(|e| e.contains('@')));
}

#[test]
fn numbers_enums_and_arrays_respect_their_limits() {
    let schema = json!({"type": "object", "properties": {
        "age": {"type": "integer", "minimum": 18, "maximum": 99},
        "step": {"type": "integer", "multipleOf": 7, "exclusiveMinimum": 0},
        "price": {"type": "number", "minimum": 0, "exclusiveMaximum": 10, "multipleOf": 0.25},
        "status": {"type": "string", "enum": ["available", "pending", "sold"]},
        "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b", "c"]}, "minItems": 3, "uniqueItems": true},
        "pair": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "boolean"}], "items": false},
        "flags": {"type": "array", "items": {"type": "boolean"}, "maxItems": 1},
    }, "additionalProperties": false});
    assert_examples_validate(&json!({}), &schema);
}

#[test]
fn refs_compositions_and_nullable_types_validate() {
    let root = json!({"$defs": {
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer", "minimum": 1}}},
        "Cat": {"allOf": [{"$ref": "#/$defs/Base"}, {"type": "object", "required": ["kind", "lives"], "properties": {"kind": {"type": "string", "const": "cat"}, "lives": {"type": "integer", "maximum": 9}}}]},
        "Dog": {"allOf": [{"$ref": "#/$defs/Base"}, {"type": "object", "required": ["kind", "bark"], "properties": {"kind": {"type": "string", "const": "dog"}, "bark": {"type": "boolean"}}}]},
    }});
    let schema = json!({"type": "object", "required": ["pet", "note", "any"], "properties": {
        "pet": {"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}]},
        "note": {"type": ["string", "null"], "maxLength": 5},
        "any": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
        "map": {"type": "object", "additionalProperties": {"$ref": "#/$defs/Base"}, "minProperties": 2},
    }});
    assert_examples_validate(&root, &schema);
}

#[test]
fn recursive_schemas_end_after_two_levels() {
    let root = json!({"$defs": {"Node": {"type": "object", "required": ["name"], "properties": {
        "name": {"type": "string"},
        "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
        "parent": {"$ref": "#/$defs/Node"},
    }}}});
    let schema = json!({"$ref": "#/$defs/Node"});
    assert_examples_validate(&root, &schema);
    let (sample, _) = example(&root, &schema, false);
    let value = sample.to_value();
    assert!(value["children"][0]["name"].is_string(), "{value}");
    assert!(
        value["children"][0]["children"]
            .as_array()
            .is_some_and(Vec::is_empty),
        "{value}"
    );
}

#[test]
fn self_referencing_all_of_and_exponential_fan_out_stay_bounded() {
    let mut defs = serde_json::Map::new();
    defs.insert(
        "S0".into(),
        json!({"type": "object", "properties": {"x": {"type": "string"}}}),
    );
    for i in 1..40 {
        let prev = format!("#/$defs/S{}", i - 1);
        defs.insert(format!("S{i}"), json!({"allOf": [{"$ref": prev}, {"$ref": prev}], "properties": {"n": {"anyOf": [{"$ref": prev}, {"$ref": prev}]}}}));
    }
    defs.insert("Loop".into(), json!({"allOf": [{"$ref": "#/$defs/Loop"}], "type": "object", "properties": {"me": {"$ref": "#/$defs/Loop"}}}));
    let root = json!({"$defs": defs});
    let started = std::time::Instant::now();
    for name in ["S39", "Loop"] {
        let mut generator = Generator::new(&root, false);
        let e = generator.example(&json!({"$ref": format!("#/$defs/{name}")}), name);
        assert!(e.sample.to_value().is_object());
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_required_property_without_a_finite_example_is_noted() {
    let root = json!({"$defs": {"A": {"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#/$defs/A"}}}}});
    let (_, notes) = example(&root, &json!({"$ref": "#/$defs/A"}), false);
    assert!(notes.iter().any(|n| n.contains("\"a\"")), "{notes:?}");
}

#[test]
fn valid_schema_examples_are_used_and_invalid_ones_replaced() {
    let schema = json!({"type": "object", "properties": {
        "name": {"type": "string", "example": "doggie"},
        "id": {"type": "string", "format": "uuid", "example": "not-a-uuid"},
    }});
    let (sample, _) = example(&json!({}), &schema, false);
    let value = sample.to_value();
    assert_eq!(value["name"], "doggie");
    assert!(
        uuid::Uuid::parse_str(value["id"].as_str().unwrap_or_default()).is_ok(),
        "{value}"
    );
}

#[test]
fn dynamic_examples_vary_between_renders() {
    let schema =
        json!({"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}});
    let (sample, _) = example(&json!({}), &schema, true);
    let first = render(&sample.to_template(), Default::default());
    let second = render(&sample.to_template(), Default::default());
    assert_ne!(first, second);
}

#[test]
fn the_same_seed_gives_the_same_static_example() {
    let schema = json!({"type": "object", "properties": {"n": {"type": "integer"}, "e": {"type": "string", "format": "email"}}});
    assert_eq!(
        example(&json!({}), &schema, false).0,
        example(&json!({}), &schema, false).0
    );
}
