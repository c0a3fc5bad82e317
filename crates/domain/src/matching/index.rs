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
    /// criterion that failed. Only computed for unmatched requests.
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
            .map(|(_, mock, why)| NearMiss {
                mock_id: mock.id.to_string(),
                mock_name: mock.name.clone(),
                reason: why.describe(req),
            })
            .collect()
    }
}
