use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Shards keep contention low: two requests only share a lock when their
/// keys hash to the same shard.
const SHARDS: usize = 32;
/// Above this many keys in a shard, expired windows are swept out, so memory
/// stays bounded under many distinct clients.
const SWEEP_ABOVE: usize = 1024;

/// Where rate-limit counts live (SPEC §7): in memory on one instance
/// ([`RateLimiter`]), in a shared database for several.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait::async_trait]
pub trait RateLimitCounter: Send + Sync {
    /// Counts a request of `scope` against `limit` per `window` of `mock_id`.
    async fn check(
        &self,
        mock_id: &str,
        scope: &str,
        limit: u32,
        window: Duration,
        now: Instant,
    ) -> Decision;
}

#[async_trait::async_trait]
impl RateLimitCounter for RateLimiter {
    async fn check(
        &self,
        mock_id: &str,
        scope: &str,
        limit: u32,
        window: Duration,
        now: Instant,
    ) -> Decision {
        RateLimiter::check(self, mock_id, scope, limit, window, now)
    }
}

/// In-memory fixed-window limiter keyed by (mock id, scope key).
pub struct RateLimiter {
    shards: Vec<Mutex<Shard>>,
    hasher: RandomState,
}

#[derive(Default)]
struct Shard {
    windows: HashMap<(String, String), Window>,
    /// Size that triggers the next sweep; doubles past live keys so a shard
    /// full of live clients is not swept on every request.
    sweep_at: usize,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    length: Duration,
    count: u32,
}

/// The answer for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed { limit: u32, remaining: u32 },
    Limited { limit: u32, retry_after_secs: u64 },
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new()
    }
}

impl RateLimiter {
    pub fn new() -> Self {
        let shard = || {
            Mutex::new(Shard {
                windows: HashMap::new(),
                sweep_at: SWEEP_ABOVE,
            })
        };
        Self {
            shards: (0..SHARDS).map(|_| shard()).collect(),
            hasher: RandomState::new(),
        }
    }

    fn shard(&self, mock_id: &str, scope: &str) -> &Mutex<Shard> {
        let index = self.hasher.hash_one((mock_id, scope)) as usize % SHARDS;
        &self.shards[index]
    }

    /// Counts a request against `limit` per `window`. The limit and window
    /// come with each call, so changing a mock takes effect immediately.
    pub fn check(
        &self,
        mock_id: &str,
        scope: &str,
        limit: u32,
        window: Duration,
        now: Instant,
    ) -> Decision {
        let mut shard = self
            .shard(mock_id, scope)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if shard.windows.len() > shard.sweep_at {
            shard
                .windows
                .retain(|_, w| now.duration_since(w.started) < w.length);
            shard.sweep_at = SWEEP_ABOVE.max(shard.windows.len() * 2);
        }
        let entry = shard
            .windows
            .entry((mock_id.to_string(), scope.to_string()))
            .or_insert(Window {
                started: now,
                length: window,
                count: 0,
            });
        if now.duration_since(entry.started) >= window || entry.length != window {
            *entry = Window {
                started: now,
                length: window,
                count: 0,
            };
        }
        if entry.count < limit {
            entry.count += 1;
            Decision::Allowed {
                limit,
                remaining: limit - entry.count,
            }
        } else {
            let left = (entry.started + window).saturating_duration_since(now);
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            Decision::Limited {
                limit,
                retry_after_secs: secs.max(1),
            }
        }
    }

    /// Forgets every counter of a mock (the reset endpoint, or deletion).
    pub fn reset(&self, mock_id: &str) {
        for shard in &self.shards {
            shard
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .windows
                .retain(|(id, _), _| id != mock_id);
        }
    }

    /// Number of live keys (for tests and diagnostics).
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| {
                s.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .windows
                    .len()
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn allows_the_limit_then_refuses_until_the_window_ends() {
        let limiter = RateLimiter::new();
        let t0 = Instant::now();
        for remaining in (0..5).rev() {
            assert_eq!(
                limiter.check("m", "ip", 5, MINUTE, t0),
                Decision::Allowed {
                    limit: 5,
                    remaining
                }
            );
        }
        let later = t0 + Duration::from_millis(59_500);
        assert_eq!(
            limiter.check("m", "ip", 5, MINUTE, later),
            Decision::Limited {
                limit: 5,
                retry_after_secs: 1
            }
        );
        assert_eq!(
            limiter.check("m", "ip", 5, MINUTE, t0 + MINUTE),
            Decision::Allowed {
                limit: 5,
                remaining: 4
            }
        );
    }

    #[test]
    fn scopes_and_mocks_are_counted_separately() {
        let limiter = RateLimiter::new();
        let t0 = Instant::now();
        assert!(matches!(
            limiter.check("m", "a", 1, MINUTE, t0),
            Decision::Allowed { .. }
        ));
        assert!(matches!(
            limiter.check("m", "a", 1, MINUTE, t0),
            Decision::Limited { .. }
        ));
        assert!(matches!(
            limiter.check("m", "b", 1, MINUTE, t0),
            Decision::Allowed { .. }
        ));
        assert!(matches!(
            limiter.check("other", "a", 1, MINUTE, t0),
            Decision::Allowed { .. }
        ));
    }

    #[test]
    fn reset_clears_only_that_mock() {
        let limiter = RateLimiter::new();
        let t0 = Instant::now();
        limiter.check("m", "a", 1, MINUTE, t0);
        limiter.check("n", "a", 1, MINUTE, t0);
        limiter.reset("m");
        assert!(matches!(
            limiter.check("m", "a", 1, MINUTE, t0),
            Decision::Allowed { .. }
        ));
        assert!(matches!(
            limiter.check("n", "a", 1, MINUTE, t0),
            Decision::Limited { .. }
        ));
    }

    #[test]
    fn expired_keys_are_evicted_under_many_clients() {
        let limiter = RateLimiter::new();
        let t0 = Instant::now();
        for i in 0..50_000 {
            limiter.check("m", &format!("client-{i}"), 10, Duration::from_secs(1), t0);
        }
        let later = t0 + Duration::from_secs(2);
        for i in 0..50_000 {
            limiter.check("m", &format!("late-{i}"), 10, Duration::from_secs(1), later);
        }
        assert!(
            limiter.len() < 60_000,
            "old windows were swept: {}",
            limiter.len()
        );
    }

    #[test]
    fn concurrent_requests_never_exceed_the_limit() {
        let limiter = std::sync::Arc::new(RateLimiter::new());
        let t0 = Instant::now();
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let limiter = std::sync::Arc::clone(&limiter);
                std::thread::spawn(move || {
                    (0..100)
                        .filter(|_| {
                            matches!(
                                limiter.check("m", "g", 37, MINUTE, t0),
                                Decision::Allowed { .. }
                            )
                        })
                        .count()
                })
            })
            .collect();
        let allowed: usize = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
        assert_eq!(allowed, 37);
    }
}
