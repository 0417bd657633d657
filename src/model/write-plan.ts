import type { LocalWritePlan } from '../local-copy/write-plan.ts';
import { type MigrationWritePlan, planMigrationWrite } from '../migration/migration-routing.ts';
import { requireVolumeTransfer } from '../limits.ts';
import type { RemoteWritePlan } from '../remote-copy/remote-write.ts';
import { planTakeoverWrite, type TakeoverWritePlan } from '../remote-copy/takeover-routing.ts';
import { requireVolumeRange } from '../validate.ts';
import type { Model } from './model.ts';

/**
 * A host write, planned (spec/architecture.md "The road of a host I/O"): which road it takes
 * and every router's part of it, with every refusal already thrown, so `commitWrite` stores
 * it in one pass and a refused write changes nothing. The first kind that owns the volume
 * decides the road: a migration target, then a volume under a takeover copy, else the
 * volume's own remote and local pairs.
 */
export type WritePlan = WriteRequest &
  (
    | { readonly road: 'migration'; readonly migration: MigrationWritePlan; readonly local: LocalWritePlan }
    | { readonly road: 'takeover'; readonly pieces: TakeoverWritePlan }
    | { readonly road: 'pairs'; readonly remote: RemoteWritePlan; readonly local: LocalWritePlan }
  );

/** The write as the host asked for it. */
export interface WriteRequest {
  readonly systemId: string;
  readonly volumeId: string;
  /** `SYSTEM:VOLUME`. */
  readonly key: string;
  readonly offset: number;
  readonly length: number;
}

/** Validates once, then asks each router for its part in the documented order. */
export function planWrite(model: Model, systemId: string, volumeId: string, offset: number, length: number): WritePlan {
  const system = model.system(systemId);
  const volume = system.volume(volumeId);
  const key = `${systemId}:${volumeId}`;
  requireVolumeRange(volumeId, 'write', offset, length, volume.bytes);
  requireVolumeTransfer('write', volumeId, length); // LIM-2
  model.migration.refuseOffline(key, volume); // MG-G-2
  const pair = model.migration.ofTarget(volume);
  if (pair) {
    const migration = planMigrationWrite(pair, offset, length, model.variant === 'literal'); // MG-W-1
    if (migration.fetch.length > 0) model.migration.requireOld(pair);
    const local = model.localCopy.planWrite(volume, migration.store.offset, migration.store.length);
    return { systemId, volumeId, key, offset, length, road: 'migration', migration, local };
  }
  const copy = model.remote.takeoverCopyOf(volume);
  if (copy) return { systemId, volumeId, key, offset, length, road: 'takeover', pieces: planTakeoverWrite(copy, offset, length) }; // RC-T-4
  const remote = model.remote.planWrite(system, volume, offset, length); // RC-W-*, before the local part stores
  const local = model.localCopy.planWrite(volume, offset, length); // LC-W-*
  // Fields written out, not spread from a request object: a spread here cost ~2 µs a write.
  return { systemId, volumeId, key, offset, length, road: 'pairs', remote, local };
}
