import { LIMITS, requireName } from '../limits.ts';
import type { Variant } from '../variant.ts';
import { fail, isModelError } from '../errors.ts';
import { type SystemSpec, StorageSystem } from '../system/storage-system.ts';
import { requirePositive } from '../validate.ts';
import type { BackgroundProcess } from './process.ts';
import { RebuildProcess } from './rebuild-process.ts';
import { PairProcess } from './pair-process.ts';
import { LocalCopyManager } from '../local-copy/local-copy-manager.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { MigrationManager } from '../migration/migration-manager.ts';
import { RemoteCopyManager } from '../remote-copy/remote-copy-manager.ts';
import { MigrationProcess, RemotePairProcess } from './remote-processes.ts';
import { PlacementManager } from '../placement/placement-manager.ts';
import { RelocationProcess } from './relocation-process.ts';
import { BackupManager } from '../backup/backup-manager.ts';
import type { ProcessSource } from './process.ts';

export type { Variant } from '../variant.ts';


/**
 * The whole model: storage systems and their background processes. Control requests
 * change it; host I/O goes straight to the volumes (data plane).
 */
export class Model {
  readonly systems = new Map<string, StorageSystem>();
  readonly localCopy: LocalCopyManager;
  readonly remote: RemoteCopyManager;
  readonly migration: MigrationManager;
  readonly placement = new PlacementManager();
  /** The eleventh embodiment's hosts, LAN, tapes and backups (spec/backup.md). */
  readonly backup = new BackupManager();
  /** Processes of the layers above (BK-B-2: backups, which read through host I/O); see `addProcessSource`. */
  private readonly sources: ProcessSource[] = [];
  /** Inter-controller paths by `linkKey`: true while up. */
  private readonly links = new Map<string, boolean>();

  constructor(readonly variant: Variant = 'corrected') {
    this.localCopy = new LocalCopyManager((key) => this.volumeByKey(key), variant, (v) => this.remote.roleOf(v) ?? this.migration.roleOf(v));
    this.remote = new RemoteCopyManager(this, variant);
    this.migration = new MigrationManager(this, variant);
  }

  /** Pair ids are one namespace over every kind (`pairCreate`: ALREADY_EXISTS). */
  pairKind(id: string): 'local' | 'remote' | 'migration' | undefined {
    if (this.localCopy.pairs.has(id)) return 'local';
    if (this.remote.pairs.has(id)) return 'remote';
    if (this.migration.pairs.has(id)) return 'migration';
    return undefined;
  }

  requireNewPairId(id: string): void {
    requireName('a pair id', id); // LIM-2
    if (this.pairKind(id) !== undefined) fail('ALREADY_EXISTS', `pair ${id} already exists`);
  }

  /** The role a volume has in a local pair, for the other kinds' checks. */
  localRole(volume: LogicalVolume): string | undefined {
    const p = this.localCopy.pairOf(volume);
    return p ? `in local pair ${p.id}` : undefined;
  }

  /** `"SYSTEM:VOLUME"` as pairs name their volumes. */
  volumeByKey(key: string): { system: StorageSystem; volume: LogicalVolume } {
    const i = key.indexOf(':');
    if (i <= 0) fail('INVALID_ARGUMENT', `volume "${key}" must be named "SYSTEM:VOLUME"`);
    const system = this.system(key.slice(0, i));
    return { system, volume: system.volume(key.slice(i + 1)) };
  }

  defineSystem(spec: SystemSpec): StorageSystem {
    if (this.systems.has(spec.id)) fail('ALREADY_EXISTS', `system ${spec.id} already exists`);
    const system = StorageSystem.create(spec);
    this.systems.set(spec.id, system);
    return system;
  }

  /** A usable system: refused with SYSTEM_FAILED once it has failed (SYS-5). */
  system(id: string): StorageSystem {
    const s = this.systems.get(id);
    if (!s) fail('NOT_FOUND', `no system ${id}`);
    if (s.failed) fail('SYSTEM_FAILED', `system ${id} has failed`);
    return s;
  }

  /** Systems that have not failed, in definition order. */
  liveSystems(): StorageSystem[] {
    return [...this.systems.values()].filter((s) => !s.failed);
  }

  /**
   * RAID-F-2, RAID-F-6 (`deviceReplace`): new media for a failed device. When that re-creates a
   * group that lost data, every pair whose copy lies on it is suspended by error (RC-F-3,
   * LC-F-1): its copy lost bytes. Returns whether the group was re-created.
   */
  replaceDevice(systemId: string, groupId: string, device: number): boolean {
    const group = this.system(systemId).group(groupId);
    const recreated = group.health.lost;
    group.replaceDevice(device);
    if (!recreated) return false;
    for (const p of this.remote.pairs.values()) if (p.target.usesGroup(group)) p.suspendByError();
    for (const p of this.localCopy.pairs.values()) if (p.copy.usesGroup(group)) p.suspendByError();
    this.remote.holdGroups(); // CG-F-1
    return true;
  }

  /** SYS-5 (`systemFail`): the whole system becomes unusable; its processes stop. */
  failSystem(id: string): void {
    this.system(id).failed = true;
    this.remote.onSystemFailed(id); // RC-F-2
  }

  /** SYS-4 (`link`): an inter-controller path between two systems, up. */
  defineLink(a: string, b: string): void {
    this.requireKnown(a);
    this.requireKnown(b);
    if (a === b) fail('INVALID_ARGUMENT', `a path joins two different systems, not ${a} to itself`);
    const key = linkKey(a, b);
    if (this.links.has(key)) fail('ALREADY_EXISTS', `systems ${a} and ${b} are already linked`);
    this.links.set(key, true);
  }

  /** SYS-4 (`linkDown`, `linkUp`): the path fails or returns. */
  setLink(a: string, b: string, up: boolean): void {
    const key = linkKey(a, b);
    const now = this.links.get(key);
    if (now === undefined) fail('NOT_FOUND', `no path between ${a} and ${b}`);
    if (now === up) fail('INVALID_STATE', `the path between ${a} and ${b} is already ${up ? 'up' : 'down'}`);
    this.links.set(key, up);
    if (!up) this.remote.onLinkDown(a, b); // RC-F-1
  }

  /** Every path by its key, true while up (the checker's view: CHK-4). */
  get paths(): ReadonlyMap<string, boolean> {
    return this.links;
  }

  linkUp(a: string, b: string): boolean {
    return this.links.get(linkKey(a, b)) === true;
  }

  /** A request that crosses the path: NOT_FOUND without one, LINK_DOWN while it is down. */
  requirePath(a: string, b: string): void {
    const up = this.links.get(linkKey(a, b));
    if (up === undefined) fail('NOT_FOUND', `no path between ${a} and ${b} (define one with "link")`);
    if (!up) fail('LINK_DOWN', `the path between ${a} and ${b} is down`);
  }

  private requireKnown(id: string): void {
    if (!this.systems.has(id)) fail('NOT_FOUND', `no system ${id}`);
  }

  /** Running processes, in a stable order (systems, then groups, as defined). */
  processes(): BackgroundProcess[] {
    const list: BackgroundProcess[] = [];
    for (const s of this.liveSystems()) {
      for (const g of s.groups.values()) {
        const p = new RebuildProcess(`rebuild:${s.id}:${g.id}`, g);
        if (!p.done) list.push(p);
      }
    }
    for (const pair of this.localCopy.pairs.values()) {
      if (pair.running && !this.localCopy.systemOfPair(pair.id).failed) list.push(new PairProcess(pair));
    }
    // A process stops with the system whose controller runs it (SYS-5): the source's for a
    // remote copy, the target's for a takeover copy, the new system's for a migration.
    for (const pair of this.remote.running()) {
      const runner = pair.state === 'takingOver' ? pair.targetSystem : pair.source.system;
      if (!runner.failed) list.push(new RemotePairProcess(this.remote, pair));
    }
    for (const pair of this.migration.running()) if (!pair.target.system.failed) list.push(new MigrationProcess(this.migration, pair));
    for (const [name, r] of this.placement.running()) if (!r.system.failed) list.push(new RelocationProcess(name, r));
    for (const source of this.sources) list.push(...source.running());
    return list;
  }

  /** A process by name; a finished rebuild is still found, and reports itself done. */
  process(name: string): BackgroundProcess {
    const remote = this.remote.pairs.get(name);
    if (remote) return new RemotePairProcess(this.remote, remote);
    const migration = this.migration.pairs.get(name);
    if (migration) return new MigrationProcess(this.migration, migration);
    const pair = this.localCopy.pairs.get(name);
    if (pair) {
      const system = this.localCopy.systemOfPair(pair.id);
      if (system.failed) fail('SYSTEM_FAILED', `pair ${name}: system ${system.id} has failed`);
      return new PairProcess(pair);
    }
    for (const source of this.sources) {
      const p = source.byName(name);
      if (p) return p;
    }
    const r = /^relocate:([^:]+):(.+)$/.exec(name);
    if (r) {
      this.system(r[1]!).volume(r[2]!);
      const relocation = this.placement.of(r[1]!, r[2]!);
      if (!relocation) fail('NOT_FOUND', `no relocation of volume ${r[2]} in system ${r[1]}`);
      return new RelocationProcess(name, relocation);
    }
    const m = /^rebuild:([^:]+):(.+)$/.exec(name);
    if (!m) fail('NOT_FOUND', `no process "${name}" (processes are named by a pair id, rebuild:SYSTEM:RAIDGROUP, relocate:SYSTEM:VOLUME or backup:HOST:TAPE)`);
    const group = this.system(m[1]!).group(m[2]!);
    return new RebuildProcess(name, group);
  }

  /** A layer above adds its processes (they run with `step` and `settle` as the model's own do). */
  addProcessSource(source: ProcessSource): void {
    this.sources.push(source);
  }

  step(name: string, units: number): { process: BackgroundProcess; advanced: number } {
    requirePositive('tracks', units);
    const process = this.process(name);
    return { process, advanced: process.step(units) };
  }

  /** Runs every process to completion, in order; returns the units each one took. */
  /**
   * Runs every process to completion, in order. A process that cannot advance (its copy
   * meets lost data, say) is left where it stopped and reported with its refusal; the others
   * still run.
   */
  settle(): Array<{ process: string; units: number; stalled?: { code: string; message: string } }> {
    const ran: Array<{ process: string; units: number; stalled?: { code: string; message: string } }> = [];
    const stalled = new Set<string>();
    const next = () => this.processes().find((p) => !stalled.has(p.name));
    for (let p = next(); p; p = next()) {
      let units = 0;
      try {
        while (!p.done && units < LIMITS.settleUnitsMax) units += Math.max(1, p.step(1 << 20));
      } catch (e) {
        if (!isModelError(e)) throw e;
        stalled.add(p.name);
        ran.push({ process: p.name, units, stalled: { code: e.code, message: e.message } });
        continue;
      }
      ran.push({ process: p.name, units });
      if (!p.done) fail('INVALID_STATE', `process ${p.name} did not finish within ${LIMITS.settleUnitsMax} units`);
    }
    return ran;
  }
}

/** The same key for A–B and B–A. */
function linkKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
