/**
 * parity.raid5 / parity.raid6: the arena kernels on stripes already in arena memory.
 *
 * 64 MiB of data as 256 stripes of 4 data units × 64 KiB, laid out in one arena with a
 * P (and Q) unit per stripe, so the working set is far beyond the caches, like the
 * baseline's. Throughput counts data bytes read (64 MiB per pass).
 */
import { Arena } from '../src/kernels/arena.ts';
import { gfMul, gfPow2 } from '../src/kernels/gf256.ts';
import { BASELINE_NAME, CopyBaseline } from './baseline.ts';
import type { Figure } from './figure.ts';
import { Prng } from './prng.ts';
import { gbps, median, MiB, paired, round, timeOnce } from './timing.ts';

const DATA_UNITS = 4;
const UNIT_BYTES = 64 * 1024;
const STRIPES = 256; // 256 × 4 × 64 KiB = 64 MiB of data
const DATA_BYTES = STRIPES * DATA_UNITS * UNIT_BYTES;
const WARMUP = 2;
const REPS = 7;

interface StripeSet {
  readonly arena: Arena;
  readonly data: number[][];
  readonly p: number[];
  readonly q: number[];
}

function stripes(seed: number): StripeSet {
  const arena = new Arena();
  const roles = DATA_UNITS + 2;
  const ptr = arena.scratchBuffers(STRIPES * roles, UNIT_BYTES);
  const bytes = arena.bytes();
  const prng = new Prng(seed);
  const data: number[][] = [];
  const p: number[] = [];
  const q: number[] = [];
  for (let s = 0; s < STRIPES; s++) {
    const d = ptr.slice(s * roles, s * roles + DATA_UNITS);
    for (const at of d) prng.fill(bytes.subarray(at, at + UNIT_BYTES));
    data.push(d);
    p.push(ptr[s * roles + DATA_UNITS]!);
    q.push(ptr[s * roles + DATA_UNITS + 1]!);
  }
  return { arena, data, p, q };
}

/** Checks the first 4 KiB of stripe 0's P (and Q) against a plain JS computation. */
function verify(set: StripeSet, withQ: boolean): void {
  const bytes = set.arena.bytes();
  for (let i = 0; i < 4096; i++) {
    let p = 0;
    let q = 0;
    for (let j = 0; j < DATA_UNITS; j++) {
      const b = bytes[set.data[0]![j]! + i]!;
      p ^= b;
      q ^= gfMul(gfPow2(j), b);
    }
    if (bytes[set.p[0]! + i] !== p) throw new Error(`parity bench: P wrong at byte ${i}`);
    if (withQ && bytes[set.q[0]! + i] !== q) throw new Error(`parity bench: Q wrong at byte ${i}`);
  }
}

function figure(id: 'parity.raid5' | 'parity.raid6', target: number, baseline: CopyBaseline): Figure {
  const raid6 = id === 'parity.raid6';
  const set = stripes(raid6 ? 6 : 5);
  const { arena, data, p, q } = set;
  const pass = raid6
    ? () => { for (let s = 0; s < STRIPES; s++) arena.genPQ(p[s]!, q[s]!, data[s]!, UNIT_BYTES); }
    : () => { for (let s = 0; s < STRIPES; s++) arena.xorMany(p[s]!, data[s]!, UNIT_BYTES); };
  const t = paired(() => baseline.copy(DATA_BYTES), pass, WARMUP, REPS);
  verify(set, raid6);
  // Context only: the same kernel on one stripe that stays in cache (256 KiB, 256 times).
  const hot = raid6
    ? () => { for (let s = 0; s < STRIPES; s++) arena.genPQ(p[0]!, q[0]!, data[0]!, UNIT_BYTES); }
    : () => { for (let s = 0; s < STRIPES; s++) arena.xorMany(p[0]!, data[0]!, UNIT_BYTES); };
  hot();
  const hotBest = Math.min(timeOnce(hot), timeOnce(hot), timeOnce(hot));
  const baseGB = gbps(DATA_BYTES, Math.min(...t.baseline));
  const kernelGB = gbps(DATA_BYTES, Math.min(...t.target));
  const pairRatios = t.target.map((s, i) => t.baseline[i]! / s);
  return {
    id,
    ratio: round(kernelGB / baseGB),
    baseline: BASELINE_NAME,
    target,
    better: 'higher',
    detail: {
      what: `${raid6 ? 'arena.genPQ (P+Q)' : 'arena.xorMany (P)'} over ${STRIPES} stripes of ${DATA_UNITS} data units × ${UNIT_BYTES / 1024} KiB already in arena memory; throughput = data bytes read / s`,
      dataBytes: DATA_BYTES,
      kernelGBps: round(kernelGB),
      baselineGBps: round(baseGB),
      medianPairRatio: round(median(pairRatios)),
      repetitions: REPS,
      warmup: WARMUP,
      cacheResidentGBps: round(gbps(DATA_BYTES, hotBest)),
      cacheResidentNote: 'same kernel on one 256 KiB stripe repeated (context only, not the ratio)',
    },
  };
}

export function parityFigures(): Figure[] {
  const baseline = new CopyBaseline(64 * MiB);
  return [figure('parity.raid5', 0.5, baseline), figure('parity.raid6', 0.15, baseline)];
}
