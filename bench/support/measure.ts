/** What every benchmark measures with: medians, timings, a full GC, deterministic ids. */

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Runs `fn` once and answers how long it took, in microseconds. */
export const timeUs = (fn: () => void): number => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
};

/** A full garbage collection when Node runs with --expose-gc (scripts/bench.mjs does). */
export const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** A valid UUID v4 made from a number, so generated graphs are the same every run. */
export const uuid = (n: number): string =>
  `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
