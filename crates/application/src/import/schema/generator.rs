//! The schema walk: references, composition, objects and arrays.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::SeedableRng;
use serde_json::{Map, Value};

use super::merge::merge_all;
use super::Sample;
use crate::import::refs::{ref_of, Refs};

pub(super) use domain::limits::SCHEMA_MAX_ITEMS as MAX_ITEMS;
use domain::limits::{
    SCHEMA_DOCUMENT_FUEL as DOCUMENT_FUEL, SCHEMA_EXAMPLE_FUEL as EXAMPLE_FUEL,
    SCHEMA_MAX_DEPTH as MAX_DEPTH, SCHEMA_REF_REPEAT as REF_REPEAT,
};

/// A generated example and what could not be honoured while making it.
#[derive(Debug, Clone)]
pub struct Example {
    pub sample: Sample,
    pub notes: Vec<String>,
}

pub struct Generator<'a> {
    pub(super) refs: Refs<'a>,
    pub(super) dynamic: bool,
    /// Set while generating items that must stay static (`uniqueItems`).
    pub(super) force_static: bool,
    pub(super) rng: StdRng,
    /// Added to enum picks so repeated items differ.
    pub(super) vary: usize,
    fuel: usize,
    document_fuel: usize,
    stack: Vec<String>,
    pub(super) notes: Vec<String>,
}

impl<'a> Generator<'a> {
    /// `root` is the document `$ref`s point into; `dynamic` makes leaves templates.
    pub fn new(root: &'a Value, dynamic: bool) -> Self {
        Self {
            refs: Refs::new(root),
            dynamic,
            force_static: false,
            rng: StdRng::seed_from_u64(0),
            vary: 0,
            fuel: 0,
            document_fuel: DOCUMENT_FUEL,
            stack: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// An example of `schema`; `seed` (e.g. the operation's location) makes
    /// the same spec give the same examples on every import.
    pub fn example(&mut self, schema: &Value, seed: &str) -> Example {
        self.rng = StdRng::seed_from_u64(fnv1a(seed));
        self.fuel = EXAMPLE_FUEL.min(self.document_fuel);
        self.stack.clear();
        self.notes.clear();
        self.vary = 0;
        let start = self.fuel;
        let sample = self
            .generate(schema, None, 0)
            .unwrap_or(Sample::Value(Value::Null));
        self.document_fuel -= start - self.fuel;
        if self.fuel == 0 {
            self.note("the schema is too large or too deeply recursive to expand fully, so the example was cut short and may not validate");
        }
        Example {
            sample,
            notes: std::mem::take(&mut self.notes),
        }
    }

    pub(super) fn note(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.notes.contains(&message) {
            self.notes.push(message);
        }
    }

    fn burn(&mut self) -> bool {
        if self.fuel == 0 {
            return false;
        }
        self.fuel -= 1;
        true
    }

    /// `None` means "no value here": an optional property is left out, an
    /// array stops early.
    pub(super) fn generate(
        &mut self,
        schema: &Value,
        hint: Option<&str>,
        depth: usize,
    ) -> Option<Sample> {
        if !self.burn() || depth > MAX_DEPTH {
            return None;
        }
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(false) => return None,
            _ => return Some(Sample::Value(Value::Null)),
        };
        if let Some(reference) = ref_of(schema) {
            return self.generate_ref(reference, obj, hint, depth);
        }
        if obj.contains_key("allOf") {
            let merged = self.flatten(schema, &mut HashSet::new(), depth);
            return self.generate(&Value::Object(merged), hint, depth + 1);
        }
        if let Some(value) = obj.get("const") {
            return Some(Sample::Value(value.clone()));
        }
        if let Some(Value::Array(values)) = obj.get("enum") {
            return self.pick_enum(values);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = obj.get(key) {
                return self.generate_choice(obj, key, branches, hint, depth);
            }
        }
        match primary_type(obj) {
            "object" => self.generate_object(obj, depth),
            "array" => self.generate_array(obj, hint, depth),
            "string" | "file" => Some(self.string(obj, hint)),
            "integer" => Some(self.integer(obj)),
            "number" => Some(self.number(obj)),
            "boolean" => Some(self.boolean(obj)),
            _ => Some(Sample::Value(Value::Null)),
        }
    }

    fn generate_ref(
        &mut self,
        reference: &str,
        obj: &Map<String, Value>,
        hint: Option<&str>,
        depth: usize,
    ) -> Option<Sample> {
        let target = self.refs.target(reference)?;
        if self.stack.iter().filter(|open| *open == reference).count() >= REF_REPEAT {
            return None;
        }
        self.stack.push(reference.to_string());
        let has_siblings = obj
            .keys()
            .any(|k| !ANNOTATIONS.contains(&k.as_str()) && k != "$ref");
        let result = if has_siblings {
            let mut rest = obj.clone();
            rest.remove("$ref");
            let merged = merge_all(vec![
                self.flatten(target, &mut HashSet::new(), depth),
                self.flatten(&Value::Object(rest), &mut HashSet::new(), depth),
            ]);
            self.generate(&Value::Object(merged), hint, depth + 1)
        } else {
            self.generate(target, hint, depth + 1)
        };
        self.stack.pop();
        result
    }

    /// `schema` with its `$ref` and `allOf` parts merged in (each reference
    /// once: `allOf: [X, X]` is `X`, and a self-reference adds nothing).
    fn flatten(
        &mut self,
        schema: &Value,
        seen: &mut HashSet<String>,
        depth: usize,
    ) -> Map<String, Value> {
        let Value::Object(obj) = schema else {
            return Map::new();
        };
        if !self.burn() || depth > MAX_DEPTH {
            return Map::new();
        }
        let mut parts = Vec::new();
        if let Some(reference) = ref_of(schema) {
            if seen.insert(reference.to_string()) {
                if let Some(target) = self.refs.target(reference) {
                    parts.push(self.flatten(target, seen, depth + 1));
                }
            }
        }
        if let Some(Value::Array(branches)) = obj.get("allOf") {
            for branch in branches {
                parts.push(self.flatten(branch, seen, depth + 1));
            }
        }
        let mut own = obj.clone();
        own.remove("$ref");
        own.remove("allOf");
        parts.insert(0, own);
        merge_all(parts)
    }

    fn generate_choice(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        branches: &[Value],
        hint: Option<&str>,
        depth: usize,
    ) -> Option<Sample> {
        let mut base = obj.clone();
        base.remove(key);
        let discriminator = obj
            .get("discriminator")
            .and_then(|d| d.get("propertyName").or(Some(d)))
            .and_then(Value::as_str)
            .map(str::to_string);
        for branch in branches {
            let mut parts = vec![Value::Object(base.clone()), branch.clone()];
            if let (Some(property), Some(name)) = (&discriminator, discriminator_value(obj, branch))
            {
                parts.push(serde_json::json!({"properties": {property: {"const": name}}}));
            }
            let combined = serde_json::json!({ "allOf": parts });
            let mut merged = self.flatten(&combined, &mut HashSet::new(), depth);
            // A branch that extends the base (`Cat: allOf [Pet, …]` where Pet
            // has this oneOf) must not start the same choice again.
            if merged
                .get(key)
                .and_then(Value::as_array)
                .is_some_and(|b| b.as_slice() == branches)
            {
                merged.remove(key);
            }
            if let Some(sample) = self.generate(&Value::Object(merged), hint, depth + 1) {
                return Some(sample);
            }
        }
        None
    }
}

/// Keywords that describe a schema without constraining values.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "nullable",
    "$comment",
    "$id",
    "$schema",
];

/// The type to generate: the first non-null declared type, else inferred.
pub(super) fn primary_type(obj: &Map<String, Value>) -> &str {
    let declared = match obj.get("type") {
        Some(Value::String(t)) => Some(t.as_str()),
        Some(Value::Array(types)) => {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            names
                .iter()
                .find(|t| **t != "null")
                .or(names.first())
                .copied()
        }
        _ => None,
    };
    declared.unwrap_or_else(|| {
        let has = |keys: &[&str]| keys.iter().any(|k| obj.contains_key(*k));
        if has(&[
            "properties",
            "additionalProperties",
            "required",
            "minProperties",
        ]) {
            "object"
        } else if has(&["items", "prefixItems", "minItems"]) {
            "array"
        } else if has(&["minLength", "maxLength", "pattern", "format"]) {
            "string"
        } else if has(&["minimum", "maximum", "multipleOf", "exclusiveMinimum"]) {
            "number"
        } else {
            "any"
        }
    })
}

/// The discriminator value naming `branch`: its key in `mapping`, else the
/// last segment of its `$ref` (`#/components/schemas/Cat` → `Cat`).
fn discriminator_value(obj: &Map<String, Value>, branch: &Value) -> Option<String> {
    let reference = ref_of(branch)?;
    let mapped = obj
        .get("discriminator")
        .and_then(|d| d.get("mapping"))
        .and_then(Value::as_object)
        .and_then(|m| m.iter().find(|(_, v)| v.as_str() == Some(reference)))
        .map(|(k, _)| k.clone());
    mapped.or_else(|| reference.rsplit('/').next().map(str::to_string))
}

/// FNV-1a: a stable hash, so seeds do not change between Rust releases.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
