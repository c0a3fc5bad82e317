//! The nesting check of values a template turns into JSON itself.

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind};

use crate::limits::TEMPLATE_JSON_MAX_NESTING;

/// Refuses `value` if it nests sequences and maps deeper than
/// [`TEMPLATE_JSON_MAX_NESTING`]: serde_json's conversions recurse once per
/// level without a limit, and could not read such JSON back anyway. The walk
/// is iterative and stops at the first level too deep.
pub fn check(value: &Value, what: &str) -> Result<(), Error> {
    let mut pending = vec![(value.clone(), 0usize)];
    while let Some((value, depth)) = pending.pop() {
        let is_map = match value.kind() {
            ValueKind::Map => true,
            ValueKind::Seq | ValueKind::Iterable => false,
            _ => continue,
        };
        if depth == TEMPLATE_JSON_MAX_NESTING {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "{what}: the value nests more than {TEMPLATE_JSON_MAX_NESTING} levels deep"
                ),
            ));
        }
        let Ok(items) = value.try_iter() else {
            continue;
        };
        for item in items {
            let child = if is_map {
                value.get_item(&item).unwrap_or_default()
            } else {
                item
            };
            pending.push((child, depth + 1));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> Value {
        (0..levels).fold(Value::from(1), |inner, i| {
            if i % 2 == 0 {
                Value::from(vec![inner])
            } else {
                Value::from_iter([("k", inner)])
            }
        })
    }

    #[test]
    fn values_up_to_the_limit_pass_and_deeper_ones_are_refused() {
        assert!(check(&Value::from("text"), "x").is_ok());
        assert!(check(&nested(TEMPLATE_JSON_MAX_NESTING), "x").is_ok());
        let refused = check(&nested(TEMPLATE_JSON_MAX_NESTING + 1), "json_dumps()").err();
        assert!(refused.is_some_and(|e| e.to_string().contains("json_dumps(): the value nests")));
    }

    #[test]
    fn json_at_the_limit_reads_back() {
        let text = serde_json::to_string(&nested(TEMPLATE_JSON_MAX_NESTING)).unwrap_or_default();
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    }
}
