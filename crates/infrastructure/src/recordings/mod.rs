//! Diesel storage of recordings and their captures (SPEC §8).

mod repository;
mod rows;

pub use repository::SqliteRecordingRepository;

#[cfg(test)]
mod tests;
