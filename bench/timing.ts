/**
 * Timing helpers: warm-up, repetitions, best and median. Each repetition times the
 * baseline and the figure back to back, so both see the same machine state.
 */

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

/** Runs a full garbage collection (the bench runs with --expose-gc). */
export function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('run with node --expose-gc (npm run bench does)');
  }
  globalThis.gc();
}

/** Seconds one call of `fn` takes. */
export function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface PairedTiming {
  /** Seconds per repetition, baseline and target, in run order. */
  readonly baseline: number[];
  readonly target: number[];
}

/**
 * `warmup` untimed rounds of both, then `reps` rounds each timing the baseline and then
 * the target. A GC runs before each timed call so no collection lands inside it by debt.
 */
export function paired(baseline: () => void, target: () => void, warmup: number, reps: number): PairedTiming {
  for (let i = 0; i < warmup; i++) {
    baseline();
    target();
  }
  const out: PairedTiming = { baseline: [], target: [] };
  for (let i = 0; i < reps; i++) {
    collectGarbage();
    out.baseline.push(timeOnce(baseline));
    collectGarbage();
    out.target.push(timeOnce(target));
  }
  return out;
}

/** GB/s (10^9 bytes per second), the unit every figure's detail uses. */
export function gbps(bytes: number, seconds: number): number {
  return bytes / seconds / 1e9;
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
