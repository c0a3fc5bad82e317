//! The mock definition aggregate and its value types.

mod definition;
mod header_rules;
mod id;
mod values;
mod variant;
mod wire;

pub use definition::{BodyConditions, FaultSpec, MatchCriteria, MockDefinition, ResponseSpec};
pub use header_rules::check_header;
pub use id::MockId;
pub use values::{ErrorRate, MatchMethod, MockMode, RateLimitScope, StatusCode, VariantMode};
pub use variant::{Variant, VariantResponse};
pub use wire::wire_body;
