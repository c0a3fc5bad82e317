//! Request matching (SPEC §4): value matchers, body conditions, path
//! patterns, the in-memory index and the near-miss explanations.

mod body_condition;
mod catalog;
mod checks;
mod criteria;
mod index;
mod near_miss;
mod path_decode;
mod path_pattern;
mod pattern;
mod request;
mod template_trie;
mod value_matcher;

pub use body_condition::BodyCondition;
pub use catalog::MockCatalog;
pub use checks::CriterionCheck;
pub use criteria::Mismatch;
pub use index::{MatchOutcome, MockIndex};
pub use near_miss::NearMiss;
pub use path_decode::decode_path;
pub use path_pattern::{PathKind, PathPattern};
pub use pattern::Pattern;
pub use request::IncomingRequest;
pub use value_matcher::ValueMatcher;
