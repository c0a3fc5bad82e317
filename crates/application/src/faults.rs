//! Runtime state of faults and variants, cleared by the reset endpoint.

use std::sync::Arc;

use async_trait::async_trait;
use domain::faults::{RateLimiter, VariantPositionRepository};
use domain::MockId;

use crate::{AppError, MockStateReset};

/// Clears a mock's rate-limit counters and variant positions.
pub struct FaultState {
    pub limiter: Arc<RateLimiter>,
    pub positions: Arc<dyn VariantPositionRepository>,
}

#[async_trait]
impl MockStateReset for FaultState {
    async fn reset(&self, id: &MockId) -> Result<(), AppError> {
        self.limiter.reset(id.as_str());
        self.positions.reset(id.as_str()).await?;
        Ok(())
    }
}
