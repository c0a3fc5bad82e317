use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use application::{Inspector, MockService, StateService};
use domain::{MockCatalog, RepositoryError};
use infrastructure::{
    build_pool, InfraError, SqliteMockRepository, SqliteRequestLogRepository, SqliteStateRepository,
};
use presentation::metrics::Metrics;
use presentation::AppState;
use thiserror::Error;

use crate::Config;

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
}

impl Application {
    /// Opens the database (running migrations), loads mocks into memory,
    /// binds the listener and wires the HTTP server.
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        let url = config.database_url.clone();
        let pool = tokio::task::spawn_blocking(move || build_pool(&url))
            .await
            .map_err(|e| StartupError::Task(e.to_string()))??;
        let state_store = Arc::new(StateService::new(Arc::new(SqliteStateRepository::new(
            pool.clone(),
        ))));
        let inspector = Arc::new(Inspector::start(
            Arc::new(SqliteRequestLogRepository::new(pool.clone())),
            config.inspector_max_entries,
            config.inspector_queue_capacity,
        ));
        let metrics = Arc::new(Metrics::new().map_err(|e| StartupError::Task(e.to_string()))?);
        let repo = Arc::new(SqliteMockRepository::new(pool));
        let catalog = Arc::new(MockCatalog::load(repo.as_ref()).await?);
        let mocks = Arc::new(MockService::new(repo, catalog));
        let state = web::Data::new(AppState {
            mocks,
            state: state_store,
            inspector: Arc::clone(&inspector),
            metrics,
            body_limit: config.body_limit,
            session_header: config.session_header.clone(),
        });

        let address = format!("{}:{}", config.host, config.port);
        let listener =
            TcpListener::bind(&address).map_err(|source| StartupError::Bind { address, source })?;
        let port = listener.local_addr()?.port();
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
        served?;
        tracing::info!("mimicus stopped");
        Ok(())
    }
}
