use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use application::faults::FaultState;
use application::serve::{Ports, Surface, SurfaceSettings, SystemClock};
use application::{
    ApiKeyService, AppError, Inspector, MockService, MockStatsService, QueueLimits,
    RecordingService, ServerFacts, StateService,
};
use domain::faults::{RateLimiter, VariantPositionRepository};
use domain::upstream::ProxyPolicy;
use domain::{MockCatalog, RepositoryError};
use infrastructure::{
    build_pool, BackgroundRuntime, InfraError, SqliteApiKeyRepository, SqliteMockRepository,
    SqliteMockStatsRepository, SqliteRecordingRepository, SqliteRequestLogRepository,
    SqliteStateRepository, SqliteVariantPositionRepository, WriteGate,
};
use presentation::metrics::Metrics;
use presentation::surface::WorkerReturn;
use presentation::AppState;
use thiserror::Error;

use crate::{Config, Secret};

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("could not open the database: {0}")]
    Database(#[from] InfraError),
    #[error("could not load mocks: {0}")]
    Load(#[from] RepositoryError),
    #[error("could not bind {address}: {source}")]
    Bind {
        address: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not set up API keys: {0}")]
    Keys(#[from] AppError),
    #[error("could not load the latest recording: {0}")]
    Recording(#[source] AppError),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    #[error("startup task failed: {0}")]
    Task(String),
}

/// A built, bound server that has not started serving yet.
pub struct Application {
    port: u16,
    server: Server,
    inspector: Arc<Inspector>,
    stats: Arc<MockStatsService>,
    stats_flusher: tokio::task::JoinHandle<()>,
    /// Runs the inspector's queue; ends when the application is dropped.
    _background: BackgroundRuntime,
}

impl Application {
    /// Opens the database (running migrations), loads mocks into memory,
    /// binds the listener and wires the HTTP server.
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        let url = config.database_url.clone();
        let pool = tokio::task::spawn_blocking(move || build_pool(&url))
            .await
            .map_err(|e| StartupError::Task(e.to_string()))??;
        let gate = WriteGate::new();
        let state_repo = SqliteStateRepository::new(pool.clone(), gate.clone())
            .map_err(|e| StartupError::Task(e.to_string()))?;
        let state_store = Arc::new(StateService::new(Arc::new(state_repo)));
        let log_repo = SqliteRequestLogRepository::new(pool.clone(), gate.clone())
            .map_err(|e| StartupError::Task(e.to_string()))?;
        let background = BackgroundRuntime::start("inspector-queue")
            .map_err(|e| StartupError::Task(e.to_string()))?;
        let inspector = Arc::new(Inspector::start(
            background.handle(),
            Arc::new(log_repo),
            config.inspector_max_entries,
            QueueLimits {
                entries: config.inspector_queue_capacity,
                bytes: config.inspector_queue_bytes,
            },
        ));
        let metrics = Arc::new(Metrics::new().map_err(|e| StartupError::Task(e.to_string()))?);
        let api_keys = Arc::new(secure_admin(&config, &pool).await?);
        let address = format!("{}:{}", config.host, config.port);
        let listener =
            TcpListener::bind(&address).map_err(|source| StartupError::Bind { address, source })?;
        let port = listener.local_addr()?.port();
        let proxy =
            ProxyPolicy::new(config.proxy_allowed_hosts.clone()).listening_on(&config.host, port);
        let repo = Arc::new(SqliteMockRepository::new(pool.clone()));
        let catalog = Arc::new(MockCatalog::load(repo.as_ref()).await?);
        let limiter = Arc::new(RateLimiter::new());
        let positions: Arc<dyn VariantPositionRepository> = Arc::new(
            SqliteVariantPositionRepository::new(pool.clone(), gate.clone()),
        );
        let fault_state = Arc::new(FaultState {
            limiter: Arc::clone(&limiter),
            positions: Arc::clone(&positions),
        });
        let stats = Arc::new(MockStatsService::new(Arc::new(
            SqliteMockStatsRepository::new(pool.clone(), gate.clone()),
        )));
        let stats_flusher = stats.spawn_flusher();
        let mocks = Arc::new(
            MockService::new(repo, catalog)
                .with_proxy_policy(proxy.clone())
                .with_reset(fault_state)
                .with_stats(Arc::clone(&stats)),
        );
        let recording_repo = Arc::new(SqliteRecordingRepository::new(pool.clone(), gate.clone()));
        let recording = Arc::new(
            RecordingService::load(recording_repo, Arc::clone(&mocks))
                .await
                .map_err(StartupError::Recording)?
                .with_proxy_policy(proxy.clone()),
        );
        let server_facts = Arc::new(ServerFacts::new(
            &config.database_url,
            listener.local_addr()?.to_string(),
        ));
        let upstream = Arc::new(
            infrastructure::ReqwestUpstream::new()
                .map_err(|e| StartupError::Task(e.to_string()))?,
        );
        let surface = Arc::new(Surface::new(
            Ports {
                mocks: Arc::clone(mocks.catalog()) as _,
                limiter,
                positions,
                state: state_store.repo(),
                upstream,
                recording: Arc::clone(&recording) as _,
                clock: Arc::new(SystemClock),
                return_path: Arc::new(WorkerReturn),
            },
            SurfaceSettings {
                keep_template_context: inspector.enabled(),
                template_max_output: config.template_max_output,
                proxy,
                inspected_body_limit: if inspector.enabled() {
                    domain::inspector::BODY_LIMIT
                } else {
                    0
                },
                capture_body_limit: domain::limits::CAPTURE_BODY_MAX_BYTES,
            },
        ));
        let state = web::Data::new(AppState {
            surface,
            mocks,
            stats: Arc::clone(&stats),
            state: state_store,
            inspector: Arc::clone(&inspector),
            metrics,
            server: server_facts,
            api_keys,
            recording,
            body_limit: config.body_limit,
            body_read_timeout: std::time::Duration::from_secs(config.body_read_timeout.max(1)),
            template_max_output: config.template_max_output,
            session_header: config.session_header.clone(),
        });

        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .configure(presentation::configure)
        })
        .shutdown_timeout(30);
        if let Some(workers) = config.workers {
            server = server.workers(workers.max(1));
        }
        let server = server.listen(listener)?.run();
        tracing::info!(host = %config.host, port, database = %config.database_url, "mimicus started");
        Ok(Self {
            port,
            server,
            inspector,
            stats,
            stats_flusher,
            _background: background,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT/SIGTERM (or the server handle stops it), letting
    /// in-flight requests finish, then writes every queued inspector entry.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        let served = self.server.await;
        self.inspector.flush_and_stop().await;
        self.stats_flusher.abort();
        if let Err(e) = self.stats.flush().await {
            tracing::error!(error = %e, "could not store the last mock hit counts");
        }
        served?;
        tracing::info!("mimicus stopped");
        Ok(())
    }
}

/// Whether `host` only accepts connections from this machine.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(|c| c == '[' || c == ']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Loads API keys. Bound beyond loopback with no key at all, creates one and
/// prints it once to stderr (never through the logger), so the admin API is
/// never open to the network.
async fn secure_admin(
    config: &Config,
    pool: &infrastructure::DbPool,
) -> Result<ApiKeyService, StartupError> {
    let loopback = is_loopback(&config.host);
    let repo = Arc::new(SqliteApiKeyRepository::new(pool.clone()));
    let keys =
        ApiKeyService::load(repo, config.api_key.as_ref().map(Secret::expose), loopback).await?;
    if !loopback && !keys.has_keys() {
        let (_, key) = keys.create("generated at first start").await?;
        eprintln!(
            "mimicus: the admin API is reachable from the network and had no API key, so one was created.\n\
             mimicus: admin API key (shown only now): {key}\n\
             mimicus: send it as X-API-Key or Authorization: Bearer; manage keys at /api/admin/api-keys"
        );
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn only_loopback_hosts_count_as_loopback() {
        for host in [
            "127.0.0.1",
            "127.0.0.2",
            "::1",
            "[::1]",
            "localhost",
            "LOCALHOST",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "0.0.0.0",
            "::",
            "[::]",
            "192.168.1.10",
            "10.0.0.1",
            "example.com",
            "",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
