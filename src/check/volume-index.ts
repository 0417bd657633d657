import type { Model } from '../model/model.ts';
import type { ByteRange, RaidGroup } from '../raid/raid-group.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { PairLink } from './pair-links.ts';

/** One table entry seen from its RAID group: group bytes [start, end) are volume bytes from `first`. */
interface Slice {
  readonly start: number;
  readonly end: number;
  readonly volume: LogicalVolume;
  readonly first: number;
}

/**
 * Which volume bytes each RAID group's bytes hold (CHK-2): every table entry of every volume
 * of the live systems (and of the links' volumes, such as a takeover's A), by group, sorted.
 * Built anew whenever the control signature changes (tables change only with it, CHK-4).
 */
export class VolumeIndex {
  private readonly byGroup = new Map<RaidGroup, Slice[]>();
  /** Volumes whose entries a relocation re-routes: every change is a change of all of them. */
  readonly redirected: LogicalVolume[] = [];
  /** Groups where two entries map the same bytes (VOL-INV-1 reports it): searched slice by slice. */
  private readonly overlapping = new Set<RaidGroup>();

  constructor(model: Model, links: readonly PairLink[]) {
    const volumes = new Set<LogicalVolume>();
    for (const s of model.liveSystems()) for (const v of s.volumes.values()) volumes.add(v);
    for (const l of links) for (const v of l.volumes) volumes.add(v);
    for (const v of volumes) this.add(v);
    for (const [g, list] of this.byGroup) {
      list.sort((x, y) => x.start - y.start);
      if (list.some((s, i) => i > 0 && s.start < list[i - 1]!.end)) this.overlapping.add(g);
    }
  }

  private add(v: LogicalVolume): void {
    if (v.redirect !== null) this.redirected.push(v);
    for (const e of v.table) {
      const start = e.ldev.groupOffset + (e.base ?? 0);
      const slice: Slice = { start, end: start + e.last - e.first + 1, volume: v, first: e.first };
      let list = this.byGroup.get(e.ldev.group);
      if (!list) this.byGroup.set(e.ldev.group, (list = []));
      list.push(slice);
    }
  }

  /** Visits each volume track that changed group bytes [a, b) hold. */
  forEachTrack(group: RaidGroup, [a, b]: ByteRange, visit: (volume: LogicalVolume, track: number) => void): void {
    const list = this.byGroup.get(group);
    if (!list) return;
    for (let i = this.overlapping.has(group) ? 0 : firstEndingAfter(list, a); i < list.length && list[i]!.start < b; i++) {
      const s = list[i]!;
      const from = s.first + Math.max(a, s.start) - s.start;
      const to = s.first + Math.min(b, s.end) - s.start;
      if (from >= to) continue;
      const T = s.volume.emulation.trackBytes;
      for (let t = Math.floor(from / T); t <= Math.floor((to - 1) / T); t++) visit(s.volume, t);
    }
  }
}

/** Index of the first slice whose end is after `a` (slices of one group never overlap). */
function firstEndingAfter(list: readonly Slice[], a: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
