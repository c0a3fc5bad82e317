//! Deliberate misbehaviour (SPEC §7) and variant choice (SPEC §9).

mod error_sim;
mod positions;
mod rate_limit;
mod variant_pick;

pub use error_sim::should_fail;
pub use positions::VariantPositionRepository;
pub use rate_limit::{Decision, RateLimiter};
pub use variant_pick::{pick_weighted, position_to_index};
