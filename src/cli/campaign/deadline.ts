/**
 * The campaign's only clock: a time budget (`--time`) decides how many jobs start, never
 * what a job does (each job is a pure function of its seed). Durations in the summary are
 * measured with the same clock.
 */
export function now(): number {
  return performance.now();
}

/** True once `seconds` have passed since `start` (never, when seconds is null). */
export function expired(start: number, seconds: number | null): boolean {
  return seconds !== null && now() - start >= seconds * 1000;
}
