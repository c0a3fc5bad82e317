use domain::RepositoryError;
use thiserror::Error;

/// Failures of the storage layer before they are turned into domain errors.
#[derive(Debug, Error)]
pub enum InfraError {
    #[error("database connection: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("database: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migrations: {0}")]
    Migration(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("background task failed: {0}")]
    Join(String),
}

impl From<InfraError> for RepositoryError {
    fn from(e: InfraError) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            InfraError::Query(Error::NotFound) => Self::NotFound,
            InfraError::Query(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info)) => {
                Self::Duplicate(info.message().to_string())
            }
            other => Self::from_storage_message(other.to_string()),
        }
    }
}
