//! JSON columns of an inspector entry, serialized once on the request path.
//!
//! Building a `serde_json::Value` tree for headers, query and template
//! context and serializing it again on the writer cost more than serving a
//! static mock; writing the text straight from borrowed data costs one
//! buffer per column.

use std::collections::HashMap;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// Valid JSON text: made by serializing, or read back from our own table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonText(String);

impl JsonText {
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Self {
        // Serializing into a String fails only for non-string map keys,
        // which none of our shapes have.
        Self(serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
    }

    /// Text stored by [`JsonText::of`] in an earlier run.
    pub fn from_stored(text: String) -> Self {
        Self(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parsed, for API responses; a damaged stored value reads as `null`.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }
}

/// Above this many pairs, grouping uses a hash index instead of a scan, so
/// a URL with thousands of query parameters stays linear.
const SCAN_LIMIT: usize = 32;

/// Name/value pairs as an object, names in first-seen order. With
/// `first_only`, a repeated name keeps its first value (what templates see);
/// otherwise it becomes an array of all its values (what the inspector shows).
pub struct Pairs<'a, K, V> {
    items: &'a [(K, V)],
    first_only: bool,
}

impl<'a, K: AsRef<str>, V: AsRef<str>> Pairs<'a, K, V> {
    pub fn grouped(items: &'a [(K, V)]) -> Self {
        Self {
            items,
            first_only: false,
        }
    }

    pub fn first_values(items: &'a [(K, V)]) -> Self {
        Self {
            items,
            first_only: true,
        }
    }

    /// Small lists (every request's headers) are grouped by scanning, with
    /// no allocation: a name is written at its first occurrence.
    fn serialize_scanning<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.items;
        let mut map = serializer.serialize_map(None)?;
        for (i, (k, v)) in items.iter().enumerate() {
            let name = k.as_ref();
            if items[..i].iter().any(|(p, _)| p.as_ref() == name) {
                continue;
            }
            let repeated =
                !self.first_only && items[i + 1..].iter().any(|(n, _)| n.as_ref() == name);
            if repeated {
                let at: Vec<usize> = (i..items.len())
                    .filter(|&j| items[j].0.as_ref() == name)
                    .collect();
                map.serialize_entry(name, &Values(items, &at))?;
            } else {
                map.serialize_entry(name, v.as_ref())?;
            }
        }
        map.end()
    }

    /// Long lists go through a hash index, so they stay linear.
    fn serialize_indexed<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, (k, _)) in self.items.iter().enumerate() {
            match index.get(k.as_ref()) {
                Some(&g) => groups[g].1.push(i),
                None => {
                    index.insert(k.as_ref(), groups.len());
                    groups.push((k.as_ref(), vec![i]));
                }
            }
        }
        let mut map = serializer.serialize_map(Some(groups.len()))?;
        for (name, at) in &groups {
            if self.first_only || at.len() == 1 {
                map.serialize_entry(name, self.items[at[0]].1.as_ref())?;
            } else {
                map.serialize_entry(name, &Values(self.items, at))?;
            }
        }
        map.end()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Serialize for Pairs<'_, K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.items.len() <= SCAN_LIMIT {
            self.serialize_scanning(serializer)
        } else {
            self.serialize_indexed(serializer)
        }
    }
}

struct Values<'a, K, V>(&'a [(K, V)], &'a [usize]);

impl<K, V: AsRef<str>> Serialize for Values<'_, K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.1.len()))?;
        for &i in self.1 {
            seq.serialize_element(self.0[i].1.as_ref())?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repeated_names_become_arrays_in_first_seen_order() {
        let items = [("b", "1"), ("a", "x"), ("b", "2"), ("c", "")];
        let text = JsonText::of(&Pairs::grouped(&items));
        assert_eq!(text.as_str(), r#"{"b":["1","2"],"a":"x","c":""}"#);
    }

    #[test]
    fn first_values_keep_the_first_of_a_repeated_name() {
        let items = [("b", "1"), ("a", "x"), ("b", "2")];
        let text = JsonText::of(&Pairs::first_values(&items));
        assert_eq!(text.to_value(), json!({"b": "1", "a": "x"}));
    }

    #[test]
    fn few_and_many_pairs_group_the_same_way() {
        // Owned strings, so both lists have one type for `pick`.
        let few: Vec<(String, String)> = [("b", "1"), ("a", "x"), ("b", "2"), ("c", "")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        let mut many = few.clone();
        many.extend((0..40).map(|i| (format!("z{i}"), String::new())));
        for first_only in [false, true] {
            let pick = |items| {
                if first_only {
                    Pairs::first_values(items)
                } else {
                    Pairs::grouped(items)
                }
            };
            let small = JsonText::of(&pick(&few)).to_value();
            let large = JsonText::of(&pick(&many)).to_value();
            let head: serde_json::Map<_, _> = large
                .as_object()
                .unwrap()
                .iter()
                .take(3)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            assert_eq!(Value::Object(head), small, "first_only = {first_only}");
        }
    }

    #[test]
    fn many_pairs_stay_grouped_in_first_seen_order() {
        let items: Vec<(String, String)> = (0..500)
            .map(|i| (format!("k{}", i % 7), i.to_string()))
            .collect();
        let value = JsonText::of(&Pairs::grouped(&items)).to_value();
        let object = value.as_object().unwrap();
        assert_eq!(object.len(), 7);
        assert_eq!(object.keys().next().unwrap(), "k0");
        assert_eq!(object["k3"].as_array().unwrap().len(), 71);
        assert_eq!(object["k3"][1], json!("10"));
    }

    #[test]
    fn text_escapes_what_json_requires() {
        let items = [("q", "a\"b\\c\n")];
        let text = JsonText::of(&Pairs::grouped(&items));
        assert_eq!(text.to_value(), json!({"q": "a\"b\\c\n"}));
    }

    #[test]
    fn damaged_stored_text_reads_as_null() {
        assert_eq!(
            JsonText::from_stored("{oops".into()).to_value(),
            Value::Null
        );
    }
}
