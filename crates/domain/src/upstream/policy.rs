use super::{UpstreamError, UpstreamUrl};
use crate::FieldError;

/// Which upstreams this server may forward to (SPEC §8): never its own
/// listen address (a request would come back to be forwarded again,
/// forever), and only the `--proxy-allowed-hosts` when that list is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyPolicy {
    /// Lower-cased host names or addresses (`host` or `host:port`); `None`: any.
    allowed_hosts: Option<Vec<String>>,
    /// The listen address, once bound.
    own: Option<(String, u16)>,
}

/// Host without IPv6 brackets, lower-cased, for comparison.
fn bare(host: &str) -> String {
    host.trim_matches(|c| c == '[' || c == ']')
        .to_ascii_lowercase()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

impl ProxyPolicy {
    /// `allowed_hosts`: entries of `--proxy-allowed-hosts` (blank ones ignored).
    pub fn new(allowed_hosts: Option<Vec<String>>) -> Self {
        let allowed_hosts = allowed_hosts.map(|hosts| {
            hosts
                .iter()
                .map(|h| bare(h.trim()))
                .filter(|h| !h.is_empty())
                .collect()
        });
        Self {
            allowed_hosts,
            own: None,
        }
    }

    /// Names the address this server listens on (`0.0.0.0` for every address).
    pub fn listening_on(mut self, host: &str, port: u16) -> Self {
        self.own = Some((bare(host), port));
        self
    }

    pub fn allowed_hosts(&self) -> Option<&[String]> {
        self.allowed_hosts.as_deref()
    }

    fn allows(&self, url: &UpstreamUrl) -> bool {
        let Some(list) = &self.allowed_hosts else {
            return true;
        };
        let host = bare(url.host());
        let with_port = format!("{host}:{}", url.port());
        list.iter().any(|h| *h == host || *h == with_port)
    }

    fn is_self(&self, url: &UpstreamUrl) -> bool {
        let Some((own_host, own_port)) = &self.own else {
            return false;
        };
        let host = bare(url.host());
        // A server on a loopback or every address (0.0.0.0) is reached
        // through any loopback name.
        url.port() == *own_port
            && (host == *own_host || (is_loopback(own_host) && is_loopback(&host)))
    }

    /// Whether a request may be forwarded to `url` now.
    pub fn check(&self, url: &UpstreamUrl) -> Result<(), UpstreamError> {
        if !self.allows(url) {
            return Err(UpstreamError::NotAllowed {
                host: url.host().to_string(),
            });
        }
        if self.is_self(url) {
            return Err(UpstreamError::Loop {
                address: url.authority(),
            });
        }
        Ok(())
    }

    /// The same rules for an `upstream_url` being saved, as a field error.
    pub fn check_field(&self, url: &UpstreamUrl) -> Result<(), FieldError> {
        self.check(url)
            .map_err(|e| FieldError::new("upstream_url", e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> UpstreamUrl {
        UpstreamUrl::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn without_a_list_every_host_but_this_server_is_allowed() {
        let policy = ProxyPolicy::new(None).listening_on("127.0.0.1", 18000);
        assert!(policy.check(&url("https://api.example")).is_ok());
        assert!(policy.check(&url("http://127.0.0.1:18001")).is_ok());
        for own in [
            "http://127.0.0.1:18000",
            "http://localhost:18000/api",
            "http://[::1]:18000",
            "http://0.0.0.0:18000",
        ] {
            assert!(
                matches!(policy.check(&url(own)), Err(UpstreamError::Loop { .. })),
                "{own}"
            );
        }
    }

    #[test]
    fn a_server_on_every_address_refuses_its_own_name_too() {
        let policy = ProxyPolicy::new(None).listening_on("0.0.0.0", 80);
        assert!(policy.check(&url("http://127.0.0.1")).is_err());
        assert!(policy.check(&url("http://localhost:80")).is_err());
        assert!(policy.check(&url("http://api.example")).is_ok());
    }

    #[test]
    fn with_a_list_only_its_hosts_are_allowed() {
        let policy = ProxyPolicy::new(Some(vec![
            " API.example ".into(),
            "10.0.0.5:8080".into(),
            "".into(),
        ]));
        assert!(policy.check(&url("https://api.example/v1")).is_ok());
        assert!(policy.check(&url("http://10.0.0.5:8080")).is_ok());
        assert!(matches!(
            policy.check(&url("http://10.0.0.5:9090")),
            Err(UpstreamError::NotAllowed { .. })
        ));
        let err = policy
            .check_field(&url("https://evil.example"))
            .unwrap_err();
        assert_eq!(err.field, "upstream_url");
        assert!(err.detail.contains("evil.example"), "{}", err.detail);
    }
}
