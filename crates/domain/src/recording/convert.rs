//! Exchanges → mocks (SPEC §8): one mock per request (method, exact path,
//! query), answering with the recorded status, headers and body; different
//! responses to one request become `sequence` variants in recorded order.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::body::{decode, mock_body};
use super::headers::{is_credential, HopByHop};
use super::naming::{base_id, mock_name, unique_id};
use super::Exchange;
use crate::matching::ValueMatcher;
use crate::mock::{check_header, wire_body, ResponseSpec, Variant, VariantResponse};
use crate::{MatchMethod, MockDefinition, PathPattern, StatusCode, VariantMode};

/// How created mocks are named and tagged.
pub struct ConversionOptions<'a> {
    /// First word of every id: `rec` gives `rec-get-api-users`.
    pub id_prefix: &'a str,
    pub tags: Vec<String>,
    /// Ids a created mock must not take (the stored mocks', unless they are
    /// to be replaced); a clash gets the next free `-2`, `-3`, … suffix.
    pub is_taken: &'a dyn Fn(&str) -> bool,
}

/// An exchange that made no mock, by its position in the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub index: usize,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Conversion {
    pub mocks: Vec<MockDefinition>,
    pub skipped: Vec<Skipped>,
}

/// Response headers a created mock leaves out: framing the server redoes
/// (`Content-Length`; `Content-Encoding`, since the body is stored decoded),
/// `Date` (stale once replayed) and Mimicus's own `X-Mimicus-*`, which the
/// server adds itself. Hop-by-hop and credential headers go too.
fn dropped(name: &str, hop: &HopByHop) -> bool {
    let lower = name.to_ascii_lowercase();
    hop.contains(&lower)
        || is_credential(&lower)
        || matches!(
            lower.as_str(),
            "content-length" | "content-encoding" | "date"
        )
        || lower.starts_with("x-mimicus-")
}

/// A response as a mock answers it.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Value,
}

/// Method, path and the query's first values sorted by name: requests a
/// created mock cannot tell apart share a key.
type RequestKey = (String, String, Vec<(String, String)>);

struct Group {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    answers: Vec<Answer>,
}

/// Converts `exchanges` (in recorded order). Exchanges that cannot make a
/// faithful mock are skipped with a reason: binary or undecodable bodies,
/// truncated bodies, a non-final status, or a path `match_path` would not
/// read as exact (one with `{` or `}`).
pub fn mocks_from_exchanges<'e>(
    exchanges: impl IntoIterator<Item = &'e Exchange>,
    options: &ConversionOptions<'_>,
) -> Conversion {
    let mut conversion = Conversion::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<RequestKey, usize> = HashMap::new();
    for (index, exchange) in exchanges.into_iter().enumerate() {
        let found = exact_request(exchange).and_then(|r| answer(exchange).map(|a| (r, a)));
        let ((method, path), answer) = match found {
            Ok(found) => found,
            Err(reason) => {
                conversion.skipped.push(Skipped { index, reason });
                continue;
            }
        };
        let query = first_values(&exchange.query);
        let mut key_query = query.clone();
        key_query.sort();
        let key = (method.clone(), path.clone(), key_query);
        let at = *by_key.entry(key).or_insert_with(|| {
            groups.push(Group {
                method,
                path,
                query,
                answers: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].answers.push(answer);
    }
    let mut used = HashSet::new();
    conversion.mocks = groups
        .into_iter()
        .filter_map(|group| mock_of(group, options, &mut used))
        .collect();
    conversion
}

/// The exact method and the path as `match_path` stores it (decoded, as
/// requests are matched), when both can be matched exactly.
fn exact_request(exchange: &Exchange) -> Result<(String, String), String> {
    let Ok(MatchMethod::Exact(method)) = MatchMethod::parse(&exchange.method) else {
        return Err(format!(
            "the method \"{}\" cannot be matched exactly",
            exchange.method
        ));
    };
    match PathPattern::parse(&exchange.path) {
        Ok(PathPattern::Exact(path)) => Ok((method, path)),
        _ => Err(format!(
            "the path \"{}\" cannot be a mock's exact match_path (it must start with '/', hold no '{{' or '}}' and be validly percent-encoded)",
            exchange.path
        )),
    }
}

/// Each name's first value, in request order: `match_query` holds one
/// matcher per name.
fn first_values(query: &[(String, String)]) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    query
        .iter()
        .filter(|(name, _)| seen.insert(name.clone()))
        .cloned()
        .collect()
}

fn answer(exchange: &Exchange) -> Result<Answer, String> {
    if !(200..=599).contains(&exchange.status) {
        return Err(format!(
            "status {} is not a final response a mock can give (200-599)",
            exchange.status
        ));
    }
    if exchange.response_body_truncated {
        return Err("the response body was too large to record whole".to_string());
    }
    let status = StatusCode::new(i64::from(exchange.status))?;
    let decoded = decode(
        exchange.response_header("content-encoding"),
        &exchange.response_body,
    )?;
    let body = mock_body(exchange.response_header("content-type"), &decoded)?;
    Ok(Answer {
        status,
        headers: mock_headers(&exchange.response_headers),
        body,
    })
}

/// Headers a mock keeps, in order; a repeated name is joined with `, `, the
/// list form HTTP allows for repeatable headers (`Set-Cookie`, the exception,
/// is a credential and dropped). Headers a mock could not send are dropped.
fn mock_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    let hop = HopByHop::of(headers);
    let mut kept: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        if dropped(name, &hop) || check_header(name, value).is_err() {
            continue;
        }
        match kept.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(value);
            }
            None => kept.push((name.clone(), value.clone())),
        }
    }
    kept
}

fn mock_of(
    group: Group,
    options: &ConversionOptions<'_>,
    used: &mut HashSet<String>,
) -> Option<MockDefinition> {
    let Group {
        method,
        path,
        query,
        mut answers,
    } = group;
    // The last variant of a sequence repeats, so identical trailing answers
    // add nothing; answers before a change stay, to replay the order exactly.
    while answers.len() > 1 && answers[answers.len() - 1] == answers[answers.len() - 2] {
        answers.pop();
    }
    let base = base_id(options.id_prefix, &method, &path, &query);
    let id = unique_id(&base, options.is_taken, used);
    let name = mock_name(&method, &path, &query);
    let mut mock = MockDefinition::new(
        id,
        &name,
        MatchMethod::Exact(method),
        PathPattern::Exact(path),
    );
    mock.tags = options.tags.clone();
    if !query.is_empty() {
        mock.criteria.query = Some(
            query
                .into_iter()
                .map(|(name, value)| (name, ValueMatcher::Literal(value)))
                .collect(),
        );
    }
    let first = answers.first()?.clone();
    mock.response = ResponseSpec {
        status: first.status,
        wire_body: wire_body(&first.body),
        body: first.body,
        headers: first.headers,
        ..ResponseSpec::default()
    };
    if answers.len() > 1 {
        mock.variant_mode = VariantMode::Sequence;
        mock.variants = answers
            .into_iter()
            .map(|a| Variant {
                weight: 1,
                response: VariantResponse {
                    status: a.status,
                    wire_body: wire_body(&a.body),
                    body: a.body,
                    headers: a.headers,
                    is_template: false,
                    delay_ms: 0,
                },
            })
            .collect();
    }
    Some(mock)
}

#[cfg(test)]
#[path = "convert_tests.rs"]
mod tests;
