import { requireVolumeName } from '../limits.ts';
import { fail } from '../errors.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { type Area, areasOverlap, normalizeArea } from './area.ts';
import { type Fence, RemotePair, type VolumeRef } from './remote-pair.ts';
import { holdGroups, holdGroupShares, membersOf } from './group-suspension.ts';
import { applyRemoteWrite, checkTransfers, planRemoteWrite, type RemoteWritePlan } from './remote-write.ts';
import { SourceTables } from './source-tables.ts';
import { allocateTarget } from './target-allocation.ts';
import { type TakeoverResult, takeOver } from './takeover.ts';
import type { Variant } from './takeover-copy.ts';
import type { TakeoverCopy } from './takeover-copy.ts';
import type { PathState } from './write-routing.ts';

/** What remote copy needs from the model: systems, volumes and paths (spec/volumes.md SYS-4, SYS-5). */
export interface Sites {
  volumeByKey(key: string): { system: StorageSystem; volume: LogicalVolume };
  system(id: string): StorageSystem;
  /** Refuses with NOT_FOUND (no path) or LINK_DOWN. */
  requirePath(a: string, b: string): void;
  linkUp(a: string, b: string): boolean;
}

export interface RemotePairRequest {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly extents: readonly (readonly number[])[];
  readonly allocate?: string | undefined;
  readonly targetVolume?: string | undefined;
  readonly fence?: string | undefined;
  /** CG-G-1 */
  readonly group?: string | undefined;
}

/**
 * The remote copy pairs of the model and the host writes that cross the path
 * (spec/remote-copy.md). Host I/O consults pair state through pure routing; it never
 * becomes a machine event.
 */
export class RemoteCopyManager {
  readonly pairs = new Map<string, RemotePair>();
  readonly tables = new SourceTables();

  constructor(
    private readonly sites: Sites,
    readonly variant: Variant,
  ) {}

  pair(id: string): RemotePair {
    const p = this.pairs.get(id);
    if (!p) fail('NOT_FOUND', `no remote pair ${id}`);
    return p;
  }

  /** RC-G-1..RC-G-5 (Fig. 4). `busy` names another role the source already has, if any. */
  create(req: RemotePairRequest, busy: (v: LogicalVolume) => string | undefined): RemotePair {
    const source = this.sourceRef(req.source);
    const target = this.sites.system(req.target);
    if (target === source.system) fail('INVALID_ARGUMENT', `a remote pair joins two systems; ${req.source} is on ${req.target}`);
    const fence = oneOf('fence', req.fence ?? 'never', ['never', 'data', 'status'] as const);
    const allocate = oneOf('allocate', req.allocate ?? 'extent', ['extent', 'full'] as const);
    const area = normalizeArea(req.extents, source.volume.tracks);
    this.sites.requirePath(source.system.id, target.id);
    this.refuseOverlap(source, area, busy);
    if (req.group !== undefined) this.refuseSplitGroup(req.group);
    const name = requireVolumeName('a target volume id', req.targetVolume ?? `${req.id}-T`); // LIM-2
    if (target.volumes.has(name)) fail('ALREADY_EXISTS', `system ${target.id} already has volume ${name}`);
    source.system.pairTablePool.take(req.id, 1);
    let volume: LogicalVolume;
    try {
      volume = allocateTarget(target, name, area, source.volume, allocate === 'full');
    } catch (e) {
      source.system.pairTablePool.release(req.id);
      throw e;
    }
    const pair = new RemotePair(req.id, source, target, volume, area, fence, allocate);
    pair.group = req.group ?? null;
    this.pairs.set(pair.id, pair);
    this.tables.add(pair);
    return pair;
  }

  private sourceRef(key: string): VolumeRef {
    const { system, volume } = this.sites.volumeByKey(key);
    return { system, volume, key };
  }

  private refuseOverlap(source: VolumeRef, area: Area, busy: (v: LogicalVolume) => string | undefined): void {
    const role = this.targetRole(source.volume) ?? busy(source.volume);
    if (role) fail('INVALID_STATE', `volume ${source.key} is ${role}; it cannot be a remote copy source`);
    for (const p of this.activeOf(source.volume)) {
      if (areasOverlap(p.area, area)) fail('INVALID_STATE', `the area shares tracks with remote pair ${p.id} of ${source.key}`);
    }
  }

  /** Pairs of a source volume that still copy (not taken over). */
  private activeOf(volume: LogicalVolume): RemotePair[] {
    return [...this.pairs.values()].filter((p) => p.source.volume === volume && p.state !== 'takenOver' && p.state !== 'takingOver');
  }

  /** The role a volume has as a remote target, if paired (RC-W-7). */
  targetRole(volume: LogicalVolume): string | undefined {
    for (const p of this.pairs.values()) {
      if (p.target === volume && p.state !== 'takenOver' && p.state !== 'takingOver') return `the target of remote pair ${p.id}`;
    }
    return undefined;
  }

  /** The role a volume has in remote copy (source or paired target), for the other kinds' checks. */
  roleOf(volume: LogicalVolume): string | undefined {
    const asSource = this.activeOf(volume)[0];
    return asSource ? `the source of remote pair ${asSource.id}` : this.targetRole(volume);
  }

  /** CG-G-1: a pair may not join a group with a suspended member (CG-INV-3). */
  private refuseSplitGroup(group: string): void {
    const held = [...this.pairs.values()].find((p) => p.group === group && p.inGroup && p.suspended);
    if (held) fail('INVALID_STATE', `consistency group ${group} has pair ${held.id} ${held.state}; resynchronise the group before a pair joins it`);
  }

  /** CG-R-1: the members of a group in creation order; NOT_FOUND when it has none. */
  group(name: string): RemotePair[] {
    const members = [...this.pairs.values()].filter((p) => p.group === name);
    if (members.length === 0) fail('NOT_FOUND', `no consistency group ${name}`);
    return members;
  }

  /** RC-R-1; CG-R-1, CG-R-3: a member's suspension is its group's. Returns the pairs suspended. */
  suspend(id: string): RemotePair[] {
    return this.suspendAll(membersOf(this.pair(id), this.pairs.values()));
  }

  suspendAll(pairs: readonly RemotePair[]): RemotePair[] {
    for (const p of pairs) {
      this.sites.system(p.source.system.id);
      p.require({ type: 'PAIR_SUSPEND' }, 'pair suspension');
    }
    for (const p of pairs) {
      p.send({ type: 'PAIR_SUSPEND' });
      p.suspendReason = 'request';
    }
    return pairs.slice(); // CG-R-3: `pairs` is the whole group already
  }

  /** RC-R-2: needs the path and both systems; CG-R-3: a member resyncs its whole group. */
  resync(id: string): RemotePair[] {
    return this.resyncAll(membersOf(this.pair(id), this.pairs.values()));
  }

  resyncAll(pairs: readonly RemotePair[]): RemotePair[] {
    for (const p of pairs) {
      p.require({ type: 'PAIR_RESYNC' }, 'resynchronisation');
      this.requireReachable(p);
    }
    for (const p of pairs) {
      p.send({ type: 'PAIR_RESYNC' });
      p.restartCopy();
    }
    return pairs.slice();
  }

  /** CG-R-1: every pair can be deleted, or none is. */
  deleteAll(pairs: readonly RemotePair[]): void {
    for (const p of pairs) p.require({ type: 'PAIR_DELETE' }, 'pair deletion');
    for (const p of pairs) this.delete(p.id);
  }

  /** CG-F-1: after every step that can suspend a pair (and for RAID-F-6 from the model). */
  holdGroups(): void {
    holdGroups(this.pairs.values());
  }

  /** CG-F-1: a write that suspends a member by error transfers to none of its group. */
  groupShares(plan: RemoteWritePlan): RemoteWritePlan {
    return holdGroupShares(plan);
  }

  /** RC-R-3. */
  delete(id: string): void {
    const pair = this.pair(id);
    pair.require({ type: 'PAIR_DELETE' }, 'pair deletion');
    pair.send({ type: 'PAIR_DELETE' });
    this.tables.remove(pair);
    pair.source.system.pairTablePool.release(id);
    this.pairs.delete(id);
  }

  /** RC-T-1..RC-T-6 (Figs. 6, 12). */
  takeover(id: string, extend: boolean): TakeoverResult {
    const pair = this.pair(id);
    this.sites.system(pair.targetSystem.id);
    const group = extend ? this.siblingsOf(pair) : [pair];
    for (const p of group) {
      const copiesToB = extend && p.targetSystem.design === 'group';
      if (!p.accepts({ type: 'TAKEOVER', copiesToB })) {
        const why = p.state === 'copying' || p.state === 'suspended' || p.state === 'suspendedByError' ? '; its target holds no consistent image (delete it first)' : '';
        const since = p.state === 'suspendedByError' ? ': its target lost data' : p.consistent ? '' : ' before its copy completed';
        fail('INVALID_STATE', `pair ${p.id} is ${p.state}${since}: takeover is not accepted${p === pair ? '' : ` for this sibling of ${id}`}${why}`);
      }
    }
    const result = takeOver(pair, group, extend, this.variant);
    for (const p of group) {
      this.tables.remove(p);
      p.source.system.pairTablePool.release(p.id);
      if (p !== pair) p.takenOverWith = pair.id;
    }
    return result;
  }

  /** RC-T-1: the pair and the other pairs of its source volume onto its target system. */
  private siblingsOf(pair: RemotePair): RemotePair[] {
    return [pair, ...[...this.pairs.values()].filter((p) => p !== pair && p.source.volume === pair.source.volume && p.targetSystem === pair.targetSystem && p.takenOverWith === null && p.state !== 'takenOver' && p.state !== 'takingOver')];
  }

  /** RC-F-1: the path between two systems failed. */
  onLinkDown(a: string, b: string): void {
    for (const p of this.pairs.values()) {
      const ends = [p.source.system.id, p.targetSystem.id];
      if (!ends.includes(a) || !ends.includes(b)) continue;
      if (p.accepts({ type: 'LINK_DOWN' })) {
        p.send({ type: 'LINK_DOWN' });
        p.suspendReason = 'link';
      }
    }
    this.holdGroups(); // CG-F-1
  }

  /** RC-F-2: a system failed; pairs whose target it held suspend. */
  onSystemFailed(id: string): void {
    for (const p of this.pairs.values()) {
      if (p.targetSystem.id === id && p.accepts({ type: 'TARGET_SYSTEM_FAILED' })) {
        p.send({ type: 'TARGET_SYSTEM_FAILED' });
        p.suspendReason = 'system';
      }
    }
    this.holdGroups(); // CG-F-1
  }

  private requireReachable(pair: RemotePair): void {
    this.sites.system(pair.source.system.id);
    this.sites.system(pair.targetSystem.id);
    this.sites.requirePath(pair.source.system.id, pair.targetSystem.id);
  }

  /** The path state a pair's write is routed by (bound once: a host write makes no closure). */
  private readonly pathOfPair = (pair: RemotePair): PathState => ({
    linkUp: this.sites.linkUp(pair.source.system.id, pair.targetSystem.id),
    targetAlive: !pair.targetSystem.failed,
  });

  /** RC-W-1..RC-W-8: a host write's remote part, every refusal thrown before anything is stored (RC-W-8: the targets' devices too). */
  planWrite(system: StorageSystem, volume: LogicalVolume, offset: number, length: number): RemoteWritePlan {
    const role = this.targetRole(volume);
    if (role) fail('INVALID_STATE', `volume ${system.id}:${volume.id} is ${role}; it takes no host writes while paired`);
    const plan = checkTransfers(planRemoteWrite(this.tables, system, volume, offset, length, this.pathOfPair), offset, length);
    return this.groupShares(plan); // CG-F-1
  }

  /** RC-W-3..RC-W-5: carries out a planned remote part once the source has stored the write; returns the targets written. */
  commitWrite(plan: RemoteWritePlan, offset: number, data: Uint8Array): string[] {
    const targets = applyRemoteWrite(plan, offset, data);
    if (plan.some((s) => s.lost)) this.holdGroups(); // CG-F-1, before the acknowledgement
    return targets;
  }

  /** RC-T-4: the copy of A into B that routes host access to `volume`, if it is a B being filled. */
  takeoverCopyOf(volume: LogicalVolume): TakeoverCopy | null {
    for (const p of this.pairs.values()) if (p.takeoverCopy?.b === volume) return p.takeoverCopy;
    return null;
  }

  /** Pairs with a background process: the copy (RC-C-1) or the copy of A into B (RC-T-3). */
  running(): RemotePair[] {
    return [...this.pairs.values()].filter((p) => (p.state === 'copying' && !p.copyDone) || p.state === 'takingOver');
  }

  /** RC-C-1, RC-T-3: one step of a pair's process. */
  step(id: string, units: number): number {
    const pair = this.pair(id);
    if (pair.state === 'takingOver') return this.stepTakeover(pair, units);
    if (pair.state !== 'copying') return 0; // no process running: accepted, nothing moves (as a finished rebuild)
    this.requireReachable(pair);
    const n = pair.copyStep(units);
    if (pair.group !== null && pair.suspended) this.holdGroups(); // CG-F-1: the copy met lost data (RC-F-3)
    return n;
  }

  private stepTakeover(pair: RemotePair, units: number): number {
    this.sites.system(pair.targetSystem.id);
    const copy = pair.takeoverCopy!;
    const n = copy.step(units);
    if (copy.done) {
      pair.send({ type: 'TAKEOVER_COPY_DONE' });
      for (const s of copy.sources) pair.targetSystem.releaseVolume(s.a); // RC-T-3: the A volumes return
      pair.takeoverCopy = null;
    }
    return n;
  }
}


function oneOf<const T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) fail('INVALID_ARGUMENT', `${field} must be ${allowed.map((a) => `"${a}"`).join(' or ')}, got "${value}"`);
  return value as T;
}

export type { Fence };
