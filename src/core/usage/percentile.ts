/** Nearest-rank percentile (q in 0..1) of unsorted values; undefined for none. Sorts a copy. */
export function percentile(values: ArrayLike<number>, q: number): number | undefined {
  return percentiles(values, [q])[0];
}

/** Several nearest-rank percentiles with one sort. */
export function percentiles(values: ArrayLike<number>, qs: readonly number[]): (number | undefined)[] {
  const n = values.length;
  if (n === 0) return qs.map(() => undefined);
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]);
}
