//! OpenAPI paths → Mimicus `match_path`: `/pets/{petId}` stays a template;
//! a parameter inside a segment (`/files/{name}.{ext}`) becomes a regex
//! with named groups. The spec's base path (`basePath`, or the first
//! server's URL path) is prefixed, so clients keep their base URL.

use serde_json::Value;

/// The path prefix clients use: Swagger 2 `basePath`, or the path of the
/// first OpenAPI 3 server URL (its variables replaced by their defaults).
pub fn base_path(doc: &Value) -> String {
    let raw = if let Some(base) = doc.get("basePath").and_then(Value::as_str) {
        base.to_string()
    } else {
        let server = doc.pointer("/servers/0");
        let mut url = server
            .and_then(|s| s.get("url"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if let Some(vars) = server
            .and_then(|s| s.get("variables"))
            .and_then(Value::as_object)
        {
            for (name, var) in vars {
                let default = var.get("default").and_then(Value::as_str).unwrap_or("");
                url = url.replace(&format!("{{{name}}}"), default);
            }
        }
        match url.split_once("://") {
            Some((_, rest)) => rest
                .find('/')
                .map_or(String::new(), |i| rest[i..].to_string()),
            None => url,
        }
    };
    let path = raw
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    if path.is_empty() || path.contains('{') {
        String::new()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

/// The `match_path` for `base` + the spec path `path`.
pub fn match_path(base: &str, path: &str) -> String {
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    let full = format!("{base}{path}");
    let segments: Vec<&str> = full.split('/').collect();
    let whole_params = segments.iter().all(|s| {
        !s.contains(['{', '}'])
            || (s.starts_with('{')
                && s.ends_with('}')
                && s[1..s.len() - 1].chars().all(|c| c != '{' && c != '}'))
    });
    if whole_params {
        return segments
            .iter()
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => format!("{{{}}}", param_name(name)),
                    None => (*s).to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("/");
    }
    let mut regex = String::from("^");
    let mut rest = full.as_str();
    while let Some(open) = rest.find('{') {
        regex.push_str(&regex::escape(&rest[..open]));
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close.min(rest.len())];
        regex.push_str(&format!("(?P<{}>[^/]+)", param_name(name)));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    regex.push_str(&regex::escape(rest));
    regex.push('$');
    regex
}

/// A parameter name Mimicus accepts: letters, digits and `_`.
fn param_name(raw: &str) -> String {
    let mut name: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name.insert(0, '_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base_paths_come_from_base_path_or_the_first_server() {
        assert_eq!(base_path(&json!({"basePath": "/v2/"})), "/v2");
        assert_eq!(
            base_path(&json!({"servers": [{"url": "https://api.example.com/v1"}]})),
            "/v1"
        );
        assert_eq!(base_path(&json!({"servers": [{"url": "/api"}]})), "/api");
        assert_eq!(
            base_path(
                &json!({"servers": [{"url": "{scheme}://h/{ver}", "variables": {"scheme": {"default": "https"}, "ver": {"default": "v3"}}}]})
            ),
            "/v3"
        );
        assert_eq!(
            base_path(&json!({"servers": [{"url": "https://api.example.com"}]})),
            ""
        );
        assert_eq!(base_path(&json!({})), "");
    }

    #[test]
    fn whole_segment_parameters_stay_templates() {
        assert_eq!(match_path("/v1", "/pets/{petId}"), "/v1/pets/{petId}");
        assert_eq!(match_path("", "/users/{user-id}/x"), "/users/{user_id}/x");
        assert_eq!(match_path("", "/"), "/");
    }

    #[test]
    fn parameters_inside_segments_become_regexes() {
        let regex = match_path("", "/files/{name}.{ext}");
        assert_eq!(regex, "^/files/(?P<name>[^/]+)\\.(?P<ext>[^/]+)$");
        let p = domain::PathPattern::parse(&regex).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            p.matches("/files/a.txt"),
            Some(vec![
                ("name".into(), "a".into()),
                ("ext".into(), "txt".into())
            ])
        );
    }
}
