//! Mockoon response rules → match criteria. Rules joined with AND make one
//! set of criteria; with OR, each rule makes its own (one mock each).

use serde_json::{json, Map, Value};

use super::environment::Rule;

/// Extra conditions one mock adds to the route's.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Criteria {
    pub headers: Map<String, Value>,
    pub query: Map<String, Value>,
    pub body: Vec<Value>,
    /// A route parameter fixed by an `equals` rule: (name, value).
    pub params: Vec<(String, String)>,
}

/// The criteria sets of a response's rules, and why some rules were dropped.
pub fn criteria(rules: &[Rule], operator: Option<&str>) -> (Vec<Criteria>, Vec<String>) {
    let mut problems = Vec::new();
    if operator.is_some_and(|op| op.eq_ignore_ascii_case("AND")) {
        let mut all = Criteria::default();
        for rule in rules {
            if let Err(why) = add(&mut all, rule) {
                problems.push(why);
            }
        }
        return if problems.is_empty() {
            (vec![all], problems)
        } else {
            (Vec::new(), problems)
        };
    }
    let mut sets = Vec::new();
    for rule in rules {
        let mut one = Criteria::default();
        match add(&mut one, rule) {
            Ok(()) => sets.push(one),
            Err(why) => problems.push(why),
        }
    }
    (sets, problems)
}

fn add(criteria: &mut Criteria, rule: &Rule) -> Result<(), String> {
    let name = rule.modifier.trim();
    let matcher = || value_matcher(rule);
    match rule.target.as_str() {
        "query" if !name.is_empty() => {
            criteria.query.insert(name.to_string(), matcher()?);
        }
        "header" if !name.is_empty() => {
            criteria.headers.insert(name.to_string(), matcher()?);
        }
        "cookie" if !name.is_empty() && rule.operator == "equals" && !rule.invert => {
            let pattern = format!(
                "(^|;\\s*){}={}(;|$)",
                regex::escape(name),
                regex::escape(&rule.value)
            );
            criteria
                .headers
                .insert("Cookie".into(), json!({"regex": pattern}));
        }
        "params" if !name.is_empty() && rule.operator == "equals" && !rule.invert => {
            criteria.params.push((name.to_string(), rule.value.clone()));
        }
        "body" => criteria.body.push(body_condition(rule)?),
        _ => return Err(describe(rule, "has no Mimicus equivalent")),
    }
    Ok(())
}

fn value_matcher(rule: &Rule) -> Result<Value, String> {
    match (rule.operator.as_str(), rule.invert) {
        ("null", invert) => Ok(json!({"present": invert})),
        (_, true) => Err(describe(
            rule,
            "is inverted, which has no Mimicus equivalent",
        )),
        ("equals", _) => Ok(json!(rule.value)),
        ("regex", _) => Ok(json!({"regex": rule.value})),
        ("regex_i", _) => Ok(json!({"regex": format!("(?i){}", rule.value)})),
        _ => Err(describe(rule, "has no Mimicus equivalent")),
    }
}

fn body_condition(rule: &Rule) -> Result<Value, String> {
    if rule.invert {
        return Err(describe(
            rule,
            "is inverted, which has no Mimicus equivalent",
        ));
    }
    let path = rule.modifier.trim();
    let regex = match rule.operator.as_str() {
        "equals" if path.is_empty() => return Ok(json!({"equals": rule.value})),
        "equals" => format!("^{}$", regex::escape(&rule.value)),
        "regex" => rule.value.clone(),
        "regex_i" => format!("(?i){}", rule.value),
        _ => return Err(describe(rule, "has no Mimicus equivalent")),
    };
    if path.is_empty() {
        return Ok(json!({"regex": regex}));
    }
    Ok(json!({"jsonpath": json_path(path), "regex": regex}))
}

/// `user.tags.0` (lodash style) or `$.user` (JSONPath) as JSONPath.
fn json_path(modifier: &str) -> String {
    if modifier.starts_with('$') {
        return modifier.to_string();
    }
    let mut path = String::from("$");
    for part in modifier.split('.') {
        match part.parse::<u32>() {
            Ok(i) => path.push_str(&format!("[{i}]")),
            Err(_) => path.push_str(&format!("['{}']", part.replace('\'', "\\'"))),
        }
    }
    path
}

fn describe(rule: &Rule, problem: &str) -> String {
    use domain::limits::echo;
    let modifier = if rule.modifier.is_empty() {
        "-"
    } else {
        &rule.modifier
    };
    format!(
        "rule {} {} {} \"{}\" {problem}, so it was dropped",
        echo(&rule.target),
        echo(modifier),
        echo(&rule.operator),
        echo(&rule.value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(target: &str, modifier: &str, operator: &str, value: &str) -> Rule {
        Rule {
            target: target.into(),
            modifier: modifier.into(),
            operator: operator.into(),
            value: value.into(),
            invert: false,
        }
    }

    #[test]
    fn and_rules_make_one_set_and_or_rules_one_each() {
        let rules = [
            rule("query", "type", "equals", "cat"),
            rule("header", "X-Env", "regex_i", "^prod"),
        ];
        let (and, problems) = criteria(&rules, Some("AND"));
        assert!(problems.is_empty());
        assert_eq!(and.len(), 1);
        assert_eq!(and[0].query["type"], "cat");
        assert_eq!(and[0].headers["X-Env"], json!({"regex": "(?i)^prod"}));
        let (or, _) = criteria(&rules, Some("OR"));
        assert_eq!(or.len(), 2);
    }

    #[test]
    fn body_rules_use_json_paths() {
        let (sets, _) = criteria(
            &[
                rule("body", "user.ids.0", "equals", "7"),
                rule("body", "", "regex", "ab+"),
            ],
            Some("AND"),
        );
        assert_eq!(
            sets[0].body,
            vec![
                json!({"jsonpath": "$['user']['ids'][0]", "regex": "^7$"}),
                json!({"regex": "ab+"})
            ]
        );
    }

    #[test]
    fn rules_without_an_equivalent_drop_an_and_set_entirely() {
        let rules = [
            rule("query", "a", "equals", "1"),
            rule("request_number", "", "equals", "2"),
        ];
        let (sets, problems) = criteria(&rules, Some("AND"));
        assert!(sets.is_empty());
        assert!(problems[0].contains("request_number"), "{problems:?}");
        let (sets, problems) = criteria(&rules, None);
        assert_eq!((sets.len(), problems.len()), (1, 1));
    }
}
