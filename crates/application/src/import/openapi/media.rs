//! Which media type a response answers with, and what counts as JSON.

/// Whether bodies of this media type are JSON (`application/json`,
/// `application/problem+json`, and wildcards that include them).
pub fn is_json(media_type: &str) -> bool {
    let m = essence(media_type);
    m == "application/json" || m.ends_with("+json") || m == "*/*" || m == "application/*"
}

/// Whether bodies of this media type are text a string schema describes.
pub fn is_text(media_type: &str) -> bool {
    let m = essence(media_type);
    m.starts_with("text/") || m.ends_with("+xml") || m == "application/xml"
}

/// The media type without parameters, lower-case.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The first JSON media type listed, else the first one.
pub fn pick<'m>(types: impl Iterator<Item = &'m str> + Clone) -> Option<&'m str> {
    types
        .clone()
        .find(|t| is_json(t))
        .or_else(|| types.clone().next())
}

/// A Content-Type a response can carry: wildcards become a concrete type.
pub fn concrete(media_type: &str) -> String {
    match essence(media_type).as_str() {
        "*/*" | "application/*" => "application/json".to_string(),
        "text/*" => "text/plain".to_string(),
        m if m.ends_with("/*") => "application/octet-stream".to_string(),
        _ => media_type.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types_are_preferred_and_wildcards_made_concrete() {
        let types = [
            "application/xml",
            "application/vnd.api+json",
            "application/json",
        ];
        assert_eq!(
            pick(types.iter().copied()),
            Some("application/vnd.api+json")
        );
        assert_eq!(pick(["text/plain"].iter().copied()), Some("text/plain"));
        assert_eq!(concrete("*/*"), "application/json");
        assert_eq!(concrete("image/*"), "application/octet-stream");
        assert_eq!(
            concrete("application/json; charset=utf-8"),
            "application/json; charset=utf-8"
        );
        assert!(is_text("text/csv") && !is_json("text/csv"));
    }
}
