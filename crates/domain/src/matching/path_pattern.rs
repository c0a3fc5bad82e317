use super::{decode_path, Pattern};
use crate::limits::MATCH_PATH_MAX_BYTES;
use crate::FieldError;

/// The path part of a mock's criteria: exact, template, or anchored regex.
#[derive(Debug, Clone)]
pub enum PathPattern {
    Exact(String),
    Template(PathTemplate),
    Regex(Pattern),
}

/// `/api/users/{id}` (one segment per param) with an optional trailing `{*rest}`.
#[derive(Debug, Clone)]
pub struct PathTemplate {
    pub source: String,
    pub segments: Vec<Segment>,
    pub rest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Param(String),
}

/// Coarse kind of a path, the second ordering key (exact > template > regex).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathKind {
    Regex,
    Template,
    Exact,
}

impl PathPattern {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let err = |d: String| FieldError::new("match_path", d);
        if raw.len() > MATCH_PATH_MAX_BYTES {
            return Err(err(format!(
                "is {} bytes long; the limit is {MATCH_PATH_MAX_BYTES}",
                raw.len()
            )));
        }
        if raw.starts_with('^') {
            // The whole path must match, whatever anchors the user wrote.
            let anchored = format!("^(?:{raw})$");
            return Pattern::compile_as(raw, &anchored)
                .map(Self::Regex)
                .map_err(err);
        }
        if !raw.starts_with('/') {
            return Err(err(format!(
                "must start with '/' (or '^' for a regex), got \"{raw}\""
            )));
        }
        // Requests are matched by their decoded path, so mocks are stored decoded.
        let raw = decode_path(raw).map_err(err)?;
        if !raw.contains('{') && !raw.contains('}') {
            return Ok(Self::Exact(raw.into_owned()));
        }
        parse_template(&raw).map(Self::Template).map_err(err)
    }

    pub fn source(&self) -> &str {
        match self {
            Self::Exact(s) => s,
            Self::Template(t) => &t.source,
            Self::Regex(p) => p.source(),
        }
    }

    pub fn kind(&self) -> PathKind {
        match self {
            Self::Exact(_) => PathKind::Exact,
            Self::Template(_) => PathKind::Template,
            Self::Regex(_) => PathKind::Regex,
        }
    }

    /// Finer specificity within a kind: templates with more literal segments
    /// and without a catch-all are more specific.
    pub fn literal_weight(&self) -> usize {
        match self {
            Self::Template(t) => {
                let literals = t
                    .segments
                    .iter()
                    .filter(|s| matches!(s, Segment::Literal(_)))
                    .count();
                literals * 2 + usize::from(t.rest.is_none())
            }
            _ => 0,
        }
    }

    /// Matches `path`, returning the captured path params on success.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        match self {
            Self::Exact(s) => (s == path).then(Vec::new),
            Self::Template(t) => t.matches(path),
            Self::Regex(p) => {
                let caps = p.regex().captures(path)?;
                Some(
                    p.regex()
                        .capture_names()
                        .flatten()
                        .filter_map(|name| {
                            caps.name(name)
                                .map(|m| (name.to_string(), m.as_str().to_string()))
                        })
                        .collect(),
                )
            }
        }
    }
}

impl PathTemplate {
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        // `None` once the path is fully consumed, so "/a/" and "/a" differ.
        let mut remaining = Some(path.strip_prefix('/')?);
        let mut params = Vec::new();
        for segment in &self.segments {
            let current = remaining?;
            let (head, tail) = match current.split_once('/') {
                Some((h, t)) => (h, Some(t)),
                None => (current, None),
            };
            match segment {
                Segment::Literal(l) if l == head => {}
                Segment::Param(name) if !head.is_empty() => {
                    params.push((name.clone(), head.to_string()));
                }
                _ => return None,
            }
            remaining = tail;
        }
        match (&self.rest, remaining) {
            (Some(name), rest) => params.push((name.clone(), rest.unwrap_or("").to_string())),
            (None, None) => {}
            (None, Some(_)) => return None,
        }
        Some(params)
    }
}

fn parse_template(raw: &str) -> Result<PathTemplate, String> {
    let body = &raw[1..];
    let parts: Vec<&str> = if body.is_empty() {
        Vec::new()
    } else {
        body.split('/').collect()
    };
    let mut segments = Vec::new();
    let mut rest = None;
    for (i, part) in parts.iter().enumerate() {
        if let Some(inner) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            if let Some(name) = inner.strip_prefix('*') {
                if i + 1 != parts.len() {
                    return Err(format!("{{*{name}}} must be the last segment of the path"));
                }
                check_param_name(name)?;
                rest = Some(name.to_string());
            } else {
                check_param_name(inner)?;
                segments.push(Segment::Param(inner.to_string()));
            }
        } else if part.contains('{') || part.contains('}') {
            return Err(format!(
                "segment \"{part}\" must be a whole {{param}} or contain no braces"
            ));
        } else {
            segments.push(Segment::Literal((*part).to_string()));
        }
    }
    Ok(PathTemplate {
        source: raw.to_string(),
        segments,
        rest,
    })
}

fn check_param_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "path parameter name \"{name}\" must be letters, digits or '_'"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(raw: &str) -> PathPattern {
        PathPattern::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    fn params(p: &PathPattern, path: &str) -> Option<Vec<(String, String)>> {
        p.matches(path)
    }

    #[test]
    fn exact_paths_match_only_themselves() {
        let p = pattern("/api/users");
        assert_eq!(params(&p, "/api/users"), Some(vec![]));
        assert_eq!(params(&p, "/api/users/"), None);
        assert_eq!(p.kind(), PathKind::Exact);
    }

    #[test]
    fn template_params_capture_one_segment() {
        let p = pattern("/api/users/{id}/orders/{order_id}");
        assert_eq!(
            params(&p, "/api/users/42/orders/7"),
            Some(vec![
                ("id".into(), "42".into()),
                ("order_id".into(), "7".into())
            ])
        );
        assert_eq!(params(&p, "/api/users/42/orders"), None);
        assert_eq!(params(&p, "/api/users//orders/7"), None);
        assert_eq!(params(&p, "/api/users/4/2/orders/7"), None);
    }

    #[test]
    fn catch_all_captures_the_rest_of_the_path() {
        let p = pattern("/files/{*rest}");
        assert_eq!(
            params(&p, "/files/a/b/c.txt"),
            Some(vec![("rest".into(), "a/b/c.txt".into())])
        );
        assert_eq!(
            params(&p, "/files/"),
            Some(vec![("rest".into(), String::new())])
        );
        assert_eq!(params(&p, "/other/a"), None);
    }

    #[test]
    fn regex_paths_must_match_whole_path_and_expose_named_groups() {
        let p = pattern("^/api/items/(?P<id>[0-9]+)");
        assert_eq!(
            params(&p, "/api/items/12"),
            Some(vec![("id".into(), "12".into())])
        );
        assert_eq!(params(&p, "/api/items/12/extra"), None);
        let anchored = pattern("^/v[0-9]/ping$");
        assert!(params(&anchored, "/v1/ping").is_some());
        assert!(params(&anchored, "/v1/pingx").is_none());
    }

    #[test]
    fn escaped_paths_are_stored_decoded_and_bad_escapes_refused() {
        assert_eq!(pattern("/sw/%C3%BC").source(), "/sw/ü");
        let t = pattern("/files/{name}/%2fraw");
        assert_eq!(t.source(), "/files/{name}/%2Fraw");
        assert!(params(&t, "/files/a%2Fb/%2Fraw").is_some());
        let e = PathPattern::parse("/bad/%zz").err();
        assert!(e.is_some_and(|e| e.field == "match_path" && e.detail.contains("%25")));
    }

    #[test]
    fn invalid_paths_are_refused() {
        assert!(PathPattern::parse("api/users").is_err());
        assert!(PathPattern::parse("/a/{*rest}/b").is_err());
        assert!(PathPattern::parse("/a/x{id}").is_err());
        assert!(PathPattern::parse("^/a/(").is_err());
    }

    #[test]
    fn single_segment_templates_are_more_specific_than_catch_alls() {
        assert!(
            pattern("/files/{id}").literal_weight() > pattern("/files/{*rest}").literal_weight()
        );
    }
}
