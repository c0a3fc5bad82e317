//! Adapters: SQLite storage through Diesel, behind the domain's repository traits.

pub mod db;
pub mod mocks;
pub mod state;

pub use db::{build_pool, DbPool, InfraError};
pub use mocks::SqliteMockRepository;
pub use state::SqliteStateRepository;
