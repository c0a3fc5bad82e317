use super::{BodyCondition, IncomingRequest, ValueMatcher};
use crate::mock::MatchCriteria;

/// The first criterion a request failed, borrowed from the mock so that
/// checking allocates nothing; `describe` builds the sentence only when needed.
#[derive(Debug)]
pub enum Mismatch<'a> {
    Method(&'a str),
    Path(&'a str),
    Header(&'a str, &'a ValueMatcher),
    Query(&'a str, &'a ValueMatcher),
    ContentType(&'a str),
    Body(&'a BodyCondition),
}

impl MatchCriteria {
    /// Checks every criterion in a fixed order (method, path, headers, query,
    /// content type, body) and returns the path params on success.
    pub fn evaluate<'a>(
        &'a self,
        req: &IncomingRequest,
    ) -> Result<Vec<(String, String)>, Mismatch<'a>> {
        if !self.method.accepts(&req.method) {
            return Err(Mismatch::Method(self.method.as_str()));
        }
        let params = self
            .path
            .matches(&req.path)
            .ok_or(Mismatch::Path(self.path.source()))?;
        self.check_rest(req)?;
        Ok(params)
    }

    /// Everything after method and path, for callers that matched the path already.
    pub fn check_rest<'a>(&'a self, req: &IncomingRequest) -> Result<(), Mismatch<'a>> {
        for (name, matcher) in self.headers.iter().flatten() {
            if !matcher.accepts(req.header_values(name)) {
                return Err(Mismatch::Header(name, matcher));
            }
        }
        for (name, matcher) in self.query.iter().flatten() {
            if !matcher.accepts(req.query_values(name)) {
                return Err(Mismatch::Query(name, matcher));
            }
        }
        if let Some(expected) = &self.content_type {
            let actual = req.header("content-type").unwrap_or("");
            let prefix_ok = actual
                .get(..expected.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(expected));
            if !prefix_ok {
                return Err(Mismatch::ContentType(expected));
            }
        }
        if let Some(body) = &self.body {
            let raw = req.body_text();
            for condition in &body.conditions {
                if !condition.holds(&raw, req.json()) {
                    return Err(Mismatch::Body(condition));
                }
            }
        }
        Ok(())
    }
}

impl Mismatch<'_> {
    /// A sentence naming the criterion, what was expected and what came.
    pub fn describe(&self, req: &IncomingRequest) -> String {
        match self {
            Self::Method(expected) => format!("method: expected {expected}, got {}", req.method),
            Self::Path(expected) => format!("path: expected {expected}, got {}", req.path),
            Self::Header(name, m) => {
                let got = quoted(req.header_values(name));
                format!("header {name}: {}, got {got}", m.expectation())
            }
            Self::Query(name, m) => {
                let got = quoted(req.query_values(name));
                format!("query {name}: {}, got {got}", m.expectation())
            }
            Self::ContentType(expected) => format!(
                "content-type: expected {expected}, got {}",
                req.header("content-type").unwrap_or("none")
            ),
            Self::Body(condition) => {
                let got = if req.body.is_empty() {
                    "an empty body".to_string()
                } else if req.json().is_none() && expects_json(condition) {
                    "a body that is not JSON".to_string()
                } else {
                    "a body that does not".to_string()
                };
                format!("body: {}, got {got}", condition.expectation())
            }
        }
    }
}

fn expects_json(condition: &BodyCondition) -> bool {
    matches!(
        condition,
        BodyCondition::JsonEquals(_)
            | BodyCondition::JsonContains(_)
            | BodyCondition::JsonPath { .. }
    )
}

fn quoted<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<String> = values.map(|v| format!("\"{v}\"")).collect();
    if all.is_empty() {
        "nothing".to_string()
    } else {
        all.join(", ")
    }
}
