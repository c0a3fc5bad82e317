//! Picking a pre-compressed variant from `Accept-Encoding` (RFC 9110 §12.5.3).

/// Encodings we have pre-compressed files for, best first, with their suffix.
pub const PRECOMPRESSED: [(&str, &str); 2] = [("br", ".br"), ("gzip", ".gz")];

/// Whether `accept` (an `Accept-Encoding` value) allows `coding`: listed
/// with q > 0, or covered by `*` with q > 0 when not listed at all.
pub fn accepts(accept: &str, coding: &str) -> bool {
    let mut wildcard = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return q > 0.0;
        }
        if name == "*" {
            wildcard = Some(q > 0.0);
        }
    }
    wildcard.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn listed_codings_are_accepted_unless_their_q_is_zero() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=0.5, br;q=1.0", "gzip"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip; q=0.000", "gzip"));
    }

    #[test]
    fn a_wildcard_covers_unlisted_codings_only() {
        assert!(accepts("*", "br"));
        assert!(!accepts("*;q=0", "gzip"));
        assert!(!accepts("br;q=0, *", "br"));
    }

    #[test]
    fn nothing_is_accepted_from_an_empty_or_identity_header() {
        assert!(!accepts("", "gzip"));
        assert!(!accepts("identity", "gzip"));
        assert!(!accepts("BR", "gzip"));
        assert!(accepts("BR", "br"));
    }
}
