//! Numbers within `minimum`/`maximum` (inclusive or exclusive, in both the
//! OpenAPI 3.0 boolean and the JSON Schema numeric spelling) and `multipleOf`.

use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{Map, Value};

/// The numeric constraints of one schema, as a closed range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub low: Option<f64>,
    pub low_exclusive: bool,
    pub high: Option<f64>,
    pub high_exclusive: bool,
    pub multiple_of: Option<f64>,
    /// The range of an `int32`/`int64` format, applied after the defaults.
    pub format_range: Option<(f64, f64)>,
}

impl Bounds {
    pub fn of(schema: &Map<String, Value>) -> Self {
        let num = |key: &str| schema.get(key).and_then(Value::as_f64);
        let flag = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
        let (mut low, mut low_exclusive) = (num("minimum"), flag("exclusiveMinimum"));
        if let Some(x) = num("exclusiveMinimum") {
            if low.is_none_or(|l| x >= l) {
                (low, low_exclusive) = (Some(x), true);
            }
        }
        let (mut high, mut high_exclusive) = (num("maximum"), flag("exclusiveMaximum"));
        if let Some(x) = num("exclusiveMaximum") {
            if high.is_none_or(|h| x <= h) {
                (high, high_exclusive) = (Some(x), true);
            }
        }
        Self {
            low,
            low_exclusive,
            high,
            high_exclusive,
            multiple_of: num("multipleOf").filter(|m| *m > 0.0 && m.is_finite()),
            format_range: match schema.get("format").and_then(Value::as_str) {
                Some("int32") => Some((f64::from(i32::MIN), f64::from(i32::MAX))),
                Some("int64") => Some((-9.0e15, 9.0e15)),
                _ => None,
            },
        }
    }

    /// The inclusive integer range, defaulting to realistic small positives.
    pub fn integer_range(&self) -> Option<(i64, i64)> {
        let low = self.low.map(|l| {
            let c = l.ceil();
            if self.low_exclusive && c == l {
                c + 1.0
            } else {
                c
            }
        });
        let high = self.high.map(|h| {
            let f = h.floor();
            if self.high_exclusive && f == h {
                f - 1.0
            } else {
                f
            }
        });
        let (low, high) = match (low, high) {
            (None, None) => (1.0, 1000.0),
            (Some(l), None) => (l, l + 1000.0),
            (None, Some(h)) => ((h - 1000.0).max(h.min(1.0)), h),
            (Some(l), Some(h)) => (l, h),
        };
        let (low, high) = match self.format_range {
            Some((min, max)) => (low.max(min), high.min(max)),
            None => (low, high),
        };
        let (low, high) = (to_i64(low), to_i64(high));
        (low <= high).then_some((low, high))
    }

    /// The integer step, when `multipleOf` is a whole number.
    fn integer_step(&self) -> Option<i64> {
        self.multiple_of
            .filter(|m| m.fract() == 0.0 && *m >= 1.0)
            .map(to_i64)
    }
}

fn to_i64(x: f64) -> i64 {
    // `as` saturates at the i64 limits, which is what a bound means here.
    x as i64
}

/// An integer within `bounds`, or `None` when none exists.
pub fn integer(bounds: &Bounds, rng: &mut StdRng) -> Option<i64> {
    let (low, high) = bounds.integer_range()?;
    match bounds.integer_step() {
        Some(step) => {
            let (k_low, k_high) = (
                low.div_euclid(step) + i64::from(low.rem_euclid(step) != 0),
                high.div_euclid(step),
            );
            (k_low <= k_high).then(|| rng.gen_range(k_low..=k_high).saturating_mul(step))
        }
        None if bounds.multiple_of.is_some() => {
            number(bounds, rng).filter(|v| v.fract() == 0.0).map(to_i64)
        }
        None => Some(rng.gen_range(low..=high)),
    }
}

/// A Jinja expression for a random integer within `bounds`.
pub fn integer_expr(bounds: &Bounds) -> Option<String> {
    let (low, high) = bounds.integer_range()?;
    match (bounds.multiple_of, bounds.integer_step()) {
        (None, _) if low < high => Some(format!("random_int({low}, {high})")),
        (Some(_), Some(step)) => {
            let (k_low, k_high) = (
                low.div_euclid(step) + i64::from(low.rem_euclid(step) != 0),
                high.div_euclid(step),
            );
            (k_low < k_high).then(|| format!("random_int({k_low}, {k_high}) * {step}"))
        }
        _ => None,
    }
}

/// A number within `bounds` (two decimals, or a multiple of `multipleOf`).
pub fn number(bounds: &Bounds, rng: &mut StdRng) -> Option<f64> {
    let low = bounds.low.unwrap_or(match bounds.high {
        Some(h) => (h - 1000.0).max(h.min(0.0)),
        None => 0.0,
    });
    let high = bounds.high.unwrap_or(low.max(0.0) + 1000.0);
    let inside = |v: f64| {
        (if bounds.low_exclusive {
            v > low
        } else {
            v >= low
        }) && (if bounds.high_exclusive {
            v < high
        } else {
            v <= high
        })
    };
    if let Some(m) = bounds.multiple_of {
        let (k_low, k_high) = ((low / m).ceil(), (high / m).floor());
        if k_low > k_high || !(k_high - k_low).is_finite() {
            return None;
        }
        for _ in 0..16 {
            let k = (k_low + (rng.gen::<f64>() * (k_high - k_low + 1.0)).floor()).min(k_high);
            let v = tidy(k * m, m);
            if inside(v) && (v / m).fract() == 0.0 {
                return Some(v);
            }
        }
        return [k_low, k_high, k_low + 1.0]
            .into_iter()
            .map(|k| tidy(k * m, m))
            .find(|v| inside(*v) && (v / m).fract() == 0.0);
    }
    if low > high {
        return None;
    }
    for _ in 0..16 {
        let v = ((low + rng.gen::<f64>() * (high - low)) * 100.0).round() / 100.0;
        if inside(v) {
            return Some(v);
        }
    }
    let mid = low + (high - low) / 2.0;
    inside(mid).then_some(mid)
}

/// Rounds away float noise (`0.1 * 3` → `0.3`) to the step's decimals.
fn tidy(v: f64, step: f64) -> f64 {
    let decimals = format!("{step}")
        .split('.')
        .nth(1)
        .map_or(0, str::len)
        .min(12);
    format!("{v:.decimals$}").parse().unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use serde_json::json;

    fn bounds(schema: Value) -> Bounds {
        Bounds::of(schema.as_object().unwrap_or(&Map::new()))
    }

    #[test]
    fn both_spellings_of_exclusive_bounds_are_read() {
        let old = bounds(
            json!({"minimum": 1, "exclusiveMinimum": true, "maximum": 3, "exclusiveMaximum": true}),
        );
        let new = bounds(json!({"exclusiveMinimum": 1, "exclusiveMaximum": 3}));
        assert_eq!(old.integer_range(), Some((2, 2)));
        assert_eq!(new.integer_range(), Some((2, 2)));
    }

    #[test]
    fn integers_honour_steps_and_formats() {
        let mut rng = StdRng::seed_from_u64(1);
        let b = bounds(json!({"minimum": 7, "maximum": 40, "multipleOf": 5}));
        for _ in 0..50 {
            let v = integer(&b, &mut rng).unwrap_or(-1);
            assert!((10..=40).contains(&v) && v % 5 == 0, "{v}");
        }
        let int32 = bounds(json!({"format": "int32", "minimum": 2147483640}));
        assert!(integer(&int32, &mut rng).is_some_and(|v| v <= i64::from(i32::MAX)));
        assert_eq!(
            integer(&bounds(json!({"minimum": 5, "maximum": 4})), &mut rng),
            None
        );
    }

    #[test]
    fn fractional_steps_give_exact_multiples() {
        let mut rng = StdRng::seed_from_u64(2);
        let b = bounds(json!({"minimum": 0.5, "maximum": 9.5, "multipleOf": 0.1}));
        for _ in 0..50 {
            let v = number(&b, &mut rng).unwrap_or(-1.0);
            assert!((0.5..=9.5).contains(&v) && (v / 0.1).fract() == 0.0, "{v}");
        }
    }
}
