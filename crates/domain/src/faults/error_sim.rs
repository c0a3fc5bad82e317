use rand::Rng;

use crate::ErrorRate;

/// Whether this request gets the simulated error: probability exactly
/// `rate / 100` (a uniform draw in `[0, 100)`, so 0 % never and 100 % always).
pub fn should_fail(rate: ErrorRate, rng: &mut impl Rng) -> bool {
    let p = rate.percent();
    p > 0.0 && rng.gen_range(0.0..100.0) < p
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn rate(p: f64) -> ErrorRate {
        ErrorRate::new(p).unwrap_or_else(|e| panic!("{e}"))
    }

    fn failures(p: f64, n: usize, seed: u64) -> usize {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..n).filter(|_| should_fail(rate(p), &mut rng)).count()
    }

    #[test]
    fn zero_never_fails_and_one_hundred_always_fails() {
        assert_eq!(failures(0.0, 10_000, 1), 0);
        assert_eq!(failures(100.0, 10_000, 2), 10_000);
    }

    #[test]
    fn the_observed_rate_follows_the_configured_one() {
        let observed = failures(25.0, 100_000, 3) as f64 / 1000.0;
        assert!((observed - 25.0).abs() < 0.5, "{observed}");
    }

    #[test]
    fn a_seeded_source_gives_the_same_answers() {
        assert_eq!(failures(50.0, 1000, 7), failures(50.0, 1000, 7));
    }
}
