/**
 * Shared pieces of the property suites: the property definition shape the CLI campaign
 * runs, reach counters, deterministic data, and cheap assertions (plain node:assert; vitest's
 * `expect` is far slower inside model commands).
 */
import assert from 'node:assert/strict';
import type fc from 'fast-check';
import type { PropertyDefinition as CampaignPropertyDefinition } from '../../src/cli/campaign/property-definition.ts';
import { type ErrorCode, isModelError } from '../../src/errors.ts';
import { firstDiff } from './bytes.ts';

/** What a run reached, summed across runs (e.g. `{ rmwWrites: 31, lostGroups: 4 }`). */
export type Counters = Record<string, number>;

/**
 * One property, named by its invariant id: the CLI campaign's shape
 * (src/cli/campaign/property-definition.ts, `property(runs?)`), plus the default run budget and
 * an instrumented build that counts what its runs reach (used by the vitest files).
 */
export interface PropertyDefinition extends CampaignPropertyDefinition {
  /** Runs per `fc.assert` in the test suite. */
  readonly numRuns: number;
  /** `runs` is the campaign's budget; the properties do not depend on it. */
  readonly property: (runs?: number) => fc.IProperty<any>;
  /** The same property, adding what each run reached to `reached`. */
  readonly instrumented: (reached: Counters) => fc.IProperty<any>;
}

export const DEFAULT_RUNS = 200;

/**
 * A property definition over a harness whose property takes its options (with `reached` for
 * the counters): what the lc, rc, mg and pl families share (properties/index.ts).
 */
export function harnessDefinition<O extends { readonly reached?: Counters }>(
  property: (opts: O) => fc.IProperty<any>,
  id: string,
  title: string,
  opts: O,
  numRuns: number,
  witnesses: readonly string[],
): PropertyDefinition {
  return { id, title, numRuns, witnesses, property: () => property(opts), instrumented: (reached: Counters) => property({ ...opts, reached }) };
}

export function bump(counters: Counters | undefined, key: string, by = 1): void {
  if (counters) counters[key] = (counters[key] ?? 0) + by;
}

/** Deterministic, never all-zero bytes from a seed (xorshift32): fast-check shrinks a number, not kilobytes. */
export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (Math.imul(seed, 0x9e3779b1) ^ 0x5bd1e995) | 1;
  let any = 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
    any |= x & 0xff;
  }
  if (length > 0 && any === 0) out[0] = 1;
  return out;
}

/** Fails with the first differing address instead of dumping both arrays. */
export function assertBytes(actual: Uint8Array, expected: Uint8Array, base: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  if (firstDiff(actual, expected) < 0) return; // a native comparison first
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) {
      let end = i;
      while (end < actual.length && actual[end] !== expected[end]) end++;
      assert.fail(
        `${what}: byte ${base + i} is ${actual[i]}, expected ${expected[i]} (${end - i} differing bytes from there)`,
      );
    }
  }
}

/** Runs `fn`, which must throw a ModelError with `code`. */
export function expectCode(code: ErrorCode, fn: () => unknown, what: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) assert.fail(`${what}: expected ${code}, but it succeeded`);
  if (!isModelError(thrown)) throw thrown;
  assert.equal(thrown.code, code, `${what}: expected ${code}, got ${thrown.code}: ${thrown.message}`);
}

/** At most `max` items of `list`, evenly spread (all of them when there are fewer). */
export function spread<T>(list: readonly T[], max: number): T[] {
  if (list.length <= max) return [...list];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(list[Math.floor((i * list.length) / max)]!);
  out.push(list[list.length - 1]!);
  return out;
}

/** Mean of `total / runs`, rounded for reports. */
export function mean(total: number | undefined, runs: number | undefined): number {
  if (!total || !runs) return 0;
  return Math.round((total / runs) * 10) / 10;
}
