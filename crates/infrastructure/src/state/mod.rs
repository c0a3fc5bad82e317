//! Diesel storage of session/client state.

mod increment;
mod repository;

pub use repository::SqliteStateRepository;
