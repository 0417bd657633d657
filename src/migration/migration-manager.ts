import { fail } from '../errors.ts';
import type { Variant } from '../variant.ts';
import { normalizeArea } from '../remote-copy/area.ts';
import type { Sites } from '../remote-copy/remote-copy-manager.ts';
import type { VolumeRef } from '../remote-copy/remote-pair.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { MigrationPair } from './migration-pair.ts';

export interface MigrationRequest {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly extents: readonly (readonly number[])[];
}

/**
 * The migratory copies of the model (spec/migration.md) and the host I/O of their target
 * volumes, routed by the copy pointer (Fig. 8; sixth embodiment).
 */
export class MigrationManager {
  readonly pairs = new Map<string, MigrationPair>();

  constructor(
    private readonly sites: Sites,
    readonly variant: Variant,
  ) {}

  pair(id: string): MigrationPair {
    const p = this.pairs.get(id);
    if (!p) fail('NOT_FOUND', `no migration ${id}`);
    return p;
  }

  /** MG-G-1, MG-G-2. `busy` names another role a volume already has, if any. */
  create(req: MigrationRequest, busy: (v: LogicalVolume) => string | undefined): MigrationPair {
    const source = this.ref(req.source);
    const target = this.ref(req.target);
    if (source.system === target.system) fail('INVALID_ARGUMENT', `a migration moves data between two systems; ${req.source} and ${req.target} are on one`);
    if (source.volume.emulation.trackBytes !== target.volume.emulation.trackBytes) {
      fail('INVALID_ARGUMENT', `${req.source} has ${source.volume.emulation.trackBytes}-byte tracks, ${req.target} ${target.volume.emulation.trackBytes}`);
    }
    const area = normalizeArea(req.extents, Math.min(source.volume.tracks, target.volume.tracks));
    this.sites.requirePath(source.system.id, target.system.id);
    for (const r of [source, target]) {
      const role = this.roleOf(r.volume) ?? busy(r.volume);
      if (role) fail('INVALID_STATE', `volume ${r.key} is ${role}`);
    }
    target.system.pairTablePool.take(req.id, 1);
    const pair = new MigrationPair(req.id, source, target, area);
    this.pairs.set(pair.id, pair);
    return pair;
  }

  private ref(key: string): VolumeRef {
    const { system, volume } = this.sites.volumeByKey(key);
    return { system, volume, key };
  }

  /** The role a volume has in a running migration, if any. */
  roleOf(volume: LogicalVolume): string | undefined {
    for (const p of this.pairs.values()) {
      if (!p.migrating) continue;
      if (p.source.volume === volume) return `the source of migration ${p.id} (off line, MG-G-2)`;
      if (p.target.volume === volume) return `the target of migration ${p.id}`;
    }
    return undefined;
  }

  /** The running migration whose target is `volume`. */
  ofTarget(volume: LogicalVolume): MigrationPair | undefined {
    for (const p of this.pairs.values()) if (p.migrating && p.target.volume === volume) return p;
    return undefined;
  }

  /** MG-G-2: the source of a running migration is off line to the host. */
  refuseOffline(key: string, volume: LogicalVolume): void {
    for (const p of this.pairs.values()) {
      if (p.migrating && p.source.volume === volume) fail('INVALID_STATE', `volume ${key} is the source of migration ${p.id}: off line until it completes (step 703)`);
    }
  }

  /** MG-R-2; a completed migration's record is simply forgotten. */
  delete(id: string): void {
    const pair = this.pair(id);
    if (pair.migrating) {
      pair.send({ type: 'PAIR_DELETE' });
      pair.target.system.pairTablePool.release(id);
    }
    this.pairs.delete(id);
  }

  running(): MigrationPair[] {
    return [...this.pairs.values()].filter((p) => p.migrating);
  }

  /** MG-C-1. */
  step(id: string, units: number): number {
    const pair = this.pair(id);
    if (!pair.migrating) return 0; // completed: nothing moves
    this.requireOld(pair);
    const n = pair.copyStep(units);
    if (pair.copyDone) {
      pair.send({ type: 'MIGRATION_COPY_DONE' });
      pair.target.system.pairTablePool.release(id);
    }
    return n;
  }

  /** The old system must be reachable: alive, path up (MG-C-1, MG-R-1, MG-W-1). */
  requireOld(pair: MigrationPair): void {
    this.sites.system(pair.source.system.id);
    this.sites.requirePath(pair.source.system.id, pair.target.system.id);
  }
}
