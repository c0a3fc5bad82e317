//! Diesel storage of session/client state.

mod repository;

pub use repository::SqliteStateRepository;
