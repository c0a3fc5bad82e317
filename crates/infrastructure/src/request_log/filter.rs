//! The inspector list's filters (SPEC §10), applied to stored rows.

use domain::inspector::RequestLogFilter;

use super::chunk::StoredRow;

/// Whether a stored row passes every filter that is set. `method` is the
/// filter's method in upper case (stored methods are upper case).
pub fn matches(filter: &RequestLogFilter, method: Option<&str>, row: &StoredRow<'_>) -> bool {
    let eq = |wanted: &Option<String>, stored: &Option<std::borrow::Cow<'_, str>>| {
        wanted
            .as_deref()
            .is_none_or(|w| stored.as_deref() == Some(w))
    };
    eq(&filter.session_id, &row.session_id)
        && eq(&filter.mock_id, &row.mock_id)
        && method.is_none_or(|m| row.method == m)
        && filter.status.is_none_or(|s| row.status == s)
        && filter.outcome.is_none_or(|o| row.outcome == o.as_str())
        && filter
            .path
            .as_deref()
            .is_none_or(|p| contains_ignoring_ascii_case(&row.path, p))
}

/// Substring test that ignores ASCII case, as the path filter always has
/// (it was a SQL `LIKE` before entries were stored in chunks).
fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::contains_ignoring_ascii_case;

    #[test]
    fn path_filter_is_a_substring_test_ignoring_ascii_case() {
        assert!(contains_ignoring_ascii_case("/api/Users/7", "users/"));
        assert!(contains_ignoring_ascii_case("/a", ""));
        assert!(!contains_ignoring_ascii_case("/api/orders", "users"));
        assert!(!contains_ignoring_ascii_case("/a", "/ab"));
        assert!(!contains_ignoring_ascii_case("/café/x", "É/X"));
        assert!(contains_ignoring_ascii_case("/café/x", "é/X"));
    }
}
