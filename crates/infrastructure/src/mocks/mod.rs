//! Diesel storage of mock definitions.

mod repository;
mod row;

pub use repository::SqliteMockRepository;
