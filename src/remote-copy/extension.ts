import type { StorageSystem } from '../system/storage-system.ts';
import type { Ldev } from '../volume/ldev-pool.ts';
import type { VolumeTableEntry } from '../volume/logical-volume.ts';
import type { RemotePair } from './remote-pair.ts';
import { areaByteRanges } from './target-allocation.ts';

type Range = readonly [number, number];

/** The table of the extended volume, the fresh LDEVs it needs and the old ones it no longer maps. */
export interface ExtensionPlan {
  readonly entries: VolumeTableEntry[];
  readonly fresh: Ldev[];
  readonly unused: Ldev[];
}

/**
 * RC-T-2 (Fig. 6 step 602; the 2n..3n−1 example): one table for the pair and its siblings.
 * Copied addresses keep their LDEVs; other addresses those LDEVs map stay where no other
 * entry claims them; the rest of [0, capacity) goes, in order, onto fresh LDEVs.
 * Takes nothing: `pick` refuses with NO_CAPACITY first.
 */
export function planExtension(system: StorageSystem, pairs: readonly RemotePair[], capacity: number): ExtensionPlan {
  const entries: VolumeTableEntry[] = [];
  const claimed: Range[] = [];
  const claim = (e: VolumeTableEntry, ranges: readonly Range[]) => {
    for (const [a, b] of ranges) {
      for (const [x, y] of subtract([Math.max(a, e.first), Math.min(b, e.last, capacity - 1)], claimed)) {
        entries.push({ ldev: e.ldev, first: x, last: y, base: (e.base ?? 0) + x - e.first });
        claimed.push([x, y]);
      }
    }
  };
  for (const p of pairs) for (const e of p.target.table) claim(e, areaByteRanges(p.area, p.source.volume.emulation));
  for (const p of pairs) for (const e of p.target.table) claim(e, [[e.first, e.last]]);
  const gaps = subtract([0, capacity - 1], claimed);
  const L = system.ldevBytes;
  const count = gaps.reduce((n, [a, b]) => n + Math.ceil((b - a + 1) / L), 0);
  const fresh = system.pool.pick(count);
  let i = 0;
  for (const [a, b] of gaps) {
    for (let at = a; at <= b; at += L) entries.push({ ldev: fresh[i++]!, first: at, last: Math.min(at + L - 1, b) });
  }
  const used = new Set(entries.map((e) => e.ldev));
  const unused = pairs.flatMap((p) => p.target.backings()).filter((b) => !used.has(b)) as Ldev[];
  return { entries: coalesce(entries), fresh, unused };
}

/** Neighbouring entries that continue one another on the same LDEV become one entry again. */
function coalesce(entries: readonly VolumeTableEntry[]): VolumeTableEntry[] {
  const out: VolumeTableEntry[] = [];
  for (const e of [...entries].sort((x, y) => x.first - y.first)) {
    const prev = out[out.length - 1];
    if (prev && prev.ldev === e.ldev && prev.last + 1 === e.first && (prev.base ?? 0) + prev.last + 1 - prev.first === (e.base ?? 0)) {
      out[out.length - 1] = { ...prev, last: e.last };
    } else out.push(e);
  }
  return out;
}

/** `range` minus every range of `taken`, as sorted disjoint ranges: one sweep over the taken ranges it meets, by start. */
function subtract(range: Range, taken: readonly Range[]): Range[] {
  const [a, b] = range;
  if (a > b) return [];
  const cuts = taken.filter(([x, y]) => y >= a && x <= b).sort((p, q) => p[0] - q[0]);
  const out: Range[] = [];
  let at = a;
  for (const [x, y] of cuts) {
    if (x > at) out.push([at, x - 1]);
    at = Math.max(at, y + 1);
    if (at > b) return out;
  }
  out.push([at, b]);
  return out;
}
