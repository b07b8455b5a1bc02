// The statistic every timing in the project reports (soak memory, server-level rounds, bench summaries).

/** The median of `values` (the upper one of the middle two for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
