//! Diesel storage of the request inspector: one JSON chunk per written batch.

mod chunk;
mod filter;
mod log_writer;
mod repository;
mod store;

pub use repository::SqliteRequestLogRepository;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod migration_tests;

#[cfg(test)]
mod list_tests;
