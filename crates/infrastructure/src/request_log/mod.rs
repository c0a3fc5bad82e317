//! Diesel storage of the request inspector.

mod repository;
mod row;

pub use repository::SqliteRequestLogRepository;

#[cfg(test)]
mod tests;
