/**
 * bitmap.scan.sparse / bitmap.scan.dense: finding every set bit of a difference bitmap.
 *
 * A 16 Mi-bit bitmap (a 1 TiB volume at 64 KiB tracks: 2 MiB of words) with bits at
 * seeded PRNG positions, 0.1% (after a split with few writes) or 50% (the worst case for
 * producing results). The figure is (one Buffer.copy of the bitmap's 2 MiB) / (one
 * toArray into a preallocated array): how a full scan compares with merely reading the
 * bitmap's bytes once. Both fit in the last-level cache on most machines, and both are
 * timed as an inner loop of several calls so each timed sample is milliseconds, not
 * microseconds.
 *
 * Process state matters: once any ArrayBuffer in the process has been detached (the
 * kernels' Arena grows its WebAssembly memory in the earlier stages, which detaches the
 * old buffer), V8 checks for detachment on every typed-array access, and toArray runs about
 * 20% slower than in a fresh process. The figure is taken in the bench process as is, the
 * same state the model runs in. `resultFillMicros` (a native fill of the result array) is
 * a floor for any scan that writes its results, for context.
 */
import { DifferenceBitmap } from '../src/bitmap/difference-bitmap.ts';
import { BASELINE_NAME, CopyBaseline } from './baseline.ts';
import type { Figure } from './figure.ts';
import { Prng } from './prng.ts';
import { median, MiB, paired, round, timeOnce } from './timing.ts';

const BITS = 16 * MiB; // 16 Mi tracks
const BYTES = BITS / 8; // 2 MiB
const WARMUP = 2;
const REPS = 7;

function bitmapAt(density: number, seed: number): DifferenceBitmap {
  const bm = new DifferenceBitmap(BITS);
  const prng = new Prng(seed);
  for (const i of prng.distinct(Math.round(BITS * density), BITS)) bm.set(i);
  return bm;
}

/** toArray must list exactly the bits set: ascending, each one set, as many as count(). */
function verify(bm: DifferenceBitmap, out: Uint32Array): void {
  if (out.length !== bm.count()) throw new Error('bitmap bench: toArray length differs from count');
  let prev = -1;
  for (const i of out) {
    if (i <= prev || !bm.get(i)) throw new Error(`bitmap bench: toArray wrong at ${i}`);
    prev = i;
  }
}

function bestOf(fn: () => void): number {
  fn();
  fn();
  return Math.min(timeOnce(fn), timeOnce(fn), timeOnce(fn));
}

function figure(id: 'bitmap.scan.sparse' | 'bitmap.scan.dense', density: number, target: number, inner: number): Figure {
  const bm = bitmapAt(density, id === 'bitmap.scan.sparse' ? 1001 : 5001);
  const baseline = new CopyBaseline(BYTES);
  const into = new Uint32Array(bm.count());
  let sink = 0;
  const copies = () => {
    for (let k = 0; k < inner; k++) baseline.copy(BYTES);
  };
  const scans = () => {
    for (let k = 0; k < inner; k++) sink += bm.toArray(into).length;
  };
  const t = paired(copies, scans, WARMUP, REPS);
  verify(bm, bm.toArray(into));
  // Context only: forEachSet with a trivial visitor, and a nextSet walk (best of 3 after
  // 2 warm-up calls). The visitor keeps a small integer, so it allocates nothing.
  let acc = 0;
  const visit = (i: number) => {
    acc ^= i;
  };
  const walk = () => {
    for (let i = bm.nextSet(0); i !== -1; i = bm.nextSet(i + 1)) acc ^= i;
  };
  const each = () => bm.forEachSet(visit);
  const forEachBest = bestOf(each);
  const walkBest = bestOf(walk);
  const resultFillBest = bestOf(() => into.fill(1));
  if (sink < 0 || acc < 0) throw new Error('unreachable');
  const copyBest = Math.min(...t.baseline) / inner;
  const scanBest = Math.min(...t.target) / inner;
  const pairRatios = t.target.map((s, i) => t.baseline[i]! / s);
  const us = (s: number) => round(s * 1e6, 1);
  return {
    id,
    ratio: round(copyBest / scanBest),
    baseline: BASELINE_NAME,
    target,
    better: 'higher',
    detail: {
      what: `toArray (into a preallocated Uint32Array) of a ${BITS / MiB} Mi-bit bitmap at ${density * 100}% density (seeded positions), vs one Buffer.copy of its ${BYTES / MiB} MiB`,
      bits: BITS,
      setBits: bm.count(),
      scanMicros: us(scanBest),
      copyMicros: us(copyBest),
      nsPerSetBit: round((scanBest / bm.count()) * 1e9, 3),
      medianPairRatio: round(median(pairRatios)),
      resultFillMicros: us(resultFillBest),
      forEachSetMicros: us(forEachBest),
      nextSetWalkMicros: us(walkBest),
      callsPerSample: inner,
      repetitions: REPS,
      warmup: WARMUP,
    },
  };
}

export function bitmapFigures(): Figure[] {
  // Targets (the issue sets none): sparse within 4× of one copy of the bitmap ("about the
  // time of a memory scan"); dense bounded by producing 8 Mi results, ~2 ns each in JS.
  return [figure('bitmap.scan.sparse', 0.001, 0.25, 40), figure('bitmap.scan.dense', 0.5, 0.005, 2)];
}
