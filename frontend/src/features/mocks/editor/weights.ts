/** Each weight's share of the total, in percent (0 when the total is 0). */
export function weightShares(weights: (number | '')[]): number[] {
  const values = weights.map((w) => (typeof w === 'number' && w > 0 ? w : 0));
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((w) => (total === 0 ? 0 : (w / total) * 100));
}

/** "66.7 %" with at most one decimal. */
export function percentText(share: number): string {
  return `${Number.isInteger(share) ? share : share.toFixed(1)} %`;
}
