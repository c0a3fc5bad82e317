//! Leaf values (strings, numbers, booleans, enums) and a schema's own
//! examples, which are used when they satisfy the schema.

use serde_json::{Map, Value};

use super::generator::Generator;
use super::numbers::{self, Bounds};
use super::strings::{self, StringRules};
use super::Sample;

/// How many candidates a dynamic `random_choice` picks from.
const CHOICES: usize = 5;

impl Generator<'_> {
    fn varies(&self) -> bool {
        self.dynamic && !self.force_static
    }

    /// The schema's `example`, first of `examples`, or `default`.
    fn own_example<'s>(&self, obj: &'s Map<String, Value>) -> Option<&'s Value> {
        if self.varies() {
            return None;
        }
        obj.get("example")
            .or_else(|| {
                obj.get("examples")
                    .and_then(Value::as_array)
                    .and_then(|e| e.first())
            })
            .or_else(|| obj.get("default"))
    }

    pub(super) fn object_example(&self, obj: &Map<String, Value>) -> Option<Value> {
        let example = self.own_example(obj)?.as_object()?;
        let required = obj.get("required").and_then(Value::as_array);
        let complete = required.is_none_or(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .all(|k| example.contains_key(k))
        });
        complete.then(|| Value::Object(example.clone()))
    }

    pub(super) fn array_example(&self, obj: &Map<String, Value>) -> Option<Value> {
        let example = self.own_example(obj)?.as_array()?;
        let count = |key: &str| obj.get(key).and_then(Value::as_u64).map(|n| n as usize);
        let fits = count("minItems").is_none_or(|m| example.len() >= m)
            && count("maxItems").is_none_or(|m| example.len() <= m);
        fits.then(|| Value::Array(example.clone()))
    }

    pub(super) fn pick_enum(&mut self, values: &[Value]) -> Option<Sample> {
        let choices: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
        if choices.is_empty() {
            return values.first().map(|v| Sample::Value(v.clone()));
        }
        let simple = choices.iter().all(|v| v.is_string() || v.is_i64());
        if self.varies() && choices.len() > 1 && simple {
            let list: Vec<Value> = choices.iter().map(|v| (*v).clone()).collect();
            return Some(Sample::Expr(format!(
                "random_choice({}) | tojson",
                Value::Array(list)
            )));
        }
        Some(Sample::Value(choices[self.vary % choices.len()].clone()))
    }

    pub(super) fn string(&mut self, obj: &Map<String, Value>, hint: Option<&str>) -> Sample {
        let rules = StringRules::of(obj);
        if let Some(Value::String(s)) = self.own_example(obj) {
            if rules.accepts(s) {
                return Sample::Value(Value::String(s.clone()));
            }
        }
        if self.varies() {
            if let Some(expr) = dynamic_string(&rules, hint) {
                return Sample::Expr(expr);
            }
            let mut candidates: Vec<Value> = Vec::new();
            for _ in 0..CHOICES * 2 {
                if let Ok(s) = strings::generate(&rules, hint, &mut self.rng) {
                    let s = Value::String(s);
                    if !candidates.contains(&s) {
                        candidates.push(s);
                    }
                }
                if candidates.len() == CHOICES {
                    break;
                }
            }
            if candidates.len() > 1 {
                let list = Value::Array(candidates).to_string();
                return Sample::Expr(format!("random_choice({list}) | tojson"));
            }
        }
        match strings::generate(&rules, hint, &mut self.rng) {
            Ok(s) => Sample::Value(Value::String(s)),
            Err((s, why)) => {
                self.note(why);
                Sample::Value(Value::String(s))
            }
        }
    }

    pub(super) fn integer(&mut self, obj: &Map<String, Value>) -> Sample {
        let bounds = Bounds::of(obj);
        if let Some(example) = self.own_example(obj).filter(|v| integer_fits(v, &bounds)) {
            return Sample::Value(example.clone());
        }
        if self.varies() {
            if let Some(expr) = numbers::integer_expr(&bounds) {
                return Sample::Expr(expr);
            }
        }
        match numbers::integer(&bounds, &mut self.rng) {
            Some(n) => Sample::Value(Value::from(n)),
            None => {
                self.note("no integer satisfies the schema's minimum, maximum and multipleOf");
                Sample::Value(Value::from(bounds.low.unwrap_or(0.0) as i64))
            }
        }
    }

    pub(super) fn number(&mut self, obj: &Map<String, Value>) -> Sample {
        let bounds = Bounds::of(obj);
        if let Some(example) = self.own_example(obj).filter(|v| number_fits(v, &bounds)) {
            return Sample::Value(example.clone());
        }
        let draw =
            |rng: &mut _| numbers::number(&bounds, rng).and_then(serde_json::Number::from_f64);
        if self.varies() {
            let candidates: Vec<Value> = (0..CHOICES)
                .filter_map(|_| draw(&mut self.rng))
                .map(Value::Number)
                .collect();
            if candidates.len() > 1 {
                return Sample::Expr(format!(
                    "random_choice({}) | tojson",
                    Value::Array(candidates)
                ));
            }
        }
        match draw(&mut self.rng) {
            Some(n) => Sample::Value(Value::Number(n)),
            None => {
                self.note("no number satisfies the schema's minimum, maximum and multipleOf");
                Sample::Value(Value::from(0))
            }
        }
    }

    pub(super) fn boolean(&mut self, obj: &Map<String, Value>) -> Sample {
        if let Some(example @ Value::Bool(_)) = self.own_example(obj) {
            return Sample::Value(example.clone());
        }
        if self.varies() {
            return Sample::Expr("random_choice([true, false]) | tojson".into());
        }
        Sample::Value(Value::Bool(self.vary.is_multiple_of(2)))
    }
}

fn in_bounds(x: f64, b: &Bounds) -> bool {
    let low_ok = b
        .low
        .is_none_or(|l| if b.low_exclusive { x > l } else { x >= l });
    let high_ok = b
        .high
        .is_none_or(|h| if b.high_exclusive { x < h } else { x <= h });
    let step_ok = b.multiple_of.is_none_or(|m| (x / m).fract() == 0.0);
    low_ok && high_ok && step_ok
}

fn integer_fits(v: &Value, b: &Bounds) -> bool {
    (v.is_i64() || v.is_u64()) && v.as_f64().is_some_and(|x| in_bounds(x, b))
}

fn number_fits(v: &Value, b: &Bounds) -> bool {
    v.as_f64().is_some_and(|x| in_bounds(x, b))
}

/// A template helper whose every output satisfies `rules`, if one fits.
fn dynamic_string(rules: &StringRules, hint: Option<&str>) -> Option<String> {
    if rules.pattern.is_some() {
        return None;
    }
    // (expression, shortest and longest output in characters)
    let (expr, shortest, longest) = match rules.format.as_deref() {
        Some("email" | "idn-email") => ("faker.email()", 6, 80),
        Some("uuid") => ("random_uuid()", 36, 36),
        Some("date-time") => ("now()", 20, 20),
        Some("date") => ("faker.date()", 10, 10),
        Some("uri" | "url" | "iri") => ("faker.url()", 12, 80),
        Some("ipv4") => ("faker.ipv4()", 7, 15),
        Some(format) if strings::is_known_format(format) => return None,
        _ => match hint.and_then(super::names::faker_method_for) {
            Some("sentence") => ("faker.sentence()", 5, 300),
            Some(method) => return fits_or_none(rules, &format!("faker.{method}()"), 1, 80),
            None => ("faker.word()", 1, 20),
        },
    };
    fits_or_none(rules, expr, shortest, longest)
}

fn fits_or_none(
    rules: &StringRules,
    expr: &str,
    shortest: usize,
    longest: usize,
) -> Option<String> {
    let fits = rules.min_len <= shortest && rules.max_len.is_none_or(|max| max >= longest);
    fits.then(|| format!("{expr} | tojson"))
}
