//! `GET /api/admin/server-info`: what a Settings page shows about the
//! running server — never a secret (no password from a database URL, no key).

use std::sync::atomic::Ordering;
use std::time::Instant;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::{ApiKeyService, Inspector, MockService};

/// Which storage backend a database URL selects, and where it is, with
/// credentials and connection options left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseInfo {
    /// `sqlite` or `postgres`.
    pub kind: &'static str,
    /// The SQLite file (or `:memory:`), or `postgres://user@host:port/db`.
    pub location: String,
}

impl DatabaseInfo {
    /// Describes `url` as `--database-url` takes it.
    pub fn from_url(url: &str) -> Self {
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Self {
                kind: "postgres",
                location: postgres_location(url),
            };
        }
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        // A `file:` URI may carry options after `?`; the path is what matters.
        let path = path.split('?').next().unwrap_or(path);
        Self {
            kind: "sqlite",
            location: path.to_string(),
        }
    }
}

/// `scheme://[user@]host[:port][/db]`: the password and every query
/// parameter (which may hold `password=` or `sslkey=`) dropped.
fn postgres_location(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            if user.is_empty() {
                host.to_string()
            } else {
                format!("{user}@{host}")
            }
        }
        None => authority.to_string(),
    };
    format!("{}://{authority}{path}", scheme.to_ascii_lowercase())
}

/// What is fixed once the server is bound.
#[derive(Debug, Clone)]
pub struct ServerFacts {
    pub version: &'static str,
    pub database: DatabaseInfo,
    /// The address actually bound (the real port when 0 was asked for).
    pub listen_address: String,
    pub started_at: DateTime<Utc>,
    started: Instant,
}

impl ServerFacts {
    pub fn new(database_url: &str, listen_address: String) -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION"),
            database: DatabaseInfo::from_url(database_url),
            listen_address,
            started_at: Utc::now(),
            started: Instant::now(),
        }
    }

    /// The facts with the moving numbers of this moment.
    pub fn report(
        &self,
        mocks: &MockService,
        inspector: &Inspector,
        api_keys: &ApiKeyService,
    ) -> ServerInfo {
        let stats = inspector.stats();
        ServerInfo {
            version: self.version,
            database: self.database.clone(),
            listen_address: self.listen_address.clone(),
            started_at: self.started_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            uptime_seconds: self.started.elapsed().as_secs(),
            mocks: mocks.catalog().len(),
            inspector_enabled: inspector.enabled(),
            inspector_queue_depth: inspector.queue_depth(),
            inspector_written: stats.written.load(Ordering::Relaxed),
            inspector_dropped: stats.dropped.load(Ordering::Relaxed),
            api_key_required: api_keys.auth_required(),
        }
    }
}

/// One answer of the server-info endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    pub version: &'static str,
    pub database: DatabaseInfo,
    pub listen_address: String,
    pub started_at: String,
    pub uptime_seconds: u64,
    pub mocks: usize,
    pub inspector_enabled: bool,
    pub inspector_queue_depth: usize,
    pub inspector_written: u64,
    pub inspector_dropped: u64,
    /// Whether admin calls without a valid key are refused right now.
    pub api_key_required: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_show_the_file() {
        assert_eq!(
            DatabaseInfo::from_url("mimicus.db"),
            DatabaseInfo {
                kind: "sqlite",
                location: "mimicus.db".into()
            }
        );
        assert_eq!(DatabaseInfo::from_url(":memory:").location, ":memory:");
        assert_eq!(
            DatabaseInfo::from_url("sqlite:///var/lib/m.db?mode=rwc").location,
            "/var/lib/m.db"
        );
    }

    #[test]
    fn postgres_urls_never_show_a_password_or_options() {
        for (url, shown) in [
            (
                "postgres://app:s3cret@db.internal:5432/mimicus?sslmode=require&password=x",
                "postgres://app@db.internal:5432/mimicus",
            ),
            (
                "postgresql://postgres@127.0.0.1/test",
                "postgresql://postgres@127.0.0.1/test",
            ),
            ("POSTGRES://:pw@host/db", "postgres://host/db"),
            ("postgres://host", "postgres://host"),
            ("postgres://u:p@a@host/db", "postgres://u@host/db"),
        ] {
            let info = DatabaseInfo::from_url(url);
            assert_eq!(info.kind, "postgres", "{url}");
            assert_eq!(info.location, shown, "{url}");
            assert!(!info.location.contains("s3cret") && !info.location.contains(":pw"));
        }
    }
}
