/**
 * The remote-copy reference model's state (properties/rc/rc-model.ts): the source volumes'
 * bytes, the pairs and T's volumes as the host sees them, and the rules of pair creation
 * (RC-G-1..RC-G-5), host writes of a source volume (RC-W-1..RC-W-8) and host I/O of a T
 * volume (RC-W-7, RC-T-4, RC-T-6). The copy, the requests, the faults and the takeover build
 * on it in rc-reference.ts. Independent of src/: it knows the rules, not the code.
 */
import { areasOverlap, areaTracks, type Extent, inArea, mergeRanges, normalizeArea, rangesCover, touchedTracks } from './rc-area.ts';
import { biasedArea } from './rc-biased-areas.ts';
import type { Outcome, Variant } from './rc-trace.ts';
import type { Counters } from '../harness/support.ts';
import { active, type CreateSpec, type Design, type RcAvoid, type RcScenario, type RcState, S, T, TOLERANCE } from './rc-scenario.ts';

export interface SrcVol {
  readonly idx: number;
  readonly id: string;
  readonly key: string;
  readonly tracks: number;
  readonly bytes: Uint8Array;
}

/** RC-T-3: the copy of the A volumes into B, while `takingOver`. */
interface RefTakeoverCopy {
  readonly area: readonly Extent[];
  pointer: number;
  readonly pending: Set<number>;
}

/** A volume of T as the host sees it. */
export interface TVol {
  readonly name: string;
  /** The source's address space (bytes) and tracks. */
  readonly space: number;
  readonly tracks: number;
  /** Mapped inclusive byte ranges of the address space, merged. */
  mapped: Array<[number, number]>;
  capacityBytes: number;
  /** The bytes the host reads per track, where the model knows them. */
  known: (Uint8Array | null)[];
  /** The copying/duplex/suspended pair whose target it is (RC-W-7), if any. */
  owner: RefPair | null;
  /** Set by the main pair while its takeover copy runs (RC-T-4). */
  copy: RefTakeoverCopy | null;
  /** The volume of a takeover: the host's again (RC-T-6); the checker's reference tracks it. */
  takenOver: boolean;
}

export interface RefPair {
  readonly id: string;
  readonly vol: SrcVol;
  readonly area: readonly Extent[];
  readonly fence: 'never' | 'data';
  readonly allocate: 'extent' | 'full';
  state: RcState;
  pointer: number;
  /** One bit per source track (RC-G-4). */
  readonly bits: Uint8Array;
  consistent: boolean;
  reason: 'request' | 'link' | 'system' | null;
  tvol: TVol;
  /** RC-INV-1: the source's area when the pair last left `duplex`. */
  frozen: Map<number, Uint8Array> | null;
  takenOverWith: string | null;
}

export interface RcOptions {
  readonly variant?: Variant;
  /** Literal only: errata to steer clear of. */
  readonly avoid?: readonly RcAvoid[];
  /** Compare only what the host sees (bytes read, refusals, datasets, `check`), not pointers, bitmaps or tables. */
  readonly dataOnly?: boolean;
  readonly reached?: Counters | undefined;
}

type Health = 'healthy' | 'failed' | 'rebuilding';

/** How recent a suspension a takeover is "right after" (CHK-6), in commands. */
const RECENT_COMMANDS = 6;
export class RcModelCore {
  readonly tb: number;
  readonly vols: SrcVol[];
  readonly pairs: RefPair[] = [];
  readonly deleted: string[] = [];
  readonly tvols = new Map<string, TVol>();
  created = 0;
  sFailed = false;
  tFailed = false;
  linkUp = true;
  readonly health: Record<string, Health[]>;
  readonly tolerance: Record<string, number>;
  readonly literal: boolean;
  readonly avoid: ReadonlySet<RcAvoid>;
  readonly reached: Counters | undefined;
  readonly pairTables: number;
  readonly dataOnly: boolean;

  /** Commands run so far, and the command at which each pair was last suspended (CHK-6: takeoverAfterSuspend). */
  commandsRun = 0;
  readonly suspendedAt = new Map<string, number>();

  /** Suspended by one of the last RECENT_COMMANDS commands. */
  justSuspended(p: RefPair): boolean {
    return p.state === 'suspended' && this.commandsRun - (this.suspendedAt.get(p.id) ?? Number.NEGATIVE_INFINITY) <= RECENT_COMMANDS;
  }

  constructor(readonly scenario: RcScenario, o: RcOptions) {
    this.dataOnly = o.dataOnly ?? false;
    this.tb = scenario.trackBytes;
    this.vols = scenario.volumes.map((n, idx) => ({ idx, id: `V${idx}`, key: `${S}:V${idx}`, tracks: n, bytes: new Uint8Array(n * this.tb) }));
    this.health = {
      [S]: Array.from({ length: scenario.devicesS }, (): Health => 'healthy'),
      [T]: Array.from({ length: scenario.devicesT }, (): Health => 'healthy'),
    };
    this.tolerance = { [S]: TOLERANCE[scenario.levelS], [T]: TOLERANCE[scenario.levelT] };
    this.literal = o.variant === 'literal';
    this.avoid = new Set(this.literal ? (o.avoid ?? []) : []);
    this.reached = o.reached;
    this.pairTables = scenario.pairTables ?? Number.POSITIVE_INFINITY;
  }

  get design(): Design {
    return this.scenario.designT;
  }

  pair(id: string): RefPair | undefined {
    return this.pairs.find((p) => p.id === id);
  }

  activePairs(): RefPair[] {
    return this.pairs.filter((p) => active(p.state));
  }

  srcTrack(v: SrcVol, t: number): Uint8Array {
    return v.bytes.slice(t * this.tb, (t + 1) * this.tb);
  }

  /** The pair a command names: `pick` among `pool` (default: all live pairs), else the last deleted id. */
  pickPair(pick: number, pool?: (p: RefPair) => boolean): { id: string; pair: RefPair | undefined } {
    const list = pool ? this.pairs.filter(pool) : [];
    const from = list.length > 0 ? list : this.pairs;
    if (from.length > 0) {
      const p = from[pick % from.length]!;
      return { id: p.id, pair: p };
    }
    return { id: this.deleted[this.deleted.length - 1] ?? 'P1', pair: undefined };
  }

  stateMap(): Map<string, string> {
    return new Map(this.pairs.map((p) => [p.id, p.state]));
  }

  // --- pair creation (RC-G-1..RC-G-5)

  resolveCreate(spec: CreateSpec): { vol: SrcVol; extents: Extent[]; fence: 'never' | 'data'; allocate: 'extent' | 'full'; targetVolume: string | undefined; id: string } {
    // A sibling (RC-G-5): `free` goes to a volume that already has pairs, when there is one.
    const busy = this.activePairs().map((p) => p.vol);
    const vol = spec.mode === 'free' && busy.length > 0 ? busy[spec.start % busy.length]! : this.vols[spec.vol % this.vols.length]!;
    const Tn = vol.tracks;
    const held = this.activePairs().filter((p) => p.vol === vol);
    const free = (t: number) => t < Tn && !held.some((p) => inArea(p.area, t));
    const biased = biasedArea(this, spec, vol, held);
    if (biased) return { vol, extents: biased, fence: spec.fence, allocate: spec.allocate, targetVolume: undefined, id: `P${this.created + 1}` };
    let a: number;
    if (spec.mode === 'track0') a = 0;
    else if (spec.mode === 'free') {
      const frees = Array.from({ length: Tn }, (_, t) => t).filter(free);
      a = frees.length > 0 ? frees[spec.start % frees.length]! : spec.start % Tn;
    } else a = spec.start % Tn;
    let b = a;
    if (spec.mode === 'free') while (b + 1 < Tn && b - a + 1 < spec.len1 && free(b + 1)) b++;
    else b = Math.min(Tn - 1, a + spec.len1 - 1);
    const extents: Extent[] = [[a, b]];
    const c = b + 1 + spec.gap;
    if (spec.len2 > 0 && c < Tn) extents.push([c, Math.min(Tn - 1, c + spec.len2 - 1)]);
    if (spec.reversed) extents.reverse();
    const id = `P${this.created + 1}`;
    const names = [...this.tvols.keys()];
    const targetVolume = spec.name === 'fresh' ? `${id}-V` : spec.name === 'taken' && names.length > 0 ? names[spec.start % names.length] : undefined;
    return { vol, extents, fence: spec.fence, allocate: spec.allocate, targetVolume, id };
  }

  expectCreate(vol: SrcVol, area: readonly Extent[], name: string): Outcome[] {
    const codes: Outcome[] = [];
    if (this.sFailed || this.tFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    if (this.activePairs().some((p) => p.vol === vol && areasOverlap(p.area, area))) codes.push('INVALID_STATE');
    if (this.tvols.has(name)) codes.push('ALREADY_EXISTS');
    if (this.activePairs().length >= this.pairTables) codes.push('TABLES_EXHAUSTED');
    return codes.length > 0 ? codes : ['ok'];
  }

  /** RC-G-2 (`ldev`), RC-G-3 (`group`) or a whole volume (`full`): what the new target maps. */
  targetMapping(vol: SrcVol, area: readonly Extent[], allocate: 'extent' | 'full'): { mapped: Array<[number, number]>; capacityBytes: number } {
    const space = vol.tracks * this.tb;
    if (allocate === 'full') return { mapped: [[0, space - 1]], capacityBytes: space };
    const byteRanges = area.map(([a, b]): [number, number] => [a * this.tb, Math.min((b + 1) * this.tb, space) - 1]);
    if (this.design === 'group') {
      const bytes = byteRanges.reduce((n, [a, b]) => n + b - a + 1, 0);
      return { mapped: mergeRanges(byteRanges), capacityBytes: Math.ceil(bytes / 512) * 512 };
    }
    const L = this.scenario.ldevBytesT;
    const starts: number[] = [];
    let mappedTo = -1;
    for (const [first, last] of byteRanges) {
      for (let at = Math.max(first, mappedTo + 1); at <= last; at += L) {
        starts.push(at);
        mappedTo = at + L - 1;
      }
    }
    return { mapped: mergeRanges(starts.map((s): [number, number] => [s, Math.min(s + L, space) - 1])), capacityBytes: starts.length * L };
  }

  applyCreate(id: string, vol: SrcVol, extents: readonly Extent[], fence: 'never' | 'data', allocate: 'extent' | 'full', name: string): RefPair {
    const area = normalizeArea(extents);
    const { mapped, capacityBytes } = this.targetMapping(vol, area, allocate);
    const tvol: TVol = {
      name, space: vol.tracks * this.tb, tracks: vol.tracks, mapped, capacityBytes,
      known: new Array<Uint8Array | null>(vol.tracks).fill(null), owner: null, copy: null, takenOver: false,
    };
    const bits = new Uint8Array(vol.tracks);
    for (const t of areaTracks(area)) bits[t] = 1;
    const pair: RefPair = {
      id, vol, area, fence, allocate, state: 'copying', pointer: area[0]![0], bits, consistent: false, reason: null, tvol, frozen: null, takenOverWith: null,
    };
    tvol.owner = pair;
    this.tvols.set(name, tvol);
    this.pairs.push(pair);
    this.created++;
    return pair;
  }

  // --- host writes of a source volume (RC-W-1..RC-W-8)

  /** Per pair touched: the tracks transferred and recorded, or the refusals (RC-W-6). */
  planSourceWrite(vol: SrcVol, offset: number, length: number): { refusals: Outcome[]; shares: { pair: RefPair; transfer: number[]; record: number[] }[]; outside: number } {
    const tracks = touchedTracks(offset, length, this.tb);
    const refusals = new Set<Outcome>();
    const shares: { pair: RefPair; transfer: number[]; record: number[] }[] = [];
    let outside = 0;
    for (const t of tracks) if (!this.activePairs().some((p) => p.vol === vol && inArea(p.area, t))) outside++;
    for (const p of this.activePairs()) {
      if (p.vol !== vol) continue;
      const share = { pair: p, transfer: [] as number[], record: [] as number[] };
      for (const t of tracks) {
        if (!inArea(p.area, t)) continue;
        // RC-W-6: a data pair holds every write into its area while the target is out of reach.
        const held = p.fence === 'data' && p.state === 'copying' && !(this.linkUp && !this.tFailed);
        const synchronous = held || p.state === 'duplex' || (p.state === 'copying' && t < p.pointer && p.bits[t] === 0);
        if (!synchronous) {
          share.record.push(t); // RC-W-4, RC-W-5
          continue;
        }
        if (this.linkUp && !this.tFailed) share.transfer.push(t); // RC-W-3
        else if (p.fence === 'never') share.record.push(t);
        else {
          // RC-W-6: with both the path down and T failed the spec names no precedence.
          if (this.tFailed) refusals.add('SYSTEM_FAILED');
          if (!this.linkUp) refusals.add('LINK_DOWN');
        }
      }
      if (share.transfer.length + share.record.length > 0) shares.push(share);
    }
    return { refusals: [...refusals], shares, outside };
  }

  applySourceWrite(vol: SrcVol, offset: number, data: Uint8Array, shares: readonly { pair: RefPair; transfer: number[]; record: number[] }[]): void {
    vol.bytes.set(data, offset);
    for (const { pair, transfer, record } of shares) {
      for (const t of transfer) {
        const known = pair.tvol.known[t];
        if (!known) throw new Error(`reference model: pair ${pair.id} transfers track ${t}, which it never copied`);
        const a = Math.max(offset, t * this.tb);
        const b = Math.min(offset + data.length, (t + 1) * this.tb);
        known.set(data.subarray(a - offset, b - offset), a - t * this.tb);
      }
      for (const t of record) pair.bits[t] = 1;
    }
  }

  // --- host I/O of a T volume (RC-W-7, RC-T-4, RC-T-6)

  expectTargetIo(tv: TVol | undefined, offset: number, length: number, write: boolean): Outcome[] {
    const codes: Outcome[] = [];
    if (this.tFailed) codes.push('SYSTEM_FAILED');
    if (!tv) return codes.length > 0 ? codes : ['NOT_FOUND'];
    if (write && tv.owner) codes.push('INVALID_STATE');
    if (!rangesCover(tv.mapped, offset, offset + length - 1)) codes.push('OUT_OF_RANGE');
    return codes.length > 0 ? codes : ['ok'];
  }

  applyTargetWrite(tv: TVol, offset: number, data: Uint8Array): void {
    for (const t of touchedTracks(offset, data.length, this.tb)) {
      const a = Math.max(offset, t * this.tb);
      const b = Math.min(offset + data.length, (t + 1) * this.tb);
      const known = tv.known[t];
      if (known) known.set(data.subarray(a - offset, b - offset), a - t * this.tb);
      else if (b - a === this.tb) tv.known[t] = data.slice(a - offset, b - offset);
    }
  }

  /** The bytes a read of [offset, offset+length) of `known` tracks returns, or null when some are unknown. */
  predict(known: readonly (Uint8Array | null)[], offset: number, length: number): Uint8Array | null {
    const out = new Uint8Array(length);
    for (const t of touchedTracks(offset, length, this.tb)) {
      const k = known[t];
      if (!k) return null;
      const a = Math.max(offset, t * this.tb);
      const b = Math.min(offset + length, (t + 1) * this.tb);
      out.set(k.subarray(a - t * this.tb, b - t * this.tb), a - offset);
    }
    return out;
  }

  srcKnown(v: SrcVol): Uint8Array[] {
    return Array.from({ length: v.tracks }, (_, t) => v.bytes.subarray(t * this.tb, (t + 1) * this.tb));
  }
}
