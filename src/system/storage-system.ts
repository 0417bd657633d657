import { fail } from '../errors.ts';
import { createRaidGroup, type RaidGroupSpec } from '../raid/create-group.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import { LIMITS, LimitError, requireName, requireVolumeName, withinLimit } from '../limits.ts';
import { requirePositive } from '../validate.ts';
import { type Emulation, type EmulationRequest, resolveEmulation } from '../volume/emulation.ts';
import { type AreaReport, planFormation } from '../volume/formation.ts';
import { PairTablePool } from './pair-table-pool.ts';
import { IdleRanges } from '../volume/idle-ranges.ts';
import { type Ldev, LdevPool } from '../volume/ldev-pool.ts';
import { LogicalVolume } from '../volume/logical-volume.ts';

export interface SystemSpec {
  readonly id: string;
  readonly ldevBytes: number;
  readonly raidGroups: readonly RaidGroupSpec[];
  readonly pairTables?: number | undefined;
  /** RC-D-1: `"ldev"` (Fig. 3, default) or `"group"` (Figs. 10, 11). */
  readonly tables?: string | undefined;
}

/** RC-D-1: which of the seed's two table designs a system's controller holds. */
export type TableDesign = 'ldev' | 'group';
export const TABLE_DESIGNS: readonly TableDesign[] = ['ldev', 'group'];

export interface VolumeRequest extends EmulationRequest {
  readonly id: string;
  readonly raidGroup?: string | undefined;
  readonly areas?: ReadonlyArray<{ readonly tracks: readonly [number, number]; readonly raidGroup: string }> | undefined;
}

/** LDEV sizes are whole 512-byte blocks, so every volume block sits inside one LDEV. */
export const LDEV_BLOCK_BYTES = 512;

/** LIM-2: the LDEVs a system would carve (LDEV-1), counted before one is built. */
function requireLdevCount(system: string, groups: readonly RaidGroup[], ldevBytes: number): void {
  const count = groups.reduce((n, g) => n + Math.floor(g.capacityBytes / ldevBytes), 0);
  if (count > LIMITS.ldevCountMax) {
    throw new LimitError('INVALID_ARGUMENT', `the number of ${ldevBytes}-byte logical storage devices system ${system} would carve (a larger ldevBytes makes fewer)`, 'ldevCountMax', count);
  }
}

/**
 * A storage system: one controller with its RAID groups, logical storage devices and
 * logical volumes (seed Fig. 1, Fig. 9; spec/volumes.md, SYS-1..SYS-3).
 */
export class StorageSystem {
  readonly groups = new Map<string, RaidGroup>();
  readonly volumes = new Map<string, LogicalVolume>();
  readonly pool: LdevPool;
  /** RC-D-1: the RAID groups' idle address ranges (Fig. 10, 843); used by the `group` design only. */
  readonly idle = new IdleRanges();
  /** Pair information tables (spec/local-copy.md LC-G-1..3), bounded by `pairTables`. */
  readonly pairTablePool: PairTablePool;
  /** SYS-5: the whole system is unusable (disaster); it never comes back. */
  failed = false;

  private constructor(
    readonly id: string,
    readonly ldevBytes: number,
    readonly pairTables: number | undefined,
    readonly design: TableDesign,
  ) {
    this.pool = new LdevPool(ldevBytes);
    this.pairTablePool = new PairTablePool(pairTables ?? Number.POSITIVE_INFINITY);
  }

  /** SYS-1: every group is validated before the system exists; a refusal builds nothing. */
  static create(spec: SystemSpec): StorageSystem {
    const ldevBytes = requirePositive(`system ${spec.id} ldevBytes`, spec.ldevBytes);
    if (ldevBytes % LDEV_BLOCK_BYTES !== 0) fail('INVALID_ARGUMENT', `ldevBytes must be whole ${LDEV_BLOCK_BYTES}-byte blocks, got ${ldevBytes}`);
    if (spec.pairTables !== undefined) requirePositive('pairTables', spec.pairTables);
    const design = (spec.tables ?? 'ldev') as TableDesign;
    if (!TABLE_DESIGNS.includes(design)) fail('INVALID_ARGUMENT', `tables must be "ldev" or "group", got "${spec.tables}"`);
    if (spec.raidGroups.length === 0) fail('INVALID_ARGUMENT', `system ${spec.id} needs at least one RAID group`);
    requireVolumeName('a system id', spec.id);
    withinLimit('raidGroupsPerSystemMax', `the number of RAID groups of system ${spec.id}`, spec.raidGroups.length);
    const ids = new Set<string>();
    for (const g of spec.raidGroups) {
      requireName('a RAID group id', g.id);
      if (ids.has(g.id)) fail('ALREADY_EXISTS', `raid group ${g.id} is defined twice in system ${spec.id}`);
      ids.add(g.id);
    }
    const groups = spec.raidGroups.map((g) => createRaidGroup(g));
    if (design === 'ldev') requireLdevCount(spec.id, groups, ldevBytes);
    const system = new StorageSystem(spec.id, ldevBytes, spec.pairTables, design);
    for (const g of groups) {
      system.groups.set(g.id, g);
      // RC-D-1: the fifth embodiment's design keeps idle ranges instead of carving LDEVs.
      if (design === 'ldev') system.pool.addGroup(g);
      else system.idle.addGroup(g);
    }
    return system;
  }

  group(id: string): RaidGroup {
    const g = this.groups.get(id);
    if (!g) fail('NOT_FOUND', `system ${this.id} has no raid group ${id}`);
    return g;
  }

  volume(id: string): LogicalVolume {
    const v = this.volumes.get(id);
    if (!v) fail('NOT_FOUND', `system ${this.id} has no volume ${id}`);
    return v;
  }

  /** SYS-2 + VOL-F-1..4: formats a volume on free LDEVs (or, RC-D-1, on one idle range). */
  defineVolume(req: VolumeRequest): { volume: LogicalVolume; areas: readonly AreaReport[] } {
    requireVolumeName('a volume id', req.id);
    if (this.volumes.has(req.id)) fail('ALREADY_EXISTS', `system ${this.id} already has volume ${req.id}`);
    const emulation = resolveEmulation(req);
    const defaultGroup = req.raidGroup === undefined ? undefined : this.group(req.raidGroup);
    if (this.design === 'group') return { volume: this.defineOnRange(req, emulation, defaultGroup), areas: [] };
    const areas = (req.areas ?? []).map((a) => ({ tracks: a.tracks, group: this.group(a.raidGroup) }));
    const plan = planFormation(this.pool, emulation, areas, defaultGroup);
    this.pool.take(plan.ldevs);
    const volume = LogicalVolume.onLdevs(req.id, emulation, this.ldevBytes, plan.ldevs);
    this.volumes.set(req.id, volume);
    return { volume, areas: plan.areas };
  }

  private defineOnRange(req: VolumeRequest, emulation: Emulation, group: RaidGroup | undefined): LogicalVolume {
    if (req.areas !== undefined && req.areas.length > 0) {
      fail('INVALID_ARGUMENT', `system ${this.id} holds the fifth embodiment's tables (RC-D-1): a volume is one address range of one RAID group; designated areas need "tables": "ldev"`);
    }
    const volume = LogicalVolume.onRange(req.id, emulation, this.idle.take(emulation.bytes, group));
    this.volumes.set(req.id, volume);
    return volume;
  }

  /** Returns a volume's LDEVs or idle ranges to the free pool and forgets it. */
  releaseVolume(volume: LogicalVolume): void {
    const backings = volume.backings();
    this.pool.release(backings.filter((l) => l.number !== null) as Ldev[]);
    for (const r of backings.filter((l) => l.number === null)) this.idle.release(r);
    if (this.volumes.get(volume.id) === volume) this.volumes.delete(volume.id);
  }
}
