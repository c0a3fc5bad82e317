use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::InfraError;

pub type DbPool = Pool<ConnectionManager<SqliteConnection>>;

pub(crate) const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// Per-connection settings: WAL so readers never block the writer, a busy
/// timeout so concurrent writers wait instead of failing, and
/// `synchronous=NORMAL`, which in WAL mode is still crash-safe.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(
            "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
             PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Opens the pool and runs pending migrations. `:memory:` gets a single
/// connection, since each SQLite in-memory connection is its own database.
pub fn build_pool(database_url: &str) -> Result<DbPool, InfraError> {
    let in_memory = database_url == ":memory:";
    let manager = ConnectionManager::<SqliteConnection>::new(database_url);
    let pool = Pool::builder()
        .max_size(if in_memory { 1 } else { 8 })
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(30))
        // A checkout must not cost a query: broken SQLite connections are
        // reported by the statement that uses them.
        .test_on_check_out(false)
        .connection_customizer(Box::new(SqlitePragmas))
        .build(manager)?;
    let mut conn = pool.get()?;
    conn.run_pending_migrations(MIGRATIONS)
        .map_err(|e| InfraError::Migration(e.to_string()))?;
    Ok(pool)
}
