//! Mockoon (Express) endpoints → `match_path`: `users/:id` is the template
//! `/users/{id}`; wildcards and optional parameters make a regex.

/// The `match_path` for `endpoint` under the environment's `prefix`, with
/// the route parameters in `fixed` replaced by their values.
pub fn match_path(prefix: &str, endpoint: &str, fixed: &[(String, String)]) -> String {
    let mut segments: Vec<&str> = prefix
        .split('/')
        .chain(endpoint.split('/'))
        .filter(|s| !s.is_empty())
        .collect();
    if endpoint.ends_with('/') && !endpoint.trim_matches('/').is_empty() {
        segments.push("");
    }
    let fixed_value = |name: &str| {
        fixed
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let plain = segments
        .iter()
        .all(|s| param(s).is_some() || !s.contains(['*', '?', '(', ')', '+', ':', '{', '}']));
    if plain {
        let parts: Vec<String> = segments
            .iter()
            .map(|s| match param(s) {
                Some(name) => fixed_value(name).unwrap_or_else(|| format!("{{{name}}}")),
                None => (*s).to_string(),
            })
            .collect();
        return format!("/{}", parts.join("/"));
    }
    let mut regex = String::from("^");
    for s in segments {
        regex.push('/');
        let optional = s.starts_with(':') && s.ends_with('?');
        match param(s.trim_end_matches('?')) {
            Some(name) => match fixed_value(name) {
                Some(value) => regex.push_str(&regex::escape(&value)),
                None if optional => regex.push_str(&format!("(?P<{name}>[^/]*)")),
                None => regex.push_str(&format!("(?P<{name}>[^/]+)")),
            },
            None => {
                let literal: Vec<String> = s.split('*').map(regex::escape).collect();
                regex.push_str(&literal.join(".*"));
            }
        }
    }
    regex.push('$');
    regex
}

/// The name of a `:name` segment.
fn param(s: &str) -> Option<&str> {
    s.strip_prefix(':')
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::match_path;

    #[test]
    fn params_become_templates_and_wildcards_regexes() {
        assert_eq!(match_path("api/v1", "users/:id", &[]), "/api/v1/users/{id}");
        assert_eq!(
            match_path("", "users/:id", &[("id".into(), "7".into())]),
            "/users/7"
        );
        assert_eq!(match_path("", "", &[]), "/");
        assert_eq!(match_path("/api/", "files/*", &[]), "^/api/files/.*$");
        assert_eq!(
            match_path("", "posts/:slug?", &[]),
            "^/posts/(?P<slug>[^/]*)$"
        );
        let p = domain::PathPattern::parse(&match_path("", "a.b/*/c", &[]))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(p.matches("/a.b/x/y/c").is_some() && p.matches("/aXb/x/c").is_none());
    }
}
