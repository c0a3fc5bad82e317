//! Diesel storage of session/client state.

mod increment;
mod repository;
mod writer;

#[cfg(test)]
mod tests;

pub use repository::SqliteStateRepository;
