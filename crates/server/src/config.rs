use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Command line of `mimicus`; `serve` is the default subcommand, so
/// `mimicus --port 9000` and `mimicus serve --port 9000` are the same.
#[derive(Debug, Parser)]
#[command(name = "mimicus", version, about = "Team-shared HTTP mock server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the server (the default).
    Serve(Config),
    /// Import mocks from a file into the database (the server may be stopped).
    Import(ImportArgs),
    /// Write every mock as a re-importable `{"mocks": [...]}` document.
    Export(ExportArgs),
}

/// `mimicus import FILE`: an OpenAPI/Swagger spec, WireMock mappings, a
/// Mockoon environment, a HAR file or a Mimicus export (JSON or YAML).
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The file to import; `-` reads standard input.
    pub file: PathBuf,
    /// openapi, wiremock, mockoon, har or mimicus (default: recognised from the file).
    #[arg(long)]
    pub format: Option<String>,
    /// Show what would be imported; store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace mocks whose id already exists.
    #[arg(long)]
    pub upsert: bool,
    /// OpenAPI: schema-generated bodies become templates that vary per request.
    #[arg(long)]
    pub dynamic: bool,
    /// SQLite file to write to.
    #[arg(long, env = "MIMICUS_DATABASE_URL", default_value = "mimicus.db")]
    pub database_url: String,
}

/// `mimicus export [FILE]`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Where to write; standard output when omitted.
    pub file: Option<PathBuf>,
    /// SQLite file to read from.
    #[arg(long, env = "MIMICUS_DATABASE_URL", default_value = "mimicus.db")]
    pub database_url: String,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Action {
    Serve(Config),
    Import(ImportArgs),
    Export(ExportArgs),
}

impl Cli {
    pub fn into_action(self) -> Action {
        match self.command {
            Some(Command::Serve(config)) => Action::Serve(config),
            Some(Command::Import(args)) => Action::Import(args),
            Some(Command::Export(args)) => Action::Export(args),
            None => Action::Serve(self.serve),
        }
    }

    /// The server configuration (the top-level flags for other subcommands).
    pub fn into_config(self) -> Config {
        match self.command {
            Some(Command::Serve(config)) => config,
            _ => self.serve,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Server settings (SPEC §1). Each flag has an environment variable; the flag wins.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to bind.
    #[arg(long, env = "MIMICUS_HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to bind; 0 picks a free one.
    #[arg(long, env = "MIMICUS_PORT", default_value_t = 18000)]
    pub port: u16,
    /// SQLite file, or `:memory:`.
    #[arg(long, env = "MIMICUS_DATABASE_URL", default_value = "mimicus.db")]
    pub database_url: String,
    /// Bootstrap admin API key.
    #[arg(long, env = "MIMICUS_API_KEY", hide_env_values = true)]
    pub api_key: Option<Secret>,
    /// Header whose value scopes state to a session.
    #[arg(long, env = "MIMICUS_SESSION_HEADER", default_value = "X-Session-ID")]
    pub session_header: String,
    /// Inspector rows kept; older ones are pruned.
    #[arg(long, env = "MIMICUS_INSPECTOR_MAX_ENTRIES", default_value_t = 10_000)]
    pub inspector_max_entries: u64,
    /// Inspector queue size in entries; entries beyond it are dropped (and counted) rather than slowing responses.
    #[arg(
        long,
        env = "MIMICUS_INSPECTOR_QUEUE_CAPACITY",
        default_value_t = 100_000
    )]
    pub inspector_queue_capacity: usize,
    /// Memory the queued inspector entries may hold, in bytes; beyond it new entries are dropped (and counted).
    #[arg(
        long,
        env = "MIMICUS_INSPECTOR_QUEUE_BYTES",
        default_value_t = 64 * 1024 * 1024
    )]
    pub inspector_queue_bytes: usize,
    /// Log output format.
    #[arg(long, env = "MIMICUS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Largest accepted request body in bytes (admin API and mock surface).
    #[arg(long, env = "MIMICUS_BODY_LIMIT", default_value_t = 10 * 1024 * 1024)]
    pub body_limit: usize,
    /// Largest text one template render may produce, in bytes; a render that
    /// goes beyond it answers 500 template_error.
    #[arg(long, env = "MIMICUS_TEMPLATE_MAX_OUTPUT", default_value_t = domain::limits::DEFAULT_TEMPLATE_MAX_OUTPUT)]
    pub template_max_output: usize,
    /// Seconds a client may take to send the request body once its headers
    /// arrived; a slower one gets 408 and the connection is closed.
    #[arg(long, env = "MIMICUS_BODY_READ_TIMEOUT", default_value_t = 5)]
    pub body_read_timeout: u64,
    /// Upstream hosts proxy-mode mocks and recordings may forward to, comma
    /// separated (`api.example,10.0.0.5:8080`); any host when unset.
    #[arg(
        long,
        env = "MIMICUS_PROXY_ALLOWED_HOSTS",
        value_delimiter = ',',
        num_args = 1..
    )]
    pub proxy_allowed_hosts: Option<Vec<String>>,
    /// HTTP worker threads (default: one per CPU core).
    #[arg(long, env = "MIMICUS_WORKERS")]
    pub workers: Option<usize>,
}

/// A value that must never be printed: `Debug` shows `<redacted>`, so
/// logging a [`Config`] cannot leak the bootstrap API key.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_string())
    }
}

impl Config {
    /// Defaults for a throwaway server: loopback, a free port, the given database.
    pub fn for_tests(database_url: &str) -> Self {
        let mut config = Cli::parse_from(["mimicus"]).into_config();
        config.port = 0;
        config.database_url = database_url.to_string();
        config.workers = Some(2);
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_is_the_default_subcommand_and_flags_work_either_way() {
        let bare = Cli::parse_from(["mimicus", "--port", "9000"]).into_config();
        let explicit = Cli::parse_from(["mimicus", "serve", "--port", "9000"]).into_config();
        assert_eq!(bare.port, 9000);
        assert_eq!(explicit.port, 9000);
        assert_eq!(bare.session_header, "X-Session-ID");
        assert_eq!(bare.body_limit, 10 * 1024 * 1024);
    }

    #[test]
    fn debug_output_never_shows_the_bootstrap_api_key() {
        let config = Cli::parse_from(["mimicus", "--api-key", "s3cret-key"]).into_config();
        assert_eq!(
            config.api_key.as_ref().map(Secret::expose),
            Some("s3cret-key")
        );
        let printed = format!("{config:?}");
        assert!(!printed.contains("s3cret-key"), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
    }

    #[test]
    fn import_and_export_are_subcommands_with_their_own_flags() {
        let action = Cli::parse_from([
            "mimicus",
            "import",
            "spec.yaml",
            "--dry-run",
            "--format",
            "openapi",
            "--database-url",
            "x.db",
        ])
        .into_action();
        let Action::Import(args) = action else {
            panic!("expected import, got {action:?}");
        };
        assert_eq!(args.file, PathBuf::from("spec.yaml"));
        assert!(args.dry_run && !args.upsert);
        assert_eq!(
            (args.format.as_deref(), args.database_url.as_str()),
            (Some("openapi"), "x.db")
        );
        let action = Cli::parse_from(["mimicus", "export"]).into_action();
        assert!(
            matches!(action, Action::Export(ExportArgs { file: None, .. })),
            "{action:?}"
        );
        assert!(
            Cli::try_parse_from(["mimicus", "import"]).is_err(),
            "FILE is required"
        );
    }

    #[test]
    fn proxy_allowed_hosts_is_a_comma_list() {
        let config =
            Cli::parse_from(["mimicus", "--proxy-allowed-hosts", "a.example,b.example:81"])
                .into_config();
        assert_eq!(
            config.proxy_allowed_hosts,
            Some(vec!["a.example".to_string(), "b.example:81".to_string()])
        );
        assert_eq!(
            Cli::parse_from(["mimicus"])
                .into_config()
                .proxy_allowed_hosts,
            None
        );
    }

    #[test]
    fn log_format_accepts_text_and_json_only() {
        assert!(Cli::try_parse_from(["mimicus", "--log-format", "json"]).is_ok());
        assert!(Cli::try_parse_from(["mimicus", "--log-format", "xml"]).is_err());
    }
}
