use rand::Rng;

use crate::{Variant, VariantMode};

/// A variant index by weight; weight 0 is never chosen. Validation ensures
/// at least one positive weight; with none, the first variant is returned.
pub fn pick_weighted(variants: &[Variant], rng: &mut impl Rng) -> usize {
    let total: u64 = variants.iter().map(|v| u64::from(v.weight)).sum();
    if total == 0 {
        return 0;
    }
    let mut draw = rng.gen_range(0..total);
    for (i, v) in variants.iter().enumerate() {
        let w = u64::from(v.weight);
        if draw < w {
            return i;
        }
        draw -= w;
    }
    variants.len() - 1
}

/// The variant for the `position`-th request (0-based) of a scope:
/// `sequence` moves forward and repeats the last; `cycle` wraps around.
pub fn position_to_index(mode: VariantMode, position: u64, len: usize) -> usize {
    let len = len.max(1) as u64;
    let index = match mode {
        VariantMode::Cycle => position % len,
        _ => position.min(len - 1),
    };
    index as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{StatusCode, VariantResponse};
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn variants(weights: &[u32]) -> Vec<Variant> {
        weights
            .iter()
            .map(|w| Variant {
                weight: *w,
                response: VariantResponse {
                    status: StatusCode::OK,
                    headers: vec![],
                    body: serde_json::Value::Null,
                    wire_body: bytes::Bytes::new(),
                    is_template: false,
                    delay_ms: 0,
                },
            })
            .collect()
    }

    #[test]
    fn weighted_shares_follow_the_weights_and_zero_is_never_chosen() {
        let vs = variants(&[80, 0, 20]);
        let mut rng = StdRng::seed_from_u64(42);
        let mut counts = [0usize; 3];
        for _ in 0..10_000 {
            counts[pick_weighted(&vs, &mut rng)] += 1;
        }
        assert_eq!(counts[1], 0);
        let share = counts[0] as f64 / 100.0;
        assert!((share - 80.0).abs() < 2.0, "{share}");
    }

    #[test]
    fn sequence_repeats_the_last_and_cycle_wraps() {
        let seq: Vec<usize> = (0..5)
            .map(|p| position_to_index(VariantMode::Sequence, p, 3))
            .collect();
        assert_eq!(seq, vec![0, 1, 2, 2, 2]);
        let cyc: Vec<usize> = (0..5)
            .map(|p| position_to_index(VariantMode::Cycle, p, 3))
            .collect();
        assert_eq!(cyc, vec![0, 1, 2, 0, 1]);
    }
}
