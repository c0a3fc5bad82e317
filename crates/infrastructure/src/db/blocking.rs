use diesel::SqliteConnection;

use super::{DbPool, InfraError};

/// Runs Diesel work on tokio's blocking pool: both checking a connection out
/// and the queries, so async workers never wait on SQLite.
pub async fn run_blocking<T, F>(pool: &DbPool, work: F) -> Result<T, InfraError>
where
    T: Send + 'static,
    F: FnOnce(&mut SqliteConnection) -> Result<T, InfraError> + Send + 'static,
{
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await
    .map_err(|e| InfraError::Join(e.to_string()))?
}
