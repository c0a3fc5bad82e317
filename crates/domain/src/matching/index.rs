use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use super::near_miss::closeness;
use super::template_trie::TemplateTrie;
use super::{IncomingRequest, NearMiss, PathPattern};
use crate::MockDefinition;

/// Immutable lookup structure over the enabled mocks, rebuilt on every admin
/// change and swapped in whole, so requests never lock or read the database.
///
/// Mocks are sorted once by the SPEC §4 ordering; a mock's position is its
/// rank, and the best match is the matching candidate with the lowest rank.
#[derive(Debug, Default)]
pub struct MockIndex {
    ranked: Vec<Arc<MockDefinition>>,
    exact: HashMap<String, Vec<u32>>,
    templates: TemplateTrie,
    regexes: Vec<u32>,
}

/// The mock chosen for a request and the path params its path captured.
#[derive(Debug, Clone)]
pub struct MatchOutcome {
    pub mock: Arc<MockDefinition>,
    pub path_params: Vec<(String, String)>,
}

impl MockIndex {
    pub fn build(mocks: impl IntoIterator<Item = Arc<MockDefinition>>) -> Self {
        let mut ranked: Vec<Arc<MockDefinition>> =
            mocks.into_iter().filter(|m| m.enabled).collect();
        ranked.sort_by_cached_key(|m| {
            (
                Reverse(m.priority),
                Reverse(m.criteria.path.kind()),
                Reverse(m.criteria.path.literal_weight()),
                Reverse(m.criteria.condition_count()),
                m.created_at,
                m.id.clone(),
            )
        });
        let mut index = Self::default();
        for (rank, mock) in ranked.iter().enumerate() {
            let rank = rank as u32;
            match &mock.criteria.path {
                PathPattern::Exact(p) => index.exact.entry(p.clone()).or_default().push(rank),
                PathPattern::Template(t) => index.templates.insert(t, rank),
                PathPattern::Regex(_) => index.regexes.push(rank),
            }
        }
        index.ranked = ranked;
        index
    }

    pub fn len(&self) -> usize {
        self.ranked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }

    /// The best mock for `req` by SPEC §4 ordering. Exact paths are a hash
    /// lookup, templates a trie walk; regexes are tried only while one could
    /// still outrank what the cheaper indexes found.
    pub fn find(&self, req: &IncomingRequest) -> Option<MatchOutcome> {
        let mut best: Option<(u32, Vec<(String, String)>)> = None;
        for &rank in self.exact.get(&req.path).into_iter().flatten() {
            if let Ok(params) = self.ranked[rank as usize].criteria.evaluate(req) {
                best = Some((rank, params));
                break;
            }
        }
        if !self.templates.is_empty() {
            self.templates.candidates(&req.path, &mut |rank| {
                if best.as_ref().is_some_and(|(b, _)| *b < rank) {
                    return;
                }
                if let Ok(params) = self.ranked[rank as usize].criteria.evaluate(req) {
                    best = Some((rank, params));
                }
            });
        }
        for &rank in &self.regexes {
            if best.as_ref().is_some_and(|(b, _)| *b < rank) {
                break;
            }
            if let Ok(params) = self.ranked[rank as usize].criteria.evaluate(req) {
                best = Some((rank, params));
                break;
            }
        }
        best.map(|(rank, path_params)| MatchOutcome {
            mock: Arc::clone(&self.ranked[rank as usize]),
            path_params,
        })
    }

    /// Up to `limit` mocks that came closest to matching, each with the first
    /// criterion that failed and every criterion checked. Only computed for
    /// unmatched requests.
    pub fn near_misses(&self, req: &IncomingRequest, limit: usize) -> Vec<NearMiss> {
        let mut scored: Vec<_> = self
            .ranked
            .iter()
            .enumerate()
            .filter_map(|(rank, mock)| {
                closeness(mock, req)
                    .map(|(tier, distance, why)| ((tier, distance, rank), mock, why))
            })
            .collect();
        scored.sort_by_key(|(key, _, _)| *key);
        scored
            .into_iter()
            .take(limit)
            .map(|(_, mock, why)| NearMiss::explain(mock, &why, req))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::{MatchMethod, MockId};
    use crate::ValueMatcher;

    fn mock(id: &str, method: &str, path: &str) -> MockDefinition {
        let id = MockId::parse(id).unwrap_or_else(|e| panic!("{e}"));
        let method = MatchMethod::parse(method).unwrap_or_else(|e| panic!("{e}"));
        let path = PathPattern::parse(path).unwrap_or_else(|e| panic!("{e}"));
        MockDefinition::new(id, "test", method, path)
    }

    fn get(path: &str) -> IncomingRequest {
        IncomingRequest::new("GET", path, vec![], vec![], vec![], "127.0.0.1")
    }

    fn winner(index: &MockIndex, req: &IncomingRequest) -> Option<String> {
        index.find(req).map(|m| m.mock.id.to_string())
    }

    fn build(mocks: Vec<MockDefinition>) -> MockIndex {
        MockIndex::build(mocks.into_iter().map(Arc::new))
    }

    #[test]
    fn exact_beats_template_beats_regex_at_equal_priority() {
        let index = build(vec![
            mock("regex", "GET", "^/u/.*"),
            mock("tpl", "GET", "/u/{id}"),
            mock("exact", "GET", "/u/1"),
        ]);
        assert_eq!(winner(&index, &get("/u/1")).as_deref(), Some("exact"));
        assert_eq!(winner(&index, &get("/u/2")).as_deref(), Some("tpl"));
        assert_eq!(winner(&index, &get("/u/2/3")).as_deref(), Some("regex"));
    }

    #[test]
    fn a_regex_with_higher_priority_outranks_an_exact_path() {
        let mut regex = mock("regex", "GET", "^/u/.*");
        regex.priority = 101;
        let index = build(vec![mock("exact", "GET", "/u/1"), regex]);
        assert_eq!(winner(&index, &get("/u/1")).as_deref(), Some("regex"));
    }

    #[test]
    fn more_conditions_then_older_creation_break_ties() {
        let mut with_header = mock("header", "GET", "/t");
        with_header.criteria.headers = Some(vec![("x-a".into(), ValueMatcher::Present(true))]);
        let older = mock("older", "GET", "/t");
        let mut newer = mock("newer", "GET", "/t");
        newer.created_at = older.created_at + chrono::Duration::seconds(1);
        let index = build(vec![newer.clone(), older.clone(), with_header]);
        let mut req = get("/t");
        assert_eq!(winner(&index, &req).as_deref(), Some("older"));
        req.headers.push(("x-a".into(), "1".into()));
        assert_eq!(winner(&index, &req).as_deref(), Some("header"));
    }

    #[test]
    fn disabled_mocks_are_not_indexed() {
        let mut off = mock("off", "GET", "/off");
        off.enabled = false;
        let index = build(vec![off]);
        assert!(index.is_empty());
        assert_eq!(winner(&index, &get("/off")), None);
    }

    #[test]
    fn template_params_are_returned_with_the_match() {
        let index = build(vec![mock("tpl", "ANY", "/users/{id}/files/{*rest}")]);
        let found = index.find(&get("/users/7/files/a/b"));
        let params = found.map(|f| f.path_params).unwrap_or_default();
        assert_eq!(
            params,
            vec![
                ("id".to_string(), "7".to_string()),
                ("rest".to_string(), "a/b".to_string())
            ]
        );
    }

    #[test]
    fn near_misses_rank_same_path_first_and_explain_the_first_failure() {
        let mut header = mock("header", "GET", "/api/users");
        header.criteria.headers =
            Some(vec![("X-Env".into(), ValueMatcher::Literal("prod".into()))]);
        let index = build(vec![
            mock("other", "GET", "/api/orders"),
            mock("post", "POST", "/api/users"),
            header,
        ]);
        let mut req = get("/api/users");
        req.headers.push(("x-env".into(), "dev".into()));
        let misses = index.near_misses(&req, 3);
        let ids: Vec<&str> = misses.iter().map(|m| m.mock_id.as_str()).collect();
        assert_eq!(ids, vec!["header", "post", "other"]);
        assert_eq!(
            misses[0].reason,
            "header X-Env: expected \"prod\", got \"dev\""
        );
        assert_eq!(misses[1].reason, "method: expected POST, got GET");
        assert_eq!(
            misses[2].reason,
            "path: expected /api/orders, got /api/users"
        );
        let header_checks: Vec<(&str, bool)> = misses[0]
            .checks
            .iter()
            .map(|c| (c.field.as_str(), c.passed))
            .collect();
        assert_eq!(
            header_checks,
            vec![
                ("match_method", true),
                ("match_path", true),
                ("match_headers.X-Env", false)
            ]
        );
        assert_eq!(misses[2].checks[1].actual, "/api/users");
        assert!(!misses[2].checks[1].passed);
        assert_eq!(index.near_misses(&req, 1).len(), 1);
    }

    #[test]
    fn lookup_among_many_mocks_finds_the_right_one() {
        let mocks: Vec<_> = (0..2000)
            .map(|i| match i % 3 {
                0 => mock(&format!("e{i}"), "GET", &format!("/items/{i}")),
                1 => mock(&format!("t{i}"), "GET", &format!("/t{i}/{{id}}")),
                _ => mock(&format!("r{i}"), "GET", &format!("^/r{i}/[0-9]+$")),
            })
            .collect();
        let index = build(mocks);
        assert_eq!(winner(&index, &get("/items/999")).as_deref(), Some("e999"));
        assert_eq!(winner(&index, &get("/t1000/x")).as_deref(), Some("t1000"));
        assert_eq!(winner(&index, &get("/r1001/42")).as_deref(), Some("r1001"));
        assert_eq!(winner(&index, &get("/r1001/x")), None);
    }
}
