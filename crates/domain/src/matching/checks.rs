//! Every criterion of a near-missed mock checked against the request, so a
//! person (or the admin UI) sees expected and actual side by side rather
//! than only the first failure. Only built for unmatched requests.

use serde_json::Value;

use super::body_condition::{shorten, PathCheck};
use super::{BodyCondition, IncomingRequest, ValueMatcher};
use crate::MockDefinition;

/// One criterion of a mock and how the request fared against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionCheck {
    /// The mock field it comes from, named like SPEC §2 error fields:
    /// `match_method`, `match_headers.X-Env`, `match_body[1]`.
    pub field: String,
    pub expected: String,
    pub actual: String,
    pub passed: bool,
}

impl CriterionCheck {
    fn new(field: String, expected: String, actual: String, passed: bool) -> Self {
        Self {
            field,
            expected,
            actual,
            passed,
        }
    }
}

/// Checks method, path, each header, each query parameter, the content
/// type and each body condition, in that order, without stopping at the
/// first failure.
pub(crate) fn check_all(mock: &MockDefinition, req: &IncomingRequest) -> Vec<CriterionCheck> {
    let criteria = &mock.criteria;
    let mut checks = vec![
        CriterionCheck::new(
            "match_method".into(),
            criteria.method.as_str().to_string(),
            req.method.clone(),
            criteria.method.accepts(&req.method),
        ),
        CriterionCheck::new(
            "match_path".into(),
            criteria.path.source().to_string(),
            req.path.clone(),
            criteria.path.matches(&req.path).is_some(),
        ),
    ];
    for (name, matcher) in criteria.headers.iter().flatten() {
        checks.push(CriterionCheck::new(
            format!("match_headers.{name}"),
            summary(matcher),
            values(req.header_values(name)),
            matcher.accepts(req.header_values(name)),
        ));
    }
    for (name, matcher) in criteria.query.iter().flatten() {
        checks.push(CriterionCheck::new(
            format!("match_query.{name}"),
            summary(matcher),
            values(req.query_values(name)),
            matcher.accepts(req.query_values(name)),
        ));
    }
    if let Some(expected) = &criteria.content_type {
        let actual = req.header("content-type");
        let passed = actual
            .and_then(|a| a.get(..expected.len()))
            .is_some_and(|p| p.eq_ignore_ascii_case(expected));
        checks.push(CriterionCheck::new(
            "match_content_type".into(),
            format!("starts with \"{expected}\""),
            values(actual.into_iter()),
            passed,
        ));
    }
    if let Some(body) = &criteria.body {
        let raw = req.body_text();
        let json = req.json();
        for (i, condition) in body.conditions.iter().enumerate() {
            let field = if body.as_list {
                format!("match_body[{i}]")
            } else {
                "match_body".to_string()
            };
            checks.push(CriterionCheck::new(
                field,
                body_summary(condition),
                body_actual(condition, &raw, json),
                condition.holds(&raw, json),
            ));
        }
    }
    checks
}

fn summary(matcher: &ValueMatcher) -> String {
    match matcher {
        ValueMatcher::Literal(s) | ValueMatcher::Equals(s) => format!("\"{s}\""),
        ValueMatcher::Contains(s) => format!("contains \"{s}\""),
        ValueMatcher::Regex(p) => format!("matches /{}/", p.source()),
        ValueMatcher::Present(true) => "present".to_string(),
        ValueMatcher::Present(false) => "absent".to_string(),
    }
}

/// The values a request sent for one name, quoted, or `absent`.
fn values<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<String> = values.map(|v| format!("\"{}\"", shorten(v))).collect();
    if all.is_empty() {
        "absent".to_string()
    } else {
        all.join(", ")
    }
}

fn body_summary(condition: &BodyCondition) -> String {
    match condition {
        BodyCondition::Equals(s) => format!("exactly \"{}\"", shorten(s)),
        BodyCondition::Contains(s) => format!("contains \"{}\"", shorten(s)),
        BodyCondition::Regex(p) => format!("matches /{}/", p.source()),
        BodyCondition::JsonEquals(v) => format!("JSON equal to {}", shorten(&v.to_string())),
        BodyCondition::JsonContains(v) => {
            format!("JSON containing {}", shorten(&v.to_string()))
        }
        BodyCondition::JsonPath { source, check, .. } => match check {
            PathCheck::Exists => format!("{source} exists"),
            PathCheck::Equals(v) => format!("{source} = {}", shorten(&v.to_string())),
            PathCheck::Regex(p) => format!("{source} matches /{}/", p.source()),
        },
    }
}

/// What the request's body offered to one condition: the text for text
/// conditions, the JSON for JSON ones, the selected values for a JSONPath.
fn body_actual(condition: &BodyCondition, raw: &str, json: Option<&Value>) -> String {
    if raw.is_empty() {
        return "an empty body".to_string();
    }
    match condition {
        BodyCondition::Equals(_) | BodyCondition::Contains(_) | BodyCondition::Regex(_) => {
            format!("\"{}\"", shorten(raw))
        }
        BodyCondition::JsonEquals(_) | BodyCondition::JsonContains(_) => match json {
            Some(doc) => shorten(&doc.to_string()),
            None => "a body that is not JSON".to_string(),
        },
        BodyCondition::JsonPath { source, path, .. } => {
            let Some(doc) = json else {
                return "a body that is not JSON".to_string();
            };
            match path.query(doc).all().as_slice() {
                [] => format!("nothing at {source}"),
                [one] => shorten(&one.to_string()),
                many => {
                    shorten(&Value::Array(many.iter().map(|v| (*v).clone()).collect()).to_string())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::{BodyConditions, MatchMethod, MockId};
    use crate::PathPattern;
    use serde_json::json;

    fn mock(method: &str, path: &str) -> MockDefinition {
        MockDefinition::new(
            MockId::parse("m").unwrap_or_else(|e| panic!("{e}")),
            "m",
            MatchMethod::parse(method).unwrap_or_else(|e| panic!("{e}")),
            PathPattern::parse(path).unwrap_or_else(|e| panic!("{e}")),
        )
    }

    fn matcher(v: Value) -> ValueMatcher {
        ValueMatcher::from_json(&v).unwrap_or_else(|e| panic!("{e}"))
    }

    fn condition(v: Value) -> BodyCondition {
        BodyCondition::from_json(&v).unwrap_or_else(|e| panic!("{e}"))
    }

    fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> IncomingRequest {
        let headers = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let query = vec![("page".to_string(), "2".to_string())];
        IncomingRequest::new(
            method,
            path,
            query,
            headers,
            body.as_bytes().to_vec(),
            "1.2.3.4",
        )
    }

    fn rows(checks: &[CriterionCheck]) -> Vec<(&str, &str, &str, bool)> {
        checks
            .iter()
            .map(|c| {
                (
                    c.field.as_str(),
                    c.expected.as_str(),
                    c.actual.as_str(),
                    c.passed,
                )
            })
            .collect()
    }

    #[test]
    fn every_criterion_is_checked_even_after_a_failure() {
        let mut m = mock("POST", "/api/users/{id}");
        m.criteria.headers = Some(vec![
            ("X-Env".into(), matcher(json!("prod"))),
            ("X-Trace".into(), matcher(json!({"present": true}))),
        ]);
        m.criteria.query = Some(vec![("page".into(), matcher(json!({"regex": "^[0-9]+$"})))]);
        m.criteria.content_type = Some("application/json".into());
        let req = request("GET", "/api/users/7", &[("X-Env", "dev")], "");
        assert_eq!(
            rows(&check_all(&m, &req)),
            vec![
                ("match_method", "POST", "GET", false),
                ("match_path", "/api/users/{id}", "/api/users/7", true),
                ("match_headers.X-Env", "\"prod\"", "\"dev\"", false),
                ("match_headers.X-Trace", "present", "absent", false),
                ("match_query.page", "matches /^[0-9]+$/", "\"2\"", true),
                (
                    "match_content_type",
                    "starts with \"application/json\"",
                    "absent",
                    false
                ),
            ]
        );
    }

    #[test]
    fn body_conditions_show_what_the_body_offered_each_one() {
        let mut m = mock("POST", "/orders");
        m.criteria.body = Some(BodyConditions {
            as_list: true,
            conditions: vec![
                condition(json!({"jsonpath": "$.total", "equals": 10})),
                condition(json!({"json_contains": {"currency": "EUR"}})),
                condition(json!({"jsonpath": "$.missing"})),
                condition(json!({"contains": "total"})),
            ],
        });
        let req = request("POST", "/orders", &[], r#"{"total":12,"currency":"EUR"}"#);
        let checks = check_all(&m, &req);
        assert_eq!(
            rows(&checks[2..]),
            vec![
                ("match_body[0]", "$.total = 10", "12", false),
                (
                    "match_body[1]",
                    "JSON containing {\"currency\":\"EUR\"}",
                    "{\"total\":12,\"currency\":\"EUR\"}",
                    true
                ),
                (
                    "match_body[2]",
                    "$.missing exists",
                    "nothing at $.missing",
                    false
                ),
                (
                    "match_body[3]",
                    "contains \"total\"",
                    "\"{\"total\":12,\"currency\":\"EUR\"}\"",
                    true
                ),
            ]
        );
    }

    #[test]
    fn a_single_body_condition_is_named_like_the_field_and_empty_or_text_bodies_say_so() {
        let mut m = mock("POST", "/orders");
        m.criteria.body = Some(BodyConditions {
            as_list: false,
            conditions: vec![condition(json!({"json_equals": {"a": 1}}))],
        });
        let empty = check_all(&m, &request("POST", "/orders", &[], ""));
        assert_eq!(
            rows(&empty[2..]),
            vec![(
                "match_body",
                "JSON equal to {\"a\":1}",
                "an empty body",
                false
            )]
        );
        let text = check_all(&m, &request("POST", "/orders", &[], "a=1"));
        assert_eq!(text[2].actual, "a body that is not JSON");
    }

    #[test]
    fn long_values_are_cut() {
        let mut m = mock("POST", "/x");
        m.criteria.body = Some(BodyConditions {
            as_list: false,
            conditions: vec![condition(json!({"equals": "short"}))],
        });
        let long = "y".repeat(500);
        let checks = check_all(&m, &request("POST", "/x", &[], &long));
        assert!(checks[2].actual.chars().count() < 100);
        assert!(checks[2].actual.contains('…'));
    }
}
