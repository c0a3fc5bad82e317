//! A stub's `request` → the mock's match criteria.

use base64::Engine as _;
use serde_json::{json, Map, Value};

use super::matchers;
use super::stub::Request;

/// Fills the match fields of `mock`; returns "METHOD url" for a default name.
pub fn convert(
    request: &Request,
    mock: &mut Map<String, Value>,
    warn: &mut dyn FnMut(String),
) -> String {
    let method = request
        .method
        .as_deref()
        .unwrap_or("ANY")
        .to_ascii_uppercase();
    let (path, query) = path_and_query(request, warn);
    let shown = format!(
        "{method} {}",
        request.url.clone().unwrap_or_else(|| path.clone())
    );
    mock.insert("match_method".into(), json!(method));
    mock.insert("match_path".into(), json!(path));
    let mut headers = matcher_map("header", request.headers.as_ref(), warn);
    if let Some(auth) = &request.basic_auth_credentials {
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", auth.username, auth.password));
        headers.insert("Authorization".into(), json!(format!("Basic {token}")));
    }
    let mut queries = matcher_map("query parameter", request.query_parameters.as_ref(), warn);
    for (name, value) in query {
        queries.insert(name, json!(value));
    }
    if !headers.is_empty() {
        mock.insert("match_headers".into(), Value::Object(headers));
    }
    if !queries.is_empty() {
        mock.insert("match_query".into(), Value::Object(queries));
    }
    let mut body = Vec::new();
    for pattern in request.body_patterns.iter().flatten() {
        match matchers::body_condition(pattern) {
            Ok(condition) => body.push(condition),
            Err(why) => warn(why),
        }
    }
    if !body.is_empty() {
        mock.insert("match_body".into(), Value::Array(body));
    }
    for key in request.other.keys() {
        warn(format!(
            "request matcher \"{key}\" has no equivalent and was dropped"
        ));
    }
    shown
}

/// The `match_path`, and the query pairs an exact `url` requires.
fn path_and_query(
    request: &Request,
    warn: &mut dyn FnMut(String),
) -> (String, Vec<(String, String)>) {
    if let Some(url) = &request.url {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let pairs = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        return (exact(path), pairs);
    }
    if let Some(path) = &request.url_path {
        return (exact(path), Vec::new());
    }
    if let Some(template) = &request.url_path_template {
        return (template.clone(), Vec::new());
    }
    let pattern = request
        .url_path_pattern
        .as_ref()
        .or(request.url_pattern.as_ref());
    match pattern {
        Some(p) => {
            if request.url_pattern.is_some() && p.contains("\\?") {
                warn("urlPattern's query part is not matched: Mimicus matches the path with the regex and the query separately".into());
            }
            let p = p.split("\\?").next().unwrap_or(p);
            (
                if p.starts_with('^') {
                    p.to_string()
                } else {
                    format!("^{p}")
                },
                Vec::new(),
            )
        }
        None => ("^/.*".to_string(), Vec::new()),
    }
}

/// An exact path; a literal `{` would read as a template, so such a path
/// becomes an escaped regex.
fn exact(path: &str) -> String {
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    if path.contains(['{', '}']) {
        format!("^{}", regex::escape(&path))
    } else {
        path
    }
}

fn matcher_map(
    what: &str,
    specs: Option<&Map<String, Value>>,
    warn: &mut dyn FnMut(String),
) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, spec) in specs.into_iter().flatten() {
        match matchers::value_matcher(spec) {
            Ok(matcher) => {
                out.insert(name.clone(), matcher);
            }
            Err(why) => warn(format!("{what} {name}: {why}")),
        }
    }
    out
}
