use std::fmt;

use crate::FieldError;

/// Where a recording (or a proxy) forwards to: an absolute `http://` or
/// `https://` URL with a host, without credentials (they would be stored and
/// shown), a query or a fragment. A path is a base the request path is appended to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamUrl {
    raw: String,
    /// `scheme://host:port` as the URL library normalized it.
    origin: String,
    host: String,
    port: u16,
    base_path: String,
}

impl UpstreamUrl {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = |why: &str| {
            FieldError::new(
                "upstream_url",
                format!("must be an absolute http:// or https:// URL{why}, got \"{raw}\""),
            )
        };
        let url = url::Url::parse(raw).map_err(|e| invalid(&format!(" ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") || raw.chars().any(char::is_whitespace) {
            return Err(invalid(""));
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| invalid(" with a host"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid(
                " without user:password (send credentials as headers; they are redacted)",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(" without a query or fragment"));
        }
        Ok(Self {
            raw: raw.to_string(),
            origin: url[..url::Position::BeforePath].to_string(),
            host: host.to_string(),
            port: url.port_or_known_default().unwrap_or(80),
            base_path: url.path().trim_end_matches('/').to_string(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Host name or address as written (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, the scheme's default when none is written.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `host:port`, as errors name the upstream.
    pub fn authority(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The URL a request for `path` (raw, as received) and `raw_query`
    /// (without `?`, empty for none) is forwarded to: the base path, then the
    /// request path, then the query.
    pub fn join(&self, path: &str, raw_query: &str) -> String {
        let mut url = format!("{}{}{}", self.origin, self.base_path, path);
        if !raw_query.is_empty() {
            url.push('?');
            url.push_str(raw_query);
        }
        url
    }
}

impl fmt::Display for UpstreamUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> UpstreamUrl {
        UpstreamUrl::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn absolute_http_urls_are_accepted_with_host_and_port() {
        let u = url("http://127.0.0.1:8080");
        assert_eq!((u.host(), u.port()), ("127.0.0.1", 8080));
        assert_eq!(url("https://api.example").port(), 443);
        assert_eq!(url("http://api.example/").port(), 80);
        assert_eq!(url("http://[::1]:9000").host(), "[::1]");
        assert_eq!(url("http://api.example:81").authority(), "api.example:81");
    }

    #[test]
    fn anything_else_is_refused_naming_upstream_url() {
        for bad in [
            "",
            "api.example",
            "/relative",
            "ftp://api.example",
            "http://",
            "http://user:pw@api.example",
            "http://api.example/?q=1",
            "http://api.example/#top",
            "http://api .example",
        ] {
            let err = UpstreamUrl::parse(bad).err();
            assert!(
                err.as_ref().is_some_and(|e| e.field == "upstream_url"),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn request_paths_are_appended_to_the_base_path() {
        assert_eq!(
            url("http://127.0.0.1:8080").join("/api/users", "page=2"),
            "http://127.0.0.1:8080/api/users?page=2"
        );
        assert_eq!(
            url("http://h:1/base/").join("/api", ""),
            "http://h:1/base/api"
        );
        assert_eq!(
            url("https://h/v1").join("/x%20y", "a=%26"),
            "https://h/v1/x%20y?a=%26"
        );
    }
}
