import type { Model } from '../model/model.ts';
import type { ByteRange, GroupChanges, RaidGroup, RangeChanges } from '../raid/raid-group.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { type CheckScope, FULL, partialScope, type TrackScope } from './check-scope.ts';
import { globalSignature, linkSignature, volumeSignature } from './control-signature.ts';
import { type PairLink, pairLinks } from './pair-links.ts';
import { VolumeIndex } from './volume-index.ts';

/** A link as the last comparison saw it. */
interface LinkState {
  readonly volumes: readonly LogicalVolume[];
  readonly signature: string;
  readonly words: readonly Uint32Array[];
  readonly positions: readonly number[];
}

type Changed = Map<LogicalVolume, Set<number> | 'all'>;

/**
 * What changed since the last comparison, on both sides (spec/checking.md, CHK-1..CHK-5):
 * the data plane's own record of the device chunks it stored (mapped to RAID rows and volume
 * tracks), the bitmaps and positions of every pair, the bytes the checker's reference
 * changed (`note`), and control signatures: a change of the model's makes the next scope
 * full for every view, a change of one pair's for that pair's volumes. `take` hands out the
 * scope and starts a new record.
 */
export class ChangeTracker {
  private global: string | null = null;
  private index: VolumeIndex | null = null;
  private readonly noted = new Map<string, ByteRange[]>();
  private links = new Map<string, LinkState>();
  private volumes = new Map<LogicalVolume, string>();

  constructor(private readonly model: Model) {}

  /** CHK-1: the reference now expects other bytes [offset, offset+length) of volume `key` ("SYSTEM:VOLUME"). */
  note(key: string, offset: number, length: number): void {
    let list = this.noted.get(key);
    if (!list) this.noted.set(key, (list = []));
    list.push([offset, offset + length]);
  }

  /** The scope of the next comparison: everything that changed since the last `take`. */
  take(): CheckScope {
    const groups = this.drainGroups();
    const links = pairLinks(this.model);
    const previous = this.links;
    this.links = new Map(links.map((l) => [l.id, stateOf(l)]));
    const noted = new Map(this.noted);
    this.noted.clear();
    const global = globalSignature(this.model);
    const globalChanged = global !== this.global;
    this.global = global;
    const volumes = this.volumes;
    this.volumes = volumeSignatures(this.model);
    if (this.index === null || [...groups.values()].includes('all')) {
      this.index = new VolumeIndex(this.model, links);
      return FULL;
    }
    const changes = groups as Map<RaidGroup, RangeChanges>;
    const stripes = new Map([...changes].map(([g, c]) => [g, c.stripes]));
    if (globalChanged) {
      // CHK-4: routing changed: every view in full; RAID redundancy still only where devices changed.
      this.index = new VolumeIndex(this.model, links);
      return partialScope(true, 'all', stripes);
    }
    const tracks: Changed = new Map();
    const volumesChanged = this.volumesChanged(volumes, tracks);
    const tables = this.pairsChanged(previous, tracks) || volumesChanged;
    if (tables) this.index = new VolumeIndex(this.model, links);
    const add = (v: LogicalVolume, t: number): void => {
      let set = tracks.get(v);
      if (set === 'all') return;
      if (!set) tracks.set(v, (set = new Set()));
      set.add(t);
    };
    for (const [g, c] of changes) for (const r of c.data) this.index.forEachTrack(g, r, add);
    for (const v of this.index.redirected) tracks.set(v, 'all');
    this.addNoted(noted, add);
    for (const l of links) {
      const before = previous.get(l.id);
      if (before && before.signature === this.links.get(l.id)!.signature) linkChanges(l, before, this.links.get(l.id)!, add);
    }
    propagate(links, tracks);
    return partialScope(tables, sorted(tracks), stripes);
  }

  /** CHK-4: volumes that appeared or whose signature changed are compared in full; true if any did, or one went. */
  private volumesChanged(previous: ReadonlyMap<LogicalVolume, string>, tracks: Changed): boolean {
    let changed = false;
    for (const [v, now] of this.volumes) {
      if (previous.get(v) === now) continue;
      tracks.set(v, 'all');
      changed = true;
    }
    for (const v of previous.keys()) if (!this.volumes.has(v)) changed = true;
    return changed;
  }

  /** CHK-4: the volumes of a pair that appeared, went or changed state are compared in full; true if any did. */
  private pairsChanged(previous: ReadonlyMap<string, LinkState>, tracks: Changed): boolean {
    let changed = false;
    const all = (volumes: readonly LogicalVolume[]) => {
      changed = true;
      for (const v of volumes) tracks.set(v, 'all');
    };
    for (const [id, now] of this.links) if (previous.get(id)?.signature !== now.signature) all(now.volumes);
    for (const [id, before] of previous) if (!this.links.has(id)) all(before.volumes);
    return changed;
  }

  /** Every live group's changes (all of them are drained, so the next take starts afresh). */
  private drainGroups(): Map<RaidGroup, GroupChanges> {
    const out = new Map<RaidGroup, GroupChanges>();
    for (const s of this.model.systems.values()) {
      for (const g of s.groups.values()) {
        const c = g.takeChanges();
        if (!s.failed && (c === 'all' || c.stripes.length > 0 || c.data.length > 0)) out.set(g, c);
      }
    }
    return out;
  }

  private addNoted(noted: ReadonlyMap<string, ByteRange[]>, add: (v: LogicalVolume, t: number) => void): void {
    for (const [key, ranges] of noted) {
      const i = key.indexOf(':');
      const volume = this.model.systems.get(key.slice(0, i))?.volumes.get(key.slice(i + 1));
      if (!volume) continue;
      const T = volume.emulation.trackBytes;
      for (const [a, b] of ranges) for (let t = Math.floor(a / T); b > a && t <= Math.floor((b - 1) / T); t++) add(volume, t);
    }
  }
}

/** Every volume of every system, with its CHK-4 signature. */
function volumeSignatures(model: Model): Map<LogicalVolume, string> {
  const out = new Map<LogicalVolume, string>();
  for (const s of model.systems.values()) for (const v of s.volumes.values()) out.set(v, volumeSignature(v));
  return out;
}

function stateOf(l: PairLink): LinkState {
  return { volumes: l.volumes, signature: linkSignature(l), words: l.bitmaps.map((b) => b.wordsCopy()), positions: [...l.positions] };
}

/** CHK-5: bits that flipped and tracks a position moved over count as changed, on every volume of the link. */
function linkChanges(l: PairLink, before: LinkState, now: LinkState, add: (v: LogicalVolume, t: number) => void): void {
  const mark = (t: number) => {
    for (const v of l.volumes) if (t < v.tracks) add(v, t);
  };
  now.words.forEach((w, k) => {
    const old = before.words[k]!;
    for (let i = 0; i < w.length; i++) {
      let x = (w[i]! ^ old[i]!) | 0;
      while (x !== 0) {
        mark(i * 32 + 31 - Math.clz32(x & -x));
        x &= x - 1;
      }
    }
  });
  now.positions.forEach((p, k) => {
    const q = before.positions[k]!;
    if (p === q) return;
    const [a, b] = p < 0 || q < 0 ? [Math.max(p, q), Math.max(p, q)] : [Math.min(p, q), Math.max(p, q)];
    for (let t = a; t <= b; t++) mark(t);
  });
}

/** CHK-5: a change of track t of one linked volume is a change of t on the others, until nothing moves. */
function propagate(links: readonly PairLink[], tracks: Changed): void {
  for (let moved = true; moved; ) {
    moved = false;
    for (const l of links) for (const v of l.volumes) for (const w of l.volumes) if (w !== v && spread(tracks, v, w)) moved = true;
  }
}

/** Adds v's changed tracks to w's; true when w gained any. */
function spread(tracks: Changed, v: LogicalVolume, w: LogicalVolume): boolean {
  const from = tracks.get(v);
  const to = tracks.get(w);
  if (from === undefined || to === 'all') return false;
  if (from === 'all') {
    tracks.set(w, 'all');
    return true;
  }
  let set = to;
  let gained = false;
  for (const t of from) {
    if (t >= w.tracks || set?.has(t)) continue;
    if (!set) tracks.set(w, (set = new Set()));
    set.add(t);
    gained = true;
  }
  return gained;
}

function sorted(tracks: ReadonlyMap<LogicalVolume, Set<number> | 'all'>): Map<LogicalVolume, TrackScope> {
  const out = new Map<LogicalVolume, TrackScope>();
  for (const [v, s] of tracks) out.set(v, s === 'all' ? 'all' : [...s].sort((a, b) => a - b));
  return out;
}
