//! Deliberate misbehaviour (SPEC §7) and variant choice (SPEC §9).

mod error_sim;
mod positions;
mod rate_limit;
mod variant_pick;

pub use error_sim::should_fail;
#[cfg(any(test, feature = "mocks"))]
pub use positions::MockVariantPositionRepository;
pub use positions::VariantPositionRepository;
#[cfg(any(test, feature = "mocks"))]
pub use rate_limit::MockRateLimitCounter;
pub use rate_limit::{Decision, RateLimitCounter, RateLimiter};
pub use variant_pick::{pick_weighted, position_to_index};
