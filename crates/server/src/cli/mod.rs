//! Subcommands that work on the database directly, with the server stopped:
//! `mimicus import FILE` and `mimicus export [FILE]`.

mod export;
mod import;
mod progress;
mod summary;

use std::sync::Arc;

use application::{AppError, MockService};
use domain::MockCatalog;
use infrastructure::{build_pool, SqliteMockRepository};

pub use export::run as export;
pub use import::run as import;

/// Opens the database (running migrations) and loads its mocks, as the
/// server does at startup, so imports go through the same use cases.
async fn open(database_url: &str) -> Result<MockService, String> {
    let url = database_url.to_string();
    let pool = tokio::task::spawn_blocking(move || build_pool(&url))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("could not open the database {database_url}: {e}"))?;
    let repo = Arc::new(SqliteMockRepository::new(pool));
    let catalog = MockCatalog::load(repo.as_ref())
        .await
        .map_err(|e| format!("could not load mocks from {database_url}: {e}"))?;
    Ok(MockService::new(repo, Arc::new(catalog)))
}

/// An application error as one line for a terminal.
fn describe(e: &AppError) -> String {
    match e {
        AppError::Malformed(detail) => detail.clone(),
        AppError::Invalid(f) if f.field.is_empty() => f.detail.clone(),
        AppError::Invalid(f) => format!("{}: {}", f.field, f.detail),
        other => other.to_string(),
    }
}
