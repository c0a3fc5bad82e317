//! Mimicus domain: what a mock is, how requests are matched against mocks and
//! which response is produced. Free of web and database frameworks so the
//! rules can be unit-tested in isolation.

pub mod api_key;
pub mod error;
pub mod faults;
pub mod inspector;
pub mod limits;
pub mod matching;
pub mod mock;
pub mod outcome;
pub mod recording;
pub mod repository;
pub mod state;
pub mod stats;
pub mod template;
#[cfg(test)]
mod test_support;
pub mod upstream;
pub mod utf8;

pub use error::{FieldError, RepositoryError};
pub use matching::{
    BodyCondition, CriterionCheck, IncomingRequest, MatchOutcome, MockCatalog, MockIndex, NearMiss,
    PathPattern, ValueMatcher,
};
pub use mock::{
    ErrorRate, FaultSpec, MatchCriteria, MatchMethod, MockDefinition, MockId, MockMode,
    RateLimitScope, ResponseSpec, StatusCode, Variant, VariantMode, VariantResponse,
};
pub use outcome::Outcome;
pub use repository::{MockFilter, MockPage, MockRepository};
