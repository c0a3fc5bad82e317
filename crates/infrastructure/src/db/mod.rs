//! Connection pool, migrations and the blocking-work helper.

mod blocking;
mod error;
mod pool;
pub mod schema;
pub mod time;
mod write_gate;

pub use blocking::run_blocking;
pub use error::InfraError;
#[cfg(test)]
pub(crate) use pool::MIGRATIONS;
pub use pool::{build_pool, DbPool};
pub use write_gate::WriteGate;
