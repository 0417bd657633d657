/**
 * Model-based harness for remote copy pairs (spec/remote-copy.md), driven through the trace
 * runner: EVERY command is exactly one trace-v1 step run by `runStep` on a fresh
 * `newContext(variant)` (properties/rc/rc-trace.ts), so a shrunk counterexample is, line for
 * line, a trace file. A source system S and a target system T, each of either table design
 * (RC-D-1), joined by one path; one or two source volumes with datasets in their VTOC.
 *
 * The reference model here is independent of src/: it knows the rules, not the code.
 * - each source volume's bytes as the host wrote them;
 * - per pair: state (RC-R-0), copy pointer and difference bitmap (RC-G-4, RC-C-1, RC-W-4,
 *   RC-W-5), whether the target is consistent (RC-T-1), why it was suspended (RC-F-1, RC-F-2),
 *   and the source's area at the moment it left `duplex` (RC-INV-1's frozen image);
 * - per volume of T: the bytes the host sees where they are known (a paired target's copied
 *   tracks, track by track from the copy and the transfers of RC-W-3/RC-W-4), which
 *   addresses it maps (RC-G-2's LDEV ranges, RC-G-3's idle range, RC-T-2's extension) and
 *   its capacity (RC-INV-4, RC-INV-5);
 * - the takeover: siblings (RC-T-1), the VTOC it keeps or erases or refuses (RC-T-5, by the
 *   checker's own VTOC reader, properties/rc/rc-vtoc.ts), the copy of A into B (RC-T-3, RC-T-4);
 * - which refusals the spec allows for each request (a set: the spec names no precedence).
 *
 * After every command: every pair exists iff the model says so, in the model's state, with
 * the model's pointer, bitmap, consistency and suspension reason; the source's pool holds one
 * table per copying/duplex/suspended pair (RC-INV-6); T's volume names, mappings and capacities
 * are the model's; every known byte of a source or a T volume reads as the model says; and
 * the trace's `check` op passes (RC-INV-1..6 and the rest).
 *
 * `variant: 'literal'` runs the seed's flows with their errata; `avoid: ['RC-E-1']` steers
 * clear of the one erratum here (no takeover with `extend` on a `"group"` target).
 */
import fc from 'fast-check';
import { type CheckScope, FULL, type TrackScope } from '../../src/check/check-scope.ts';
import { BOUNDARY_TRACKS, RC_WITNESSES, countCreate, countStep, countTakeover, countWrite } from './rc-witnesses.ts';
import { BIASED_MODES, biasedArea } from './rc-biased-areas.ts';
import type { ErrorCode } from '../../src/errors.ts';
import { hostRead } from '../../src/model/host-io.ts';
import type { RemotePair } from '../../src/remote-copy/remote-pair.ts';
import { sha256Hex } from '../../src/trace/data.ts';
import type { StepOutcome } from '../../src/trace/runner.ts';
import {
  areaEnd, areasOverlap, areaTracks, describeShape, type Extent, inArea, mergeRanges, nextAreaTrack, normalizeArea, rangesCover, type Shape, shapeRange,
  touchedTracks, unionArea,
} from './rc-area.ts';
import {
  attempt, checkWitness, dataOf, diffWitness, exec, firstDiff, json, type Outcome, CommandFailure, type Step, TraceRun, type Variant, withTrace, type Witness,
} from './rc-trace.ts';
import { decodeRefVtoc, encodeRefVtoc, insideArea } from './rc-vtoc.ts';
import { bump, type Counters, type PropertyDefinition } from '../harness/support.ts';

// ---------------------------------------------------------------------------
// Vocabulary

export type Design = 'ldev' | 'group';
export type Level = 'raid1' | 'raid5' | 'raid6';
export type RcState = 'copying' | 'duplex' | 'suspended' | 'takingOver' | 'takenOver';
/** The remote pair machine's states (machines/remote-pair.machine.ts). */
export const RC_STATES = ['simplex', 'copying', 'duplex', 'suspended', 'takingOver', 'takenOver'] as const;
export type RcAvoid = 'RC-E-1';

const S = 'S';
const T = 'T';
/**
 * Model bugs found by these properties and reported, not yet fixed in src/: the property steers
 * around each (its claim is not checked) and properties/rc/rc-known-bugs.test.ts pins its trace
 * with `it.fails`, which turns red once src/ is fixed — then delete the entry here.
 * (None now. `stale-volume-B` — a fifth-embodiment volume B taken from an idle range showed a
 *   released volume A's bytes — was fixed by LDEV-4; its traces stay in rc-known-bugs.test.ts.)
 */
export const KNOWN_MODEL_BUGS: ReadonlySet<string> = new Set<string>();

/** Pairs a run creates at most (bounds T's allocations: NO_CAPACITY never holds). */
export const MAX_PAIRS = 8;
const TOLERANCE: Readonly<Record<Level, number>> = { raid1: 1, raid5: 1, raid6: 2 };

function dataDevices(level: Level, devices: number): number {
  return level === 'raid1' ? 1 : level === 'raid5' ? devices - 1 : devices - 2;
}

function active(state: RcState): boolean {
  return state === 'copying' || state === 'duplex' || state === 'suspended';
}

// ---------------------------------------------------------------------------
// Scenario

export interface RcWriteSpec {
  readonly vol: number;
  readonly track: number;
  readonly tracks: number;
  readonly fill: number;
}

export interface RcDatasetSpec {
  readonly vol: number;
  readonly name: string;
  readonly extents: readonly Extent[];
}

/** A pair creation, resolved against the model when it runs (see `resolveCreate`). */
export interface CreateSpec {
  readonly vol: number;
  /**
   * `free`: on tracks no copying/duplex/suspended pair of the volume holds (a sibling); `track0`: from track 0; `any`: anywhere;
   * biased (CHK-6): `near` just past a live pair's area, within one target LDEV; `tail` ending on the last track;
   * `dataset` ending inside a dataset; `boundary` across a 32-track bitmap word.
   */
  readonly mode: 'free' | 'track0' | 'any' | 'near' | 'tail' | 'dataset' | 'boundary';
  readonly start: number;
  readonly len1: number;
  readonly gap: number;
  /** 0: one extent. */
  readonly len2: number;
  readonly reversed: boolean;
  readonly fence: 'never' | 'data';
  readonly allocate: 'extent' | 'full';
  /** `default`: PAIRID-T; `fresh`: a targetVolume of its own; `taken`: an existing volume's name (ALREADY_EXISTS). */
  readonly name: 'default' | 'fresh' | 'taken';
}

export interface RcScenario {
  readonly designS: Design;
  readonly designT: Design;
  readonly levelS: Level;
  readonly devicesS: number;
  readonly levelT: Level;
  readonly devicesT: number;
  readonly ldevBytesS: number;
  readonly ldevBytesT: number;
  readonly trackBytes: number;
  /** Tracks of each source volume V0, V1. */
  readonly volumes: readonly number[];
  readonly pairTables: number | null;
  readonly datasets: readonly RcDatasetSpec[];
  readonly initialWrites: readonly RcWriteSpec[];
  readonly first: CreateSpec;
}

function deviceBytesFor(level: Level, devices: number, need: number): number {
  const unit = 65536;
  return (Math.ceil(need / dataDevices(level, devices) / unit) + 1) * unit;
}

export function rcSetupSteps(s: RcScenario): Step[] {
  const tb = s.trackBytes;
  const bytes = s.volumes.map((n) => n * tb);
  const srcMax = Math.max(...bytes);
  const needS = bytes.reduce((n, b) => n + Math.ceil(b / s.ldevBytesS) * s.ldevBytesS, 0) + s.ldevBytesS;
  // Every creation and every takeover allocates at most the source's bytes plus an LDEV per extent and gap.
  const needT = 2 * MAX_PAIRS * (srcMax + 3 * s.ldevBytesT) + srcMax;
  const steps: Step[] = [
    {
      op: 'system', id: S, ldevBytes: s.ldevBytesS, tables: s.designS,
      raidGroups: [{ id: 'RG', level: s.levelS, devices: s.devicesS, deviceBytes: deviceBytesFor(s.levelS, s.devicesS, needS) }],
      ...(s.pairTables === null ? {} : { pairTables: s.pairTables }),
    },
    {
      op: 'system', id: T, ldevBytes: s.ldevBytesT, tables: s.designT,
      raidGroups: [{ id: 'RG', level: s.levelT, devices: s.devicesT, deviceBytes: deviceBytesFor(s.levelT, s.devicesT, needT) }],
    },
    { op: 'link', between: [S, T] },
  ];
  s.volumes.forEach((n, i) => steps.push({ op: 'volume', system: S, id: `V${i}`, emulation: 'OPEN-V', bytes: n * tb, trackBytes: tb }));
  for (const d of s.datasets) steps.push({ op: 'dataset', system: S, volume: `V${d.vol}`, name: d.name, extents: d.extents });
  for (const w of s.initialWrites) {
    steps.push({ op: 'write', system: S, volume: `V${w.vol}`, offset: w.track * tb, data: { fill: w.fill, length: w.tracks * tb } });
  }
  return steps;
}

// ---------------------------------------------------------------------------
// The reference model

interface SrcVol {
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

export class RcModel {
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

  // --- the copy (RC-C-1) and the copy of A into B (RC-T-3)

  expectStep(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    if (p.state === 'takingOver') return this.tFailed ? ['SYSTEM_FAILED'] : ['ok'];
    if (p.state !== 'copying') return ['ok']; // RC-C-1: no running process, nothing moves
    const codes: Outcome[] = [];
    if (this.sFailed || this.tFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    return codes.length > 0 ? codes : ['ok'];
  }

  /** Returns the tracks examined. */
  applyStep(p: RefPair, units: number): number {
    if (p.state === 'takingOver') return this.takeoverCopyStep(p, units);
    if (p.state !== 'copying') return 0;
    let examined = 0;
    const end = areaEnd(p.area);
    while (examined < units && p.pointer < end) {
      const t = p.pointer;
      if (p.bits[t] === 1) {
        p.tvol.known[t] = this.srcTrack(p.vol, t);
        p.bits[t] = 0;
      }
      p.pointer = nextAreaTrack(p.area, t + 1);
      examined++;
    }
    if (p.pointer >= end) {
      p.state = 'duplex';
      p.consistent = true;
      p.frozen = null;
    }
    return examined;
  }

  private takeoverCopyStep(p: RefPair, units: number): number {
    const copy = p.tvol.copy!;
    let examined = 0;
    const end = areaEnd(copy.area);
    while (examined < units && copy.pointer < end) {
      const t = copy.pointer;
      copy.pending.delete(t);
      copy.pointer = nextAreaTrack(copy.area, t + 1);
      examined++;
    }
    if (copy.pointer >= end) {
      p.state = 'takenOver';
      p.tvol.copy = null;
    }
    return examined;
  }

  applySettle(): void {
    for (const p of this.pairs) {
      if (p.state === 'copying' && !this.sFailed && !this.tFailed && this.linkUp) this.applyStep(p, Number.MAX_SAFE_INTEGER);
      if (p.state === 'takingOver' && !this.tFailed) this.applyStep(p, Number.MAX_SAFE_INTEGER);
    }
    for (const sys of [S, T]) {
      if ((sys === S ? this.sFailed : this.tFailed)) continue;
      const h = this.health[sys]!;
      h.forEach((x, i) => {
        if (x === 'rebuilding') h[i] = 'healthy';
      });
    }
  }

  // --- requests (RC-R-1..RC-R-3) and faults (RC-F-1, RC-F-2)

  private freeze(p: RefPair): void {
    if (p.state !== 'duplex') return;
    p.frozen = new Map(areaTracks(p.area).map((t) => [t, this.srcTrack(p.vol, t)]));
  }

  expectSuspend(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    const codes: Outcome[] = [];
    if (this.sFailed) codes.push('SYSTEM_FAILED');
    if (p.state !== 'copying' && p.state !== 'duplex') codes.push('INVALID_STATE');
    return codes.length > 0 ? codes : ['ok'];
  }

  suspend(p: RefPair, reason: 'request' | 'link' | 'system'): void {
    this.freeze(p);
    p.state = 'suspended';
    p.reason = reason;
  }

  expectResync(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    const codes: Outcome[] = [];
    if (p.state !== 'suspended') codes.push('INVALID_STATE');
    if (this.sFailed || this.tFailed) codes.push('SYSTEM_FAILED');
    if (!this.linkUp) codes.push('LINK_DOWN');
    return codes.length > 0 ? codes : ['ok'];
  }

  applyResync(p: RefPair): void {
    p.state = 'copying';
    p.pointer = p.area[0]![0];
    p.consistent = false;
    p.reason = null;
    p.frozen = null;
  }

  expectDelete(p: RefPair | undefined): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    return p.state === 'takingOver' ? ['INVALID_STATE'] : ['ok'];
  }

  applyDelete(p: RefPair): void {
    if (p.tvol.owner === p) p.tvol.owner = null; // RC-R-3: the target takes host writes from now on
    this.pairs.splice(this.pairs.indexOf(p), 1);
    this.deleted.push(p.id);
  }

  applyLink(up: boolean): void {
    this.linkUp = up;
    if (up) return;
    for (const p of this.pairs) if (p.fence === 'never' && (p.state === 'copying' || p.state === 'duplex')) this.suspend(p, 'link');
  }

  applySystemFail(sys: string): void {
    if (sys === S) {
      this.sFailed = true;
      return;
    }
    this.tFailed = true;
    for (const p of this.pairs) if (p.fence === 'never' && (p.state === 'copying' || p.state === 'duplex')) this.suspend(p, 'system');
  }

  // --- takeover (RC-T-1..RC-T-6)

  siblingsOf(p: RefPair): RefPair[] {
    return [p, ...this.pairs.filter((q) => q !== p && q.vol === p.vol && active(q.state))];
  }

  expectTakeover(p: RefPair | undefined, extend: boolean): Outcome[] {
    if (!p) return ['NOT_FOUND'];
    const codes: Outcome[] = [];
    if (this.tFailed) codes.push('SYSTEM_FAILED');
    const group = extend ? this.siblingsOf(p) : [p];
    const accepts = (q: RefPair) => q.state === 'duplex' || (q.state === 'suspended' && q.consistent);
    if (!group.every(accepts)) codes.push('INVALID_STATE');
    else if (this.vtocOf(group) === 'damaged') codes.push('VTOC_DAMAGED');
    return codes.length > 0 ? codes : ['ok'];
  }

  /** RC-T-5: the datasets track 0 lists on the takeover's target (none when track 0 was not copied). */
  vtocOf(group: readonly RefPair[]): ReturnType<typeof decodeRefVtoc> {
    const holder = group.find((q) => inArea(q.area, 0));
    if (!holder) return [];
    const track0 = holder.tvol.known[0];
    if (!track0) throw new Error(`reference model: pair ${holder.id} takes over with track 0 never copied`);
    return decodeRefVtoc(track0, holder.vol.tracks);
  }

  /** Returns the datasets kept and erased. */
  applyTakeover(p: RefPair, extend: boolean): { kept: string[]; erased: string[]; group: RefPair[] } {
    const group = extend ? this.siblingsOf(p) : [p];
    const area = unionArea(group.map((q) => q.area));
    const entries = this.vtocOf(group);
    if (entries === 'damaged') throw new Error('reference model: takeover of a damaged VTOC');
    const kept = insideArea(entries, area);
    const erased = entries.filter((d) => !kept.includes(d));
    // RC-INV-1: each target's area holds what the host had acknowledged while the pair was consistent.
    for (const q of group) {
      for (const t of areaTracks(q.area)) {
        const want = q.state === 'duplex' ? this.srcTrack(q.vol, t) : q.frozen?.get(t);
        const got = q.tvol.known[t];
        if (!want || !got || firstDiff(want, got) >= 0) throw new Error(`reference model: pair ${q.id} track ${t}: its target image is not RC-INV-1's`);
      }
    }
    const name = p.tvol.name;
    let tv: TVol;
    if (!extend) {
      tv = p.tvol;
      tv.owner = null;
      p.state = 'takenOver';
    } else {
      // RC-T-2 (`ldev`), RC-T-3 (`group`): one volume of the source's capacity named by the pair's target.
      const space = p.vol.tracks * this.tb;
      const known = new Array<Uint8Array | null>(p.vol.tracks).fill(null);
      for (const q of group) for (const t of areaTracks(q.area)) known[t] = q.tvol.known[t]!;
      // RC-T-5: track 0 outside the copied area holds zeros (unknown while stale-volume-B stands, in the fifth embodiment's design).
      if (!inArea(area, 0) && !(this.design === 'group' && KNOWN_MODEL_BUGS.has('stale-volume-B'))) known[0] = new Uint8Array(this.tb);
      tv = { name, space, tracks: p.vol.tracks, mapped: [[0, space - 1]], capacityBytes: space, known, owner: null, copy: null, takenOver: false };
      for (const q of group) {
        this.tvols.delete(q.tvol.name);
        q.tvol = tv;
        q.state = 'takenOver';
        if (q !== p) q.takenOverWith = p.id;
      }
      this.tvols.set(name, tv);
      if (this.design === 'group') {
        p.state = 'takingOver';
        tv.copy = { area, pointer: area[0]![0], pending: new Set(areaTracks(area)) };
      }
    }
    if (erased.length > 0) {
      const bytes = encodeRefVtoc(kept);
      tv.known[0]!.set(bytes, 0);
    }
    tv.takenOver = true;
    return { kept: kept.map((d) => d.name).sort(), erased: erased.map((d) => d.name).sort(), group };
  }

  // --- devices

  canFail(sys: string, device: number): boolean {
    const h = this.health[sys]!;
    const d = device % h.length;
    const degraded = h.filter((x) => x !== 'healthy').length + (h[d] === 'healthy' ? 1 : 0);
    return h[d] !== 'failed' && degraded <= this.tolerance[sys]!;
  }
}

// ---------------------------------------------------------------------------
// After every command

const STATUS = (pair: string, expect: Record<string, unknown>): Step => ({ op: 'status', pair, expect });

function realPair(r: TraceRun, id: string): RemotePair | undefined {
  return r.ctx.model.remote.pairs.get(id);
}

/** Longest read the checker makes at once (a track more when one track is longer): the buffers stay small and warm. */
const VERIFY_READ_BYTES = 65536;

/** Reads of runs of known tracks (all of them, or the scoped ones: CHK-1); the first difference becomes a witness. */
function verifyKnown(
  m: RcModel, r: TraceRun, system: string, volume: string, known: readonly (Uint8Array | null)[], what: string,
  note: (message: string, w: Witness | null) => void, tracks: TrackScope,
): boolean {
  const tb = m.tb;
  const pick = tracks === 'all' ? null : new Set(tracks);
  const wanted = (t: number) => known[t] !== null && known[t] !== undefined && (pick === null || pick.has(t));
  for (let t = 0; t < known.length; ) {
    if (!wanted(t)) {
      t = pick === null ? t + 1 : nextIn(tracks as readonly number[], t + 1, known.length);
      continue;
    }
    let end = t + 1;
    while (end < known.length && wanted(end) && (end + 1 - t) * tb <= VERIFY_READ_BYTES) end++;
    const got = attempt(() => hostRead(r.ctx.model, system, volume, t * tb, (end - t) * tb));
    if (!got.ok) {
      note(`${what} tracks ${t}..${end - 1}: refused with ${got.code}: ${got.message}`, null);
      return false;
    }
    for (let u = t; u < end; u++) {
      const want = known[u]!;
      const g = got.value.subarray((u - t) * tb, (u - t + 1) * tb);
      const i = firstDiff(g, want);
      if (i >= 0) {
        note(`${what} track ${u} byte ${i} is ${g[i]}, expected ${want[i]}`, diffWitness(system, volume, u * tb, g, want));
        return false;
      }
    }
    t = end;
  }
  return true;
}

/** The first of the ascending `tracks` at or after `from` (`limit` when none). */
function nextIn(tracks: readonly number[], from: number, limit: number): number {
  for (const t of tracks) if (t >= from) return Math.min(t, limit);
  return limit;
}

/**
 * Everything the model predicts, compared with the system; the volumes' bytes under `scope`
 * (CHK-1: the tracks either side changed since the last command; FULL: all of them).
 */
export function verify(m: RcModel, r: TraceRun, scope: CheckScope): void {
  const witnesses: Witness[] = [];
  const why: string[] = [];
  const note = (message: string, w: Witness | null) => {
    why.push(message);
    if (w) witnesses.push(w);
  };
  const real = r.ctx.model.remote.pairs;
  for (const p of m.dataOnly ? [] : m.pairs) {
    const q = real.get(p.id);
    if (!q) {
      note(`pair ${p.id} is gone`, { actual: { op: 'status', pair: p.id, expectError: 'NOT_FOUND' }, expected: STATUS(p.id, { state: p.state }) });
      continue;
    }
    if (q.state !== p.state) {
      note(`pair ${p.id} is ${q.state}, expected ${p.state}`, { actual: STATUS(p.id, { state: q.state }), expected: STATUS(p.id, { state: p.state }) });
      continue;
    }
    if (q.pointer !== p.pointer) note(`pair ${p.id} (${p.state}): pointer ${q.pointer}, expected ${p.pointer}`, { actual: STATUS(p.id, { copy: { pointer: q.pointer } }), expected: STATUS(p.id, { copy: { pointer: p.pointer } }) });
    const diff = p.bits.findIndex((b, t) => (q.bits.get(t) ? 1 : 0) !== b);
    if (diff >= 0) {
      const want = p.bits.reduce((n, b) => n + b, 0);
      const got = q.bits.count();
      note(`pair ${p.id} (${p.state}): difference bit of track ${diff} is ${q.bits.get(diff) ? 1 : 0}, expected ${p.bits[diff]}`,
        got === want ? null : { actual: STATUS(p.id, { bits: { difference: got } }), expected: STATUS(p.id, { bits: { difference: want } }) });
    }
    if (q.consistent !== p.consistent) note(`pair ${p.id}: consistent ${q.consistent}, expected ${p.consistent}`, { actual: STATUS(p.id, { consistent: q.consistent }), expected: STATUS(p.id, { consistent: p.consistent }) });
    if (p.state === 'suspended' && q.suspendReason !== p.reason) {
      note(`pair ${p.id}: suspended for ${q.suspendReason}, expected ${p.reason}`, { actual: STATUS(p.id, { suspendReason: q.suspendReason }), expected: STATUS(p.id, { suspendReason: p.reason }) });
    }
    if (q.takenOverWith !== p.takenOverWith) note(`pair ${p.id}: taken over with ${q.takenOverWith}, expected ${p.takenOverWith}`, null);
    if (q.targetKey !== `${T}:${p.tvol.name}`) note(`pair ${p.id}: target ${q.targetKey}, expected ${T}:${p.tvol.name}`, null);
    const copy = p.state === 'takingOver' ? p.tvol.copy : null;
    const qc = q.takeoverCopy;
    if (copy && (!qc || qc.pointer !== copy.pointer || qc.pending.count() !== copy.pending.size)) {
      const want = { pointer: copy.pointer, pending: copy.pending.size };
      note(`pair ${p.id}: takeover copy ${json(qc ? { pointer: qc.pointer, pending: qc.pending.count() } : null)}, expected ${json(want)}`, null);
    }
  }
  for (const id of m.dataOnly ? [] : real.keys()) if (!m.pair(id)) note(`pair ${id} exists, the model deleted it`, { actual: STATUS(id, { state: real.get(id)!.state }), expected: { op: 'status', pair: id, expectError: 'NOT_FOUND' } });
  // RC-INV-6: one table of the source's pool per copying/duplex/suspended pair.
  const pool = r.ctx.model.systems.get(S)!.pairTablePool;
  const held = m.activePairs().length;
  if (!m.dataOnly && pool.inUse !== held) note(`RC-INV-6: ${pool.inUse} pair tables of ${S} in use, the live copying/duplex/suspended pairs hold ${held}`, null);
  for (const p of m.dataOnly ? [] : m.pairs) if (pool.heldBy(p.id) !== (active(p.state) ? 1 : 0)) note(`RC-INV-6: pair ${p.id} (${p.state}) holds ${pool.heldBy(p.id)} tables`, null);
  // Source volumes read back what the host wrote.
  if (!m.sFailed) {
    const system = r.ctx.model.systems.get(S)!;
    for (const v of m.vols) {
      const tracks = scope.tracks(system.volume(v.id));
      if (tracks !== 'all' && tracks.length === 0) continue;
      verifyKnown(m, r, S, v.id, m.srcKnown(v), `source ${v.key}`, note, tracks);
    }
  }
  // T's volumes: names, mappings, capacities, known bytes.
  if (!m.tFailed) {
    const system = r.ctx.model.systems.get(T)!;
    const names = [...system.volumes.keys()].sort();
    const want = [...m.tvols.keys()].sort();
    if (json(names) !== json(want)) note(`${T} holds volumes ${json(names)}, expected ${json(want)}`, null);
    for (const tv of m.tvols.values()) {
      const v = system.volumes.get(tv.name);
      if (!v) continue;
      const tracks = scope.tracks(v);
      if (tracks === 'all' || tracks.length > 0) {
        const mapped = v.mappedRanges();
        if (json(mapped) !== json(tv.mapped)) note(`RC-INV-4/5: ${T}:${tv.name} maps ${json(mapped)}, expected ${json(tv.mapped)}`, null);
        if (v.capacityBytes !== tv.capacityBytes) {
          note(`RC-INV-4/5: ${T}:${tv.name} holds ${v.capacityBytes} bytes, expected ${tv.capacityBytes}`,
            { actual: { op: 'volumeInfo', system: T, volume: tv.name, expect: { bytes: v.capacityBytes } }, expected: { op: 'volumeInfo', system: T, volume: tv.name, expect: { bytes: tv.capacityBytes } } });
        }
        verifyKnown(m, r, T, tv.name, tv.known, `${T}:${tv.name}`, note, tracks);
      }
    }
  }
  const c = checkWitness(r, scope);
  if (c) note(c.message, c.witness);
  if (why.length > 0) throw new CommandFailure(why.join('; '), witnesses, false);
}

// ---------------------------------------------------------------------------
// Commands: each is one trace step

export abstract class RcCommand implements fc.Command<RcModel, TraceRun> {
  /** Setup steps run through the same code but are not counted as commands. */
  setup = false;
  /** Compare every volume, not only those the model changed. */
  protected readonly full: boolean = false;

  check(_m: Readonly<RcModel>): boolean {
    return true;
  }

  run(m: RcModel, r: TraceRun): void {
    const before = m.stateMap();
    try {
      this.apply(m, r);
      const scope = r.ctx.changes.take();
      verify(m, r, this.full ? FULL : scope);
    } catch (e) {
      throw withTrace(e, r);
    }
    const after = m.stateMap();
    m.commandsRun++;
    for (const [id, s] of after) if (s === 'suspended' && before.get(id) !== 'suspended') m.suspendedAt.set(id, m.commandsRun);
    const reached = m.reached;
    if (!reached || this.setup) return;
    bump(reached, 'commands');
    const op = r.log[r.log.length - 1]?.op ?? '?';
    for (const [id, b] of before) {
      const a = after.get(id) ?? 'simplex';
      if (a !== b) {
        bump(reached, `transition:${b}->${a}`);
        bump(reached, `via:${b}-${op}->${a}`);
        if (a === 'simplex') bump(reached, 'state:simplex');
        if (a === 'suspended') bump(reached, `suspended:${m.pair(id)?.reason}`);
      }
    }
    for (const [id, a] of after) if (!before.has(id)) bump(reached, `transition:none->${a}`);
    for (const p of m.pairs) bump(reached, `state:${p.state}`);
  }

  protected abstract apply(m: RcModel, r: TraceRun): void;
  abstract toString(): string;
}

function outcomeOf(out: StepOutcome): Outcome {
  return out.ok ? 'ok' : (out.error!.code as ErrorCode);
}

/** A request: counted as accepted or refused with its code. */
function request(m: RcModel, r: TraceRun, step: Step, allowed: readonly Outcome[], count = true): Outcome {
  const got = outcomeOf(exec(r, step, allowed));
  if (count) bump(m.reached, got === 'ok' ? `accepted:${step.op}` : `refused:${step.op}:${got}`);
  return got;
}

/** Compares a read's bytes (by sha256) with the model's, when it knows them. */
function judgeRead(out: StepOutcome, step: Step, want: Uint8Array | null): void {
  if (!out.ok || !want) return;
  const sha = sha256Hex(want);
  if (out.sha256 === sha) return;
  const actual = typeof out.hex === 'string' ? dataOf(Buffer.from(out.hex, 'hex')) : { sha256: out.sha256 };
  throw new CommandFailure(`${json(step)}: read ${json(actual)}, expected ${json(dataOf(want))}`, [{ actual: { ...step, expect: actual }, expected: { ...step, expect: dataOf(want) } }], true);
}

export class CreateCommand extends RcCommand {
  constructor(readonly spec: CreateSpec) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return m.created < MAX_PAIRS;
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const c = m.resolveCreate(this.spec);
    const name = c.targetVolume ?? `${c.id}-T`;
    const step: Step = {
      op: 'pairCreate', id: c.id, kind: 'remote', source: c.vol.key, target: T, extents: c.extents,
      ...(c.allocate === 'full' ? { allocate: 'full' } : {}), ...(c.fence === 'data' ? { fence: 'data' } : {}),
      ...(c.targetVolume ? { targetVolume: c.targetVolume } : {}),
    };
    const area = normalizeArea(c.extents);
    const siblings = m.activePairs().filter((p) => p.vol === c.vol).length;
    if (!this.setup) bump(m.reached, `createTried:${this.spec.mode}:${siblings > 0 ? 'busy' : 'idle'}`);
    const got = request(m, r, step, m.expectCreate(c.vol, area, name), !this.setup);
    if (got !== 'ok') return;
    const others = m.activePairs().filter((p) => p.vol === c.vol).map((p) => p.area);
    m.applyCreate(c.id, c.vol, c.extents, c.fence, c.allocate, name);
    if (this.setup) return;
    countCreate(m.reached, area, others, c.vol.tracks, Math.max(1, Math.floor(m.scenario.ldevBytesT / m.tb)));
    if (siblings > 0) bump(m.reached, 'createdSibling');
    if (inArea(area, 0)) bump(m.reached, 'createdWithTrack0');
    bump(m.reached, `created:${m.design}:${c.allocate}:${c.fence}`);
  }

  toString(): string {
    const s = this.spec;
    return `pairCreate(V${s.vol}, ${s.mode} ${s.start}+${s.len1}${s.len2 ? ` gap ${s.gap} +${s.len2}` : ''}${s.reversed ? ' reversed' : ''}, ${s.fence}, ${s.allocate}, ${s.name})`;
  }
}

/** Where a host I/O of a source volume lands, resolved against the model when it runs. */
export type SrcTarget =
  | { readonly kind: 'track'; readonly vol: number; readonly t: number }
  | { readonly kind: 'edge'; readonly pick: number; readonly ext: number; readonly which: 0 | 1 | 2 | 3 }
  | { readonly kind: 'pointer'; readonly pick: number; readonly d: number }
  | { readonly kind: 'recorded'; readonly pick: number; readonly k: number };

function resolveSrc(m: Readonly<RcModel>, target: SrcTarget): { vol: SrcVol; t: number } {
  const clampIn = (v: SrcVol, t: number) => Math.max(0, Math.min(v.tracks - 1, t));
  if (target.kind === 'track') {
    const vol = m.vols[target.vol % m.vols.length]!;
    return { vol, t: target.t % vol.tracks };
  }
  const { pair } = (m as RcModel).pickPair(target.pick, (p) => active(p.state));
  if (!pair) return { vol: m.vols[0]!, t: target.pick % m.vols[0]!.tracks };
  const vol = pair.vol;
  switch (target.kind) {
    case 'edge': {
      const e = pair.area[target.ext % pair.area.length]!;
      return { vol, t: clampIn(vol, [e[0] - 1, e[0], e[1], e[1] + 1][target.which]!) };
    }
    case 'pointer': return { vol, t: clampIn(vol, pair.pointer + target.d) };
    case 'recorded': {
      const set = areaTracks(pair.area).filter((t) => pair.bits[t] === 1);
      return { vol, t: set.length > 0 ? set[target.k % set.length]! : clampIn(vol, pair.pointer) };
    }
  }
}

function describeSrc(t: SrcTarget): string {
  switch (t.kind) {
    case 'track': return `V${t.vol} track ${t.t}`;
    case 'edge': return `edge ${t.which} of extent ${t.ext} of pair #${t.pick}`;
    case 'pointer': return `pointer of pair #${t.pick} ${t.d >= 0 ? '+' : ''}${t.d}`;
    case 'recorded': return `recorded track ${t.k} of pair #${t.pick}`;
  }
}

/** Writes that are not meant to damage the VTOC start past its bytes in track 0 (spec/vtoc.md VTOC-F-3). */
const VTOC_SPARE_BYTES = 512;

function spareVtoc(r: { offset: number; length: number }, tb: number, hitVtoc: boolean): { offset: number; length: number } {
  if (hitVtoc || r.offset >= VTOC_SPARE_BYTES) return r;
  const offset = VTOC_SPARE_BYTES + (r.offset % (tb - VTOC_SPARE_BYTES));
  return { offset, length: Math.max(1, Math.min(r.length, tb - offset)) };
}

export class WriteSourceCommand extends RcCommand {
  constructor(
    readonly target: SrcTarget,
    readonly shape: Shape,
    readonly fill: number,
    /** May write over the VTOC in track 0 (else such a write starts past it). */
    readonly hitVtoc = false,
  ) {
    super();
  }

  /** Once S has failed, only one write in four is still tried (each is refused). */
  override check(m: Readonly<RcModel>): boolean {
    return !m.sFailed || this.fill % 4 === 0;
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { vol, t } = resolveSrc(m, this.target);
    const { offset, length } = spareVtoc(shapeRange(t, this.shape, vol.tracks, m.tb), m.tb, this.hitVtoc);
    const step: Step = { op: 'write', system: S, volume: vol.id, offset, data: { fill: this.fill, length } };
    if (m.sFailed) {
      request(m, r, step, ['SYSTEM_FAILED']);
      return;
    }
    const plan = m.planSourceWrite(vol, offset, length);
    const out = exec(r, step, plan.refusals.length > 0 ? plan.refusals : ['ok']);
    if (!out.ok) {
      bump(m.reached, `route:refused:${out.error!.code}`);
      return;
    }
    // RC-W-3: the host is acknowledged after each target that takes a transfer stored it.
    const acked = [...(out.acknowledgedAfter as string[])].sort();
    const want = [vol.key, ...plan.shares.filter((x) => x.transfer.length > 0).map((x) => `${T}:${x.pair.tvol.name}`)].sort();
    if (json(acked) !== json(want)) throw new CommandFailure(`${json(step)}: acknowledged after ${json(acked)}, expected ${json(want)} (RC-W-3)`, [], false);
    m.applySourceWrite(vol, offset, new Uint8Array(length).fill(this.fill), plan.shares);
    for (const s of plan.shares) {
      bump(m.reached, `route:transfer`, s.transfer.length);
      bump(m.reached, `route:record`, s.record.length);
      if (s.record.length > 0) bump(m.reached, `route:record:${s.pair.state}`);
      if (s.transfer.length > 0) bump(m.reached, `route:transfer:${s.pair.state}`);
    }
    bump(m.reached, 'route:outside', plan.outside);
    if (this.target.kind === 'pointer') bump(m.reached, 'writesNearPointer');
    if (this.target.kind === 'recorded') bump(m.reached, 'writesOnRecorded');
    if (this.target.kind === 'edge') bump(m.reached, 'writesAtEdges');
    const written = touchedTracks(offset, length, m.tb);
    if (written.length > 1) bump(m.reached, 'writesSpanningTracks');
    countWrite(m.reached, written[0]!, written[written.length - 1]!, m.activePairs().filter((p) => p.vol === vol && p.state === 'copying').map((p) => p.pointer));
  }

  toString(): string {
    return `write(${describeSrc(this.target)}, ${describeShape(this.shape)}, fill ${this.fill}${this.hitVtoc ? ', over the VTOC' : ''})`;
  }
}

export class ReadSourceCommand extends RcCommand {
  constructor(
    readonly target: SrcTarget,
    readonly shape: Shape,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return !m.sFailed || this.target.kind === 'track';
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { vol, t } = resolveSrc(m, this.target);
    const { offset, length } = shapeRange(t, this.shape, vol.tracks, m.tb);
    const step: Step = { op: 'read', system: S, volume: vol.id, offset, length };
    const out = exec(r, step, m.sFailed ? ['SYSTEM_FAILED'] : ['ok']);
    judgeRead(out, step, out.ok ? vol.bytes.slice(offset, offset + length) : null);
    bump(m.reached, out.ok ? 'sourceReads' : 'sourceReadsRefused');
  }

  toString(): string {
    return `read(${describeSrc(this.target)}, ${describeShape(this.shape)})`;
  }
}

/** Where a host I/O of a T volume lands: a mapped track, a track the takeover copy has not reached, or any track. */
export type TgtTarget =
  | { readonly kind: 'mapped'; readonly k: number }
  | { readonly kind: 'pending'; readonly k: number }
  | { readonly kind: 'any'; readonly t: number };

function resolveTgt(m: Readonly<RcModel>, pick: number, target: TgtTarget): { tv: TVol | undefined; name: string; t: number } {
  const names = [...m.tvols.keys()];
  if (names.length === 0) return { tv: undefined, name: 'P1-T', t: 0 };
  // Prefer the volumes the host may use (taken over, deleted pairs' targets).
  const hostVols = names.filter((n) => !m.tvols.get(n)!.owner);
  const pool = pick % 4 === 3 || hostVols.length === 0 ? names : hostVols;
  const name = pool[Math.floor(pick / 4) % pool.length]!;
  const tv = m.tvols.get(name)!;
  const tb = m.tb;
  const mappedTracks = Array.from({ length: tv.tracks }, (_, t) => t).filter((t) => rangesCover(tv.mapped, t * tb, (t + 1) * tb - 1));
  let t: number;
  switch (target.kind) {
    case 'mapped': t = mappedTracks.length > 0 ? mappedTracks[target.k % mappedTracks.length]! : 0; break;
    case 'pending': {
      const pending = tv.copy ? [...tv.copy.pending].sort((a, b) => a - b) : [];
      t = pending.length > 0 ? pending[target.k % pending.length]! : mappedTracks.length > 0 ? mappedTracks[target.k % mappedTracks.length]! : 0;
      break;
    }
    case 'any': t = target.t % tv.tracks; break;
  }
  return { tv, name, t };
}

function describeTgt(pick: number, t: TgtTarget): string {
  return `T volume #${pick} ${t.kind} ${t.kind === 'any' ? t.t : t.k}`;
}

export class WriteTargetCommand extends RcCommand {
  constructor(
    readonly pick: number,
    readonly target: TgtTarget,
    readonly shape: Shape,
    readonly fill: number,
  ) {
    super();
  }

  private range(m: Readonly<RcModel>): { tv: TVol | undefined; name: string; offset: number; length: number } {
    const { tv, name, t } = resolveTgt(m, this.pick, this.target);
    return { tv, name, ...spareVtoc(shapeRange(t, this.shape, tv?.tracks ?? 1, m.tb), m.tb, this.fill % 5 === 0) };
  }

  override check(m: Readonly<RcModel>): boolean {
    if (m.avoid.has('RC-E-1') && [...m.tvols.values()].some((tv) => tv.copy)) return false; // literal, RC-E-1 avoided: no host I/O during takingOver
    if (!KNOWN_MODEL_BUGS.has('stale-volume-B') || m.design !== 'group') return true;
    // stale-volume-B: no partial write to a track of volume B whose (stale) bytes the model does not know.
    const { tv, offset, length } = this.range(m);
    if (!tv?.takenOver) return true;
    return touchedTracks(offset, length, m.tb).every((t) => tv.known[t] || (offset <= t * m.tb && offset + length >= (t + 1) * m.tb));
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { tv, name, offset, length } = this.range(m);
    const step: Step = { op: 'write', system: T, volume: name, offset, data: { fill: this.fill, length } };
    const got = request(m, r, step, m.expectTargetIo(tv, offset, length, true), false);
    if (got !== 'ok') {
      bump(m.reached, `targetWritesRefused:${got}`);
      return;
    }
    m.applyTargetWrite(tv!, offset, new Uint8Array(length).fill(this.fill));
    bump(m.reached, tv!.copy ? 'targetWrites:takingOver' : 'targetWrites:host');
    if (tv!.copy && touchedTracks(offset, length, m.tb).some((u) => tv!.copy!.pending.has(u))) bump(m.reached, 'targetWrites:pendingTrack');
  }

  toString(): string {
    return `write(${describeTgt(this.pick, this.target)}, ${describeShape(this.shape)}, fill ${this.fill})`;
  }
}

export class ReadTargetCommand extends RcCommand {
  constructor(
    readonly pick: number,
    readonly target: TgtTarget,
    readonly shape: Shape,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    if (!m.avoid.has('RC-E-1')) return true;
    return ![...m.tvols.values()].some((tv) => tv.copy);
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { tv, name, t } = resolveTgt(m, this.pick, this.target);
    const { offset, length } = shapeRange(t, this.shape, tv?.tracks ?? 1, m.tb);
    const step: Step = { op: 'read', system: T, volume: name, offset, length };
    const out = exec(r, step, m.expectTargetIo(tv, offset, length, false));
    judgeRead(out, step, out.ok && tv ? m.predict(tv.known, offset, length) : null);
    bump(m.reached, !out.ok ? `targetReadsRefused:${out.error!.code}` : tv!.copy ? 'targetReads:takingOver' : tv!.owner ? 'targetReads:paired' : 'targetReads:host');
  }

  toString(): string {
    return `read(${describeTgt(this.pick, this.target)}, ${describeShape(this.shape)})`;
  }
}

/** Which pairs a request prefers (`smart`), so that most requests are ones the state accepts. */
type Prefer = (p: RefPair) => boolean;

abstract class PairCommand extends RcCommand {
  constructor(
    readonly pick: number,
    readonly smart: boolean,
  ) {
    super();
  }

  protected abstract readonly prefer: Prefer;

  protected target(m: RcModel): { id: string; pair: RefPair | undefined } {
    return m.pickPair(this.pick, this.smart ? this.prefer : undefined);
  }
}

export class StepCommand extends PairCommand {
  /** `aim` (CHK-6): instead of `units`, to `aim` tracks past the next 32-track word boundary from the pointer. */
  constructor(
    pick: number,
    smart: boolean,
    readonly units: number,
    readonly aim: number | null = null,
  ) {
    super(pick, smart);
  }

  private unitsFor(pair: RefPair | undefined): number {
    if (this.aim === null || !pair) return this.units;
    return Math.max(1, (Math.floor(pair.pointer / 32) + 1) * 32 - pair.pointer + this.aim);
  }

  protected readonly prefer: Prefer = (p) => p.state === 'copying' || p.state === 'takingOver';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    const units = this.unitsFor(pair);
    const step: Step = { op: 'step', pair: id, tracks: units };
    const allowed = m.expectStep(pair);
    const out = exec(r, step, allowed);
    bump(m.reached, out.ok ? `accepted:step:${pair!.state}` : `refused:step:${out.error!.code}`);
    if (!out.ok) return;
    const from = pair!.pointer;
    const copying = pair!.state === 'copying';
    const advanced = m.applyStep(pair!, units);
    if (copying) countStep(m.reached, from, pair!.pointer);
    if (out.advanced !== advanced) throw new CommandFailure(`step: advanced ${String(out.advanced)}, expected ${advanced}`, [], false);
  }

  toString(): string {
    return `step(#${this.pick}${this.smart ? '' : ' any'}, ${this.aim === null ? this.units : `to ${this.aim} past a multiple of 32`})`;
  }
}

export class SettleCommand extends RcCommand {
  protected apply(m: RcModel, r: TraceRun): void {
    exec(r, { op: 'settle' }, ['ok']);
    m.applySettle();
    bump(m.reached, 'settles');
  }

  toString(): string {
    return 'settle';
  }
}

export class SuspendCommand extends PairCommand {
  protected readonly prefer: Prefer = (p) => p.state === 'copying' || p.state === 'duplex';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    if (request(m, r, { op: 'pairSuspend', pair: id }, m.expectSuspend(pair)) === 'ok') m.suspend(pair!, 'request');
  }

  toString(): string {
    return `pairSuspend(#${this.pick})`;
  }
}

export class ResyncCommand extends PairCommand {
  protected readonly prefer: Prefer = (p) => p.state === 'suspended';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    if (request(m, r, { op: 'pairResync', pair: id }, m.expectResync(pair)) === 'ok') m.applyResync(pair!);
  }

  toString(): string {
    return `pairResync(#${this.pick})`;
  }
}

export class DeleteCommand extends PairCommand {
  protected readonly prefer: Prefer = (p) => p.state !== 'takingOver';

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    const state = pair?.state;
    if (request(m, r, { op: 'pairDelete', pair: id }, m.expectDelete(pair)) !== 'ok') return;
    m.applyDelete(pair!);
    bump(m.reached, `deleted:${state}`);
  }

  toString(): string {
    return `pairDelete(#${this.pick})`;
  }
}

export class TakeoverCommand extends PairCommand {
  constructor(
    pick: number,
    smart: boolean,
    readonly extend: boolean,
  ) {
    super(pick, smart);
  }

  protected readonly prefer: Prefer = (p) => p.state === 'duplex' || (p.state === 'suspended' && p.consistent);

  override check(m: Readonly<RcModel>): boolean {
    return !(m.avoid.has('RC-E-1') && this.extend && m.design === 'group');
  }

  /** Smart: a pair whose takeover (with its siblings, when extending) the spec accepts. */
  protected override target(m: RcModel): { id: string; pair: RefPair | undefined } {
    if (!this.smart) return m.pickPair(this.pick);
    // CHK-6: a pair suspended a moment ago first, accepted or not (a takeover before the copy finished is refused).
    if (m.pairs.some((p) => m.justSuspended(p)) && this.pick % 2 === 0) return m.pickPair(this.pick >> 1, (p) => m.justSuspended(p));
    const ok = (p: RefPair) => (this.extend ? m.siblingsOf(p) : [p]).every(this.prefer);
    return m.pickPair(this.pick, (p) => this.prefer(p) && ok(p));
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    if (pair && m.justSuspended(pair)) bump(m.reached, 'takeoverAfterSuspend');
    const step: Step = { op: 'takeover', pair: id, ...(this.extend ? {} : { extend: false }) };
    const allowed = m.expectTakeover(pair, this.extend);
    const ldevs = allowed[0] === 'ok' && this.extend && m.design === 'ldev' ? ldevsBefore(m, r, m.siblingsOf(pair!)) : null;
    const out = exec(r, step, allowed);
    if (!out.ok) {
      bump(m.reached, `refused:takeover:${out.error!.code}`);
      return;
    }
    const source = pair!.state;
    countTakeover(m.reached, pair!.area, m.scenario.datasets.filter((d) => d.vol === pair!.vol.idx));
    const { kept, erased, group } = m.applyTakeover(pair!, this.extend);
    if (ldevs) ldevsAfter(m, r, pair!.tvol, ldevs);
    const got = { kept: out.datasetsKept, erased: out.datasetsErased, pairs: out.takenOver };
    const want = { kept, erased, pairs: group.map((q) => q.id) };
    if (json(got) !== json(want)) throw new CommandFailure(`takeover: ${json(got)}, expected ${json(want)} (RC-T-1, RC-T-5)`, [], false);
    bump(m.reached, `takeover:${m.design}:${this.extend ? 'extend' : 'noExtend'}`);
    bump(m.reached, `takeover:from:${source}`);
    if (m.sFailed) bump(m.reached, 'takeover:afterSourceFailure');
    if (group.length > 1) bump(m.reached, 'takeover:withSiblings');
    if (erased.length > 0) bump(m.reached, 'takeover:datasetsErased');
    if (kept.length > 0) bump(m.reached, 'takeover:datasetsKept');
  }

  toString(): string {
    return `takeover(#${this.pick}${this.extend ? '' : ', extend false'})`;
  }
}

/** Where an address of a T volume lives: `LDEV@offset`, or null when it is not mapped. */
function backing(r: TraceRun, volume: string, address: number): { ldev: number | null; at: string } | null {
  const v = r.ctx.model.systems.get(T)!.volumes.get(volume);
  const got = v ? attempt(() => v.locate(address)) : null;
  if (!got?.ok) return null;
  const { entry, ldevOffset } = got.value;
  return { ldev: entry.ldev.number, at: `${entry.ldev.number}@${ldevOffset}` };
}

interface LdevsBefore {
  /** Per copied track of the pair and its siblings: where its first byte lived. */
  readonly copied: Map<number, string>;
  /** Tracks some target of the group mapped before. */
  readonly mapped: Set<number>;
  readonly free: (n: number) => boolean;
}

/** RC-T-2, before an extension in the `ldev` design: where the copied tracks live, which LDEVs are free. */
function ldevsBefore(m: RcModel, r: TraceRun, group: readonly RefPair[]): LdevsBefore {
  const copied = new Map<number, string>();
  const mapped = new Set<number>();
  for (const q of group) {
    for (const t of areaTracks(q.area)) copied.set(t, backing(r, q.tvol.name, t * m.tb)?.at ?? 'unmapped');
    for (let t = 0; t < q.tvol.tracks; t++) if (rangesCover(q.tvol.mapped, t * m.tb, t * m.tb)) mapped.add(t);
  }
  const system = r.ctx.model.systems.get(T)!;
  const freeNow = new Set<number>();
  for (const g of system.groups.values()) for (const l of system.pool.inGroup(g)) if (system.pool.isFree(l.number)) freeNow.add(l.number);
  return { copied, mapped, free: (n) => freeNow.has(n) };
}

/** RC-T-2: the copied addresses keep their LDEVs; every address no target of the group mapped is on a fresh (then free) LDEV. */
function ldevsAfter(m: RcModel, r: TraceRun, tv: TVol, before: LdevsBefore): void {
  for (const [t, at] of before.copied) {
    const now = backing(r, tv.name, t * m.tb)?.at ?? 'unmapped';
    if (now !== at) throw new CommandFailure(`RC-T-2: copied track ${t} of ${T}:${tv.name} moved from LDEV ${at} to ${now}`, [], false);
  }
  for (let t = 0; t < tv.tracks; t++) {
    if (before.mapped.has(t)) continue;
    const now = backing(r, tv.name, t * m.tb);
    if (!now || now.ldev === null || !before.free(now.ldev)) throw new CommandFailure(`RC-T-2: track ${t} of ${T}:${tv.name}, unmapped before, is on ${now?.at ?? 'nothing'}, not a fresh LDEV`, [], false);
  }
  bump(m.reached, 'takeover:ldevsKept');
}

export class LinkCommand extends RcCommand {
  constructor(readonly up: boolean) {
    super();
  }

  /** Only a change: a path already up (down) is refused INVALID_STATE, which tells nothing here. */
  override check(m: Readonly<RcModel>): boolean {
    return m.linkUp !== this.up;
  }

  protected apply(m: RcModel, r: TraceRun): void {
    request(m, r, { op: this.up ? 'linkUp' : 'linkDown', between: [S, T] }, ['ok']);
    m.applyLink(this.up);
  }

  toString(): string {
    return this.up ? 'linkUp' : 'linkDown';
  }
}

export class SystemFailCommand extends RcCommand {
  constructor(readonly system: 'S' | 'T') {
    super();
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const failed = this.system === S ? m.sFailed : m.tFailed;
    if (request(m, r, { op: 'systemFail', system: this.system }, failed ? ['SYSTEM_FAILED'] : ['ok']) === 'ok') m.applySystemFail(this.system);
  }

  toString(): string {
    return `systemFail(${this.system})`;
  }
}

/** A device failure the RAID level survives (no DATA_LOSS ever: a refusal would be a bug). */
export class DeviceFailCommand extends RcCommand {
  constructor(
    readonly system: 'S' | 'T',
    readonly device: number,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return m.canFail(this.system, this.device);
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const h = m.health[this.system]!;
    const d = this.device % h.length;
    const failed = this.system === S ? m.sFailed : m.tFailed;
    if (request(m, r, { op: 'deviceFail', system: this.system, raidGroup: 'RG', device: d }, failed ? ['SYSTEM_FAILED'] : ['ok']) === 'ok') h[d] = 'failed';
  }

  toString(): string {
    return `deviceFail(${this.system}, ${this.device})`;
  }
}

export class DeviceReplaceCommand extends RcCommand {
  constructor(
    readonly system: 'S' | 'T',
    readonly device: number,
  ) {
    super();
  }

  protected apply(m: RcModel, r: TraceRun): void {
    const h = m.health[this.system]!;
    const failedAt = h.map((x, i) => (x === 'failed' ? i : -1)).filter((i) => i >= 0);
    const d = failedAt.length > 0 ? failedAt[this.device % failedAt.length]! : this.device % h.length;
    const down = this.system === S ? m.sFailed : m.tFailed;
    const allowed: Outcome[] = down ? ['SYSTEM_FAILED'] : h[d] === 'failed' ? ['ok'] : ['INVALID_STATE'];
    if (request(m, r, { op: 'deviceReplace', system: this.system, raidGroup: 'RG', device: d }, allowed) === 'ok') h[d] = 'rebuilding';
  }

  toString(): string {
    return `deviceReplace(${this.system}, ${this.device})`;
  }
}

export class StatusCommand extends PairCommand {
  protected readonly prefer: Prefer = () => true;

  protected apply(m: RcModel, r: TraceRun): void {
    const { id, pair } = this.target(m);
    const out = exec(r, { op: 'status', pair: id }, pair ? ['ok'] : ['NOT_FOUND']);
    if (out.ok && out.state !== pair!.state) throw new CommandFailure(`status: ${String(out.state)}, expected ${pair!.state}`, [{ actual: STATUS(id, { state: out.state }), expected: STATUS(id, { state: pair!.state }) }], true);
  }

  toString(): string {
    return `status(#${this.pick})`;
  }
}

/** `datasets` of a source volume or of a T volume (RC-T-5, RC-INV-5). */
export class DatasetsCommand extends RcCommand {
  constructor(
    readonly onTarget: boolean,
    readonly pick: number,
  ) {
    super();
  }

  override check(m: Readonly<RcModel>): boolean {
    return !(this.onTarget && m.avoid.has('RC-E-1') && [...m.tvols.values()].some((tv) => tv.copy));
  }

  protected apply(m: RcModel, r: TraceRun): void {
    let system: string;
    let volume: string;
    let allowed: Outcome[];
    let track0: Uint8Array | null = null;
    let tracks: number;
    if (!this.onTarget || m.tvols.size === 0) {
      const v = m.vols[this.pick % m.vols.length]!;
      [system, volume, tracks] = [S, v.id, v.tracks];
      track0 = m.sFailed ? null : m.srcTrack(v, 0);
      allowed = m.sFailed ? ['SYSTEM_FAILED'] : ['ok'];
    } else {
      const { tv, name } = resolveTgt(m, this.pick, { kind: 'any', t: 0 });
      [system, volume, tracks] = [T, name, tv!.tracks];
      allowed = m.expectTargetIo(tv, 0, m.tb, false);
      track0 = allowed[0] === 'ok' ? tv!.known[0] ?? null : null;
      if (allowed[0] === 'ok' && !track0) allowed = ['ok', 'VTOC_DAMAGED'];
    }
    const decoded = track0 ? decodeRefVtoc(track0, tracks) : null;
    if (decoded === 'damaged') allowed = ['VTOC_DAMAGED'];
    const step: Step = { op: 'datasets', system, volume };
    const out = exec(r, step, allowed);
    bump(m.reached, out.ok ? `datasets:${system}` : `datasetsRefused:${out.error!.code}`);
    if (!out.ok || !decoded || decoded === 'damaged') return;
    const want = decoded.map((d) => d.name).sort();
    if (json(out.datasets) !== json(want)) {
      throw new CommandFailure(`datasets of ${system}:${volume}: ${json(out.datasets)}, expected ${json(want)}`, [{ actual: { ...step, expect: out.datasets }, expected: { ...step, expect: want } }], true);
    }
  }

  toString(): string {
    return `datasets(${this.onTarget ? 'T' : 'S'} #${this.pick})`;
  }
}

export class CheckCommand extends RcCommand {
  protected override readonly full = true;

  protected apply(_m: RcModel, r: TraceRun): void {
    exec(r, { op: 'check' }, ['ok']);
  }

  toString(): string {
    return 'check';
  }
}

// ---------------------------------------------------------------------------
// Running a scenario

/** Builds the systems, the volumes, their datasets and data, and the first pair, then runs the commands. */
export function runRcScenario(s: RcScenario, cmds: Iterable<fc.Command<RcModel, TraceRun>>, o: RcOptions = {}): { model: RcModel; real: TraceRun } {
  const model = new RcModel(s, o);
  const real = new TraceRun(o.variant ?? 'corrected');
  try {
    for (const step of rcSetupSteps(s)) exec(real, step, ['ok']);
  } catch (e) {
    throw withTrace(e, real);
  }
  for (const w of s.initialWrites) model.vols[w.vol]!.bytes.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
  // The datasets are in track 0 now: the model takes it as the system wrote it (its encoding is checked by the datasets op).
  for (const v of model.vols) {
    const track0 = hostRead(real.ctx.model, S, v.id, 0, s.trackBytes);
    v.bytes.set(track0, 0);
  }
  const create = new CreateCommand(s.first);
  create.setup = true;
  create.run(model, real);
  bump(o.reached, 'runs');
  bump(o.reached, `design:S:${s.designS}`);
  bump(o.reached, `design:T:${s.designT}`);
  if (s.trackBytes > 4096) bump(o.reached, 'bigTracks');
  fc.modelRun(() => ({ model, real }), cmds);
  // Once more, every volume, so that a change no command looked at is still seen (CHK-1).
  try {
    real.ctx.changes.take();
    verify(model, real, FULL);
  } catch (e) {
    throw withTrace(e, real);
  }
  return { model, real };
}

// ---------------------------------------------------------------------------
// Generators

export interface RcWeights {
  readonly create: number;
  readonly writeSource: number;
  readonly readSource: number;
  readonly writeTarget: number;
  readonly readTarget: number;
  readonly step: number;
  readonly settle: number;
  readonly suspend: number;
  readonly resync: number;
  readonly link: number;
  readonly deviceFail: number;
  readonly deviceReplace: number;
  readonly failSource: number;
  readonly failTarget: number;
  readonly takeover: number;
  readonly delete: number;
  readonly status: number;
  readonly datasets: number;
  readonly check: number;
}

export const DEFAULT_RC_WEIGHTS: RcWeights = {
  create: 8, writeSource: 40, readSource: 3, writeTarget: 8, readTarget: 8, step: 25, settle: 8, suspend: 4, resync: 6, link: 4,
  deviceFail: 2, deviceReplace: 2, failSource: 1, failTarget: 0, takeover: 8, delete: 3, status: 2, datasets: 3, check: 2,
};

export interface RcScenarioOptions {
  readonly weights?: RcWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** T's design; default either. */
  readonly designT?: Design;
  /** Bound S's pair tables sometimes (TABLES_EXHAUSTED). */
  readonly tightTables?: boolean;
  /** Share of scenarios with 64 KiB tracks (default 0.02; the others have 4 KiB tracks). */
  readonly bigTracks?: number;
  /** Share of first pairs that include track 0 (default 0.4). */
  readonly track0?: number;
  /** fast-check's commands replay path. */
  readonly replayPath?: string;
}

const LEVELS_T: readonly { level: Level; devices: number }[] = [
  { level: 'raid1', devices: 2 }, { level: 'raid5', devices: 3 }, { level: 'raid5', devices: 4 }, { level: 'raid6', devices: 4 }, { level: 'raid6', devices: 5 },
];

function datasetsArb(vol: number, tracks: number): fc.Arbitrary<RcDatasetSpec[]> {
  return fc
    .array(fc.tuple(fc.nat({ max: 2 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.nat({ max: 2 }), fc.integer({ min: 1, max: 3 })), { minLength: 0, maxLength: 3 })
    .map((specs) => {
      const out: RcDatasetSpec[] = [];
      let at = 1;
      specs.forEach(([skip, len, two, gap, len2], i) => {
        const a = at + skip;
        const b = a + len - 1;
        if (b >= tracks) return;
        const extents: Extent[] = [[a, b]];
        at = b + 1;
        const c = b + 1 + gap;
        if (two && c + len2 - 1 < tracks) {
          extents.push([c, c + len2 - 1]);
          at = c + len2;
        }
        out.push({ vol, name: `DS${vol}${i}`, extents });
      });
      return out;
    });
}

export function createSpecArb(o: { track0?: number } = {}): fc.Arbitrary<CreateSpec> {
  const t0 = o.track0 ?? 0.25;
  return fc
    .record({
      vol: fc.nat({ max: 1 }),
      m: fc.nat({ max: 99 }),
      free: fc.boolean(),
      start: fc.nat({ max: 63 }),
      len1: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 32 }) }),
      gap: fc.integer({ min: 0, max: 3 }),
      len2: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) }),
      reversed: fc.boolean(),
      fence: fc.oneof({ weight: 3, arbitrary: fc.constant('never' as const) }, { weight: 1, arbitrary: fc.constant('data' as const) }),
      allocate: fc.oneof({ weight: 4, arbitrary: fc.constant('extent' as const) }, { weight: 1, arbitrary: fc.constant('full' as const) }),
      name: fc.oneof({ weight: 6, arbitrary: fc.constant('default' as const) }, { weight: 2, arbitrary: fc.constant('fresh' as const) }, { weight: 1, arbitrary: fc.constant('taken' as const) }),
      bias: fc.nat({ max: 11 }), // shrinks to the plain modes
    })
    .map((x): CreateSpec => ({
      vol: x.vol, mode: x.bias >= 6 ? BIASED_MODES[x.bias - 6]! : x.m < t0 * 100 ? 'track0' : x.free ? 'free' : 'any', start: x.start, len1: x.len1, gap: x.gap, len2: x.len2, reversed: x.reversed,
      fence: x.fence, allocate: x.allocate, name: x.name,
    }));
}

export function rcScenarioArb(o: RcScenarioOptions = {}): fc.Arbitrary<RcScenario> {
  return fc
    .record({
      designS: fc.constantFrom('ldev' as const, 'group' as const),
      designT: o.designT ? fc.constant(o.designT) : fc.constantFrom('ldev' as const, 'group' as const),
      s: fc.oneof({ weight: 4, arbitrary: fc.constant({ level: 'raid5' as Level, devices: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(...LEVELS_T) }),
      t: fc.constantFrom(...LEVELS_T),
      big: fc.nat({ max: 99 }).map((x) => x >= 100 - (o.bigTracks ?? 0.02) * 100), // shrinks to 4 KiB tracks
      twoVolumes: fc.nat({ max: 3 }).map((x) => x === 3), // shrinks to one volume
      // The geometry swarm (CHK-6): mostly small volumes (they shrink well), some across a bitmap word, a few across a summary word.
      tracks: fc.tuple(
        fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: fc.constant(16) }, { weight: 3, arbitrary: fc.integer({ min: 17, max: 24 }) }, { weight: 3, arbitrary: fc.integer({ min: 33, max: 70 }) }, { weight: 1, arbitrary: fc.integer({ min: 1025, max: 1040 }) }),
        fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(16) }, { weight: 1, arbitrary: fc.integer({ min: 33, max: 40 }) }),
      ),
      ldevS: fc.constantFrom(16384, 32768, 65536, 131072),
      ldevT: fc.constantFrom(16384, 32768, 65536, 131072),
      tables: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    })
    .chain((b) => {
      const trackBytes = b.big ? 65536 : 4096;
      const volumes = (b.twoVolumes ? [b.tracks[0], b.tracks[1]] : [b.tracks[0]]).map((n) => (b.big ? 16 : n));
      const minBytes = Math.min(...volumes) * trackBytes;
      const ldevBytesS = Math.min(b.ldevS, minBytes); // VOL-F-1: an LDEV no larger than the smallest volume
      const writes = fc.array(
        fc.tuple(fc.nat({ max: volumes.length - 1 }), fc.nat({ max: 63 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 255 })).map(([vol, t, n, fill]): RcWriteSpec => {
          const tracks = volumes[vol]!;
          const track = 1 + (t % (tracks - 1));
          return { vol, track, tracks: Math.min(n, tracks - track), fill };
        }),
        { minLength: 1, maxLength: 5 },
      );
      const ds = fc.tuple(...volumes.map((n, i) => datasetsArb(i, n))).map((lists) => lists.flat());
      return fc.tuple(writes, ds, createSpecArb({ track0: o.track0 ?? 0.4 })).map(([initialWrites, datasets, first]): RcScenario => ({
        designS: b.designS, designT: b.designT,
        levelS: b.s.level, devicesS: b.s.devices, levelT: b.t.level, devicesT: b.t.devices,
        ldevBytesS, ldevBytesT: b.ldevT, trackBytes, volumes,
        pairTables: o.tightTables && b.tables !== null ? b.tables : null,
        datasets, initialWrites, first: { ...first, vol: first.vol % volumes.length, name: 'default' },
      }));
    });
}

function srcTargetArb(): fc.Arbitrary<SrcTarget> {
  const pick = fc.nat({ max: 7 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 63 })).map(([vol, t]): SrcTarget => ({ kind: 'track', vol, t })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 1 }), fc.constantFrom(...BOUNDARY_TRACKS)).map(([vol, t]): SrcTarget => ({ kind: 'track', vol, t })) },
    { weight: 4, arbitrary: fc.tuple(pick, fc.nat({ max: 1 }), fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)).map(([p, ext, which]): SrcTarget => ({ kind: 'edge', pick: p, ext, which })) },
    { weight: 5, arbitrary: fc.tuple(pick, fc.integer({ min: -1, max: 2 })).map(([p, d]): SrcTarget => ({ kind: 'pointer', pick: p, d })) },
    { weight: 3, arbitrary: fc.tuple(pick, fc.nat({ max: 31 })).map(([p, k]): SrcTarget => ({ kind: 'recorded', pick: p, k })) },
  );
}

function tgtTargetArb(): fc.Arbitrary<TgtTarget> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.nat({ max: 31 }).map((k): TgtTarget => ({ kind: 'mapped', k })) },
    { weight: 4, arbitrary: fc.nat({ max: 31 }).map((k): TgtTarget => ({ kind: 'pending', k })) },
    { weight: 1, arbitrary: fc.nat({ max: 63 }).map((t): TgtTarget => ({ kind: 'any', t })) },
  );
}

export function shapeArb(tb: number): fc.Arbitrary<Shape> {
  const len = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: tb }));
  return fc.oneof(
    { weight: 3, arbitrary: len.map((n): Shape => ({ at: 'start', len: n })) },
    { weight: 2, arbitrary: len.map((n): Shape => ({ at: 'end', len: n })) },
    { weight: 2, arbitrary: fc.tuple(len, fc.nat({ max: tb })).map(([n, x]): Shape => ({ at: 'mid', len: n, x })) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).map(([before, after]): Shape => ({ at: 'span', before, after })) },
    { weight: 2, arbitrary: fc.constant<Shape>({ at: 'whole', len: 0 }) },
  );
}

export function rcCommandArb(s: RcScenario, o: RcScenarioOptions = {}): fc.Arbitrary<RcCommand> {
  const w = o.weights ?? DEFAULT_RC_WEIGHTS;
  const fill = fc.integer({ min: 1, max: 255 });
  const pick = fc.nat({ max: 7 });
  const smart = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const sys = fc.constantFrom('S' as const, 'T' as const);
  const options: fc.WeightedArbitrary<RcCommand>[] = [
    { weight: w.create, arbitrary: createSpecArb().map((c) => new CreateCommand(c)) },
    {
      weight: w.writeSource,
      arbitrary: fc
        .tuple(srcTargetArb(), shapeArb(s.trackBytes), fill, fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
        .map(([t, sh, f, v]) => new WriteSourceCommand(t, sh, f, v)),
    },
    {
      // CHK-6: across the copy pointer (the track before it and the pointer's own).
      weight: Math.ceil(w.writeSource / 8),
      arbitrary: fc
        .tuple(pick, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fill)
        .map(([p, before, after, f]) => new WriteSourceCommand({ kind: 'pointer', pick: p, d: -1 }, { at: 'span', before, after }, f)),
    },
    { weight: w.readSource, arbitrary: fc.tuple(srcTargetArb(), shapeArb(s.trackBytes)).map(([t, sh]) => new ReadSourceCommand(t, sh)) },
    { weight: w.writeTarget, arbitrary: fc.tuple(fc.nat({ max: 31 }), tgtTargetArb(), shapeArb(s.trackBytes), fill).map(([p, t, sh, f]) => new WriteTargetCommand(p, t, sh, f)) },
    { weight: w.readTarget, arbitrary: fc.tuple(fc.nat({ max: 31 }), tgtTargetArb(), shapeArb(s.trackBytes)).map(([p, t, sh]) => new ReadTargetCommand(p, t, sh)) },
    {
      weight: w.step,
      arbitrary: fc
        .tuple(pick, smart, fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(1000) }))
        .map(([p, sm, n]) => new StepCommand(p, sm, n)),
    },
    // CHK-6: to just before, at or past the next 32-track word of the difference bitmap.
    { weight: Math.ceil(w.step / 4), arbitrary: fc.tuple(pick, fc.integer({ min: 0, max: 2 })).map(([p, d]) => new StepCommand(p, true, 1, d)) },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.suspend, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new SuspendCommand(p, sm)) },
    { weight: w.resync, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new ResyncCommand(p, sm)) },
    { weight: w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(false)) },
    { weight: 2 * w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(true)) },
    { weight: w.deviceFail, arbitrary: fc.tuple(sys, fc.nat({ max: 4 })).map(([y, d]) => new DeviceFailCommand(y, d)) },
    { weight: w.deviceReplace, arbitrary: fc.tuple(sys, fc.nat({ max: 4 })).map(([y, d]) => new DeviceReplaceCommand(y, d)) },
    { weight: w.failSource, arbitrary: fc.constant(null).map(() => new SystemFailCommand('S')) },
    { weight: w.failTarget, arbitrary: fc.constant(null).map(() => new SystemFailCommand('T')) },
    {
      weight: w.takeover,
      arbitrary: fc
        .tuple(pick, smart, fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }))
        .map(([p, sm, x]) => new TakeoverCommand(p, sm, x)),
    },
    { weight: w.delete, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new DeleteCommand(p, sm)) },
    { weight: w.status, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new StatusCommand(p, sm)) },
    { weight: w.datasets, arbitrary: fc.tuple(fc.boolean(), fc.nat({ max: 31 })).map(([onT, p]) => new DatasetsCommand(onT, p)) },
    { weight: w.check, arbitrary: fc.constant(null).map(() => new CheckCommand()) },
  ];
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type RcRun = [RcScenario, Iterable<fc.Command<RcModel, TraceRun>>];

export function rcRunArb(o: RcScenarioOptions = {}): fc.Arbitrary<RcRun> {
  return rcScenarioArb(o).chain((s) =>
    fc
      .commands([rcCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 120, ...(o.replayPath ? { replayPath: o.replayPath } : {}) })
      .map((cmds): RcRun => [s, cmds]),
  );
}

export interface RcPropertyOptions extends RcScenarioOptions, RcOptions {}

export function rcProperty(o: RcPropertyOptions = {}): fc.IPropertyWithHooks<[RcRun]> {
  return fc.property(rcRunArb(o), ([s, cmds]) => {
    runRcScenario(s, cmds, o);
  });
}

// ---------------------------------------------------------------------------
// Property definitions (properties/index.ts)

export const DEFAULT_RC_RUNS = 200;

/** One property definition over this harness: the corrected model, `opts` steering the commands. */
export function rcDefinition(id: string, title: string, opts: RcPropertyOptions, numRuns = DEFAULT_RC_RUNS, witnesses: readonly string[] = RC_WITNESSES): PropertyDefinition {
  return {
    id,
    title,
    numRuns,
    witnesses,
    property: () => rcProperty(opts),
    instrumented: (reached: Counters) => rcProperty({ ...opts, reached }),
  };
}

/** Reach keys: every state of the remote pair machine. */
export const RC_STATE_KEYS: readonly string[] = RC_STATES.map((s) => `state:${s}`);

/**
 * Reach keys: every transition of spec/remote-copy.table.json, as `via:<state>-<trace op>-><state>`
 * (COPY_DONE and TAKEOVER_COPY_DONE by a step or a settle, TARGET_SYSTEM_FAILED by systemFail).
 */
export const RC_TRANSITION_KEYS: readonly string[] = [
  'transition:none->copying',
  'transition:copying->duplex', 'via:copying-pairSuspend->suspended', 'via:copying-linkDown->suspended', 'via:copying-systemFail->suspended', 'via:copying-pairDelete->simplex',
  'via:duplex-pairSuspend->suspended', 'via:duplex-linkDown->suspended', 'via:duplex-systemFail->suspended', 'via:duplex-takeover->takingOver', 'via:duplex-takeover->takenOver',
  'via:duplex-pairDelete->simplex', 'via:suspended-pairResync->copying', 'via:suspended-takeover->takingOver', 'via:suspended-takeover->takenOver', 'via:suspended-pairDelete->simplex',
  'transition:takingOver->takenOver', 'via:takenOver-pairDelete->simplex',
];
