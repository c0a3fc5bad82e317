//! Diesel storage of session/client state.

mod increment;
mod repository;
mod writer;

pub use repository::SqliteStateRepository;
