//! Readable, unique ids and names for mocks made from recorded exchanges.

use std::collections::HashSet;

use crate::MockId;

/// Room left for a `-N` suffix within the 128 characters a mock id may have.
const MAX_BASE_LEN: usize = 110;

/// `rec-get-api-users-page-2` for `GET /api/users?page=2` with prefix `rec`:
/// lower-case ASCII letters and digits, every other run of characters one `-`.
pub fn base_id(prefix: &str, method: &str, path: &str, query: &[(String, String)]) -> String {
    let mut words = vec![prefix.to_string(), method.to_string()];
    let path_slug = slug(path);
    words.push(if path_slug.is_empty() {
        "root".to_string()
    } else {
        path_slug
    });
    for (name, value) in query {
        words.push(slug(&format!("{name}-{value}")));
    }
    let mut id = slug(&words.join("-"));
    if id.len() > MAX_BASE_LEN {
        id.truncate(MAX_BASE_LEN);
        id = id.trim_end_matches('-').to_string();
    }
    id
}

fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `base`, or `base-2`, `base-3`, … : the first id neither `taken` (e.g.
/// by a stored mock) nor already handed out in this batch (`used`).
pub fn unique_id(base: &str, taken: &dyn Fn(&str) -> bool, used: &mut HashSet<String>) -> MockId {
    let free = |id: &str, used: &HashSet<String>| !used.contains(id) && !taken(id);
    let mut candidate = base.to_string();
    let mut n = 2u32;
    while !free(&candidate, used) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    // Slugs are `[a-z0-9-]`, at most 110 characters plus the suffix.
    MockId::parse(&candidate).unwrap_or_else(|_| MockId::generate())
}

/// `GET /api/users?page=2`: what the request was, as a person reads it.
pub fn mock_name(method: &str, path: &str, query: &[(String, String)]) -> String {
    if query.is_empty() {
        return format!("{method} {path}");
    }
    let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{method} {path}?{}", pairs.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::pairs as q;

    #[test]
    fn ids_read_like_the_request() {
        assert_eq!(
            base_id("rec", "GET", "/api/users", &[]),
            "rec-get-api-users"
        );
        assert_eq!(
            base_id("rec", "POST", "/api/Users/42/", &q(&[("page", "2")])),
            "rec-post-api-users-42-page-2"
        );
        assert_eq!(base_id("rec", "GET", "/", &[]), "rec-get-root");
        assert_eq!(base_id("har", "GET", "/ä/%20x", &[]), "har-get-20x");
    }

    #[test]
    fn long_ids_are_cut_and_stay_valid() {
        let path = format!("/{}", "segment/".repeat(40));
        let id = base_id("rec", "GET", &path, &[]);
        assert!(id.len() <= MAX_BASE_LEN && !id.ends_with('-'), "{id}");
        let mut used = HashSet::new();
        assert!(MockId::parse(unique_id(&id, &|_| false, &mut used).as_str()).is_ok());
    }

    #[test]
    fn clashes_get_the_next_free_number() {
        let mut used = HashSet::new();
        let stored = |id: &str| id == "rec-get-a";
        assert_eq!(
            unique_id("rec-get-a", &stored, &mut used).as_str(),
            "rec-get-a-2"
        );
        assert_eq!(
            unique_id("rec-get-a", &stored, &mut used).as_str(),
            "rec-get-a-3"
        );
        assert_eq!(
            unique_id("rec-get-b", &stored, &mut used).as_str(),
            "rec-get-b"
        );
    }

    #[test]
    fn names_show_method_path_and_query() {
        assert_eq!(mock_name("GET", "/a", &[]), "GET /a");
        assert_eq!(
            mock_name("GET", "/a", &q(&[("x", "1"), ("y", "")])),
            "GET /a?x=1&y="
        );
    }
}
