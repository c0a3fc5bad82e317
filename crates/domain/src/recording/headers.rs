//! Which headers a proxy must not pass on, and which a recording must not keep.

/// Connection-scoped headers (RFC 9110 §7.6.1): they describe one hop, so a
/// proxy drops them instead of forwarding them.
pub const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Headers that carry credentials. Their values are replaced by
/// [`REDACTED`] before a capture is stored (SPEC §8), and they never become
/// part of a created mock. `Proxy-Authorization` and `X-API-Key` (the header
/// Mimicus's own admin keys travel in) are credentials as much as the three
/// SPEC names.
pub const CREDENTIAL_HEADERS: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
];

/// What a redacted header's value reads as in a stored capture.
pub const REDACTED: &str = "[REDACTED]";

/// Whether `name` is hop-by-hop on its own (not counting the names a
/// `Connection` header lists; see [`HopByHop`]).
pub fn is_hop_by_hop(name: &str) -> bool {
    HOP_BY_HOP.iter().any(|h| h.eq_ignore_ascii_case(name))
}

pub fn is_credential(name: &str) -> bool {
    CREDENTIAL_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// The hop-by-hop headers of one message: the fixed list plus every name
/// its `Connection` headers list (`Connection: close, X-Trace` makes
/// `X-Trace` hop-by-hop for that message).
pub struct HopByHop {
    listed: Vec<String>,
}

impl HopByHop {
    pub fn of<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> Self {
        let listed = headers
            .iter()
            .filter(|(name, _)| name.as_ref().eq_ignore_ascii_case("connection"))
            .flat_map(|(_, value)| value.as_ref().split(','))
            .map(|token| token.trim().to_ascii_lowercase())
            .filter(|token| !token.is_empty())
            .collect();
        Self { listed }
    }

    pub fn contains(&self, name: &str) -> bool {
        is_hop_by_hop(name) || self.listed.iter().any(|l| l.eq_ignore_ascii_case(name))
    }
}

/// Replaces the value of every credential header with [`REDACTED`]; the
/// header itself stays, so a capture still shows that one was sent.
pub fn redact(headers: &mut [(String, String)]) {
    for (name, value) in headers.iter_mut() {
        if is_credential(name) {
            *value = REDACTED.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::pairs;

    #[test]
    fn the_fixed_hop_by_hop_list_is_case_insensitive() {
        for name in [
            "Connection",
            "KEEP-ALIVE",
            "te",
            "Transfer-Encoding",
            "Upgrade",
        ] {
            assert!(is_hop_by_hop(name), "{name}");
        }
        for name in ["Content-Type", "Content-Length", "Host", "X-Trace"] {
            assert!(!is_hop_by_hop(name), "{name}");
        }
    }

    #[test]
    fn names_listed_in_connection_are_hop_by_hop_for_that_message() {
        let headers = pairs(&[
            ("Connection", "close, X-Trace"),
            ("connection", " x-debug "),
        ]);
        let hop = HopByHop::of(&headers);
        assert!(hop.contains("x-trace"));
        assert!(hop.contains("X-Debug"));
        assert!(hop.contains("keep-alive"));
        assert!(!hop.contains("x-other"));
        assert!(!HopByHop::of(&pairs(&[])).contains("x-trace"));
    }

    #[test]
    fn redaction_replaces_credential_values_and_keeps_the_rest() {
        let mut headers = pairs(&[
            ("Authorization", "Bearer secret"),
            ("cookie", "sid=1"),
            ("Set-Cookie", "sid=2; HttpOnly"),
            ("X-API-Key", "mk_live"),
            ("Accept", "application/json"),
        ]);
        redact(&mut headers);
        let values: Vec<&str> = headers.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(
            values,
            [REDACTED, REDACTED, REDACTED, REDACTED, "application/json"]
        );
    }
}
