import { isModelError } from '../errors.ts';
import { migrationRead } from '../migration/migration-routing.ts';
import { requireVolumeTransfer } from '../limits.ts';
import { observeHostIo, runDueRound } from './host-io-observer.ts';
import { takeoverRead } from '../remote-copy/takeover-routing.ts';
import { requireVolumeRange } from '../validate.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { Model } from './model.ts';
import { commitWrite } from './write-commit.ts';
import { planWrite, type WritePlan } from './write-plan.ts';

export { planWrite, type WritePlan } from './write-plan.ts';

/**
 * The host's I/O to one volume of one system: the data plane consulting each pair's state
 * through pure routing (spec/remote-copy.md RC-W-*, RC-T-4; spec/migration.md MG-R-1,
 * MG-W-1; spec/local-copy.md LC-W-*). Every refusal comes before the first byte is stored.
 * An accepted I/O is then observed as host I/O for placement's statistics; a periodic round
 * that the I/O made due runs after it, as the request's control-plane step.
 */
export function hostWrite(model: Model, systemId: string, volumeId: string, offset: number, data: Uint8Array): string[] {
  return commitHostWrite(model, planWrite(model, systemId, volumeId, offset, data.length), data);
}

/**
 * Steps 3–5 of the road for a host write planned with `planWrite` (steps 1–2): commit it,
 * observe it as host I/O (PL-S-1), then run a periodic round it made due (PL-P-2) once
 * the write is acknowledged. Returns the volumes that stored it before the acknowledgement.
 */
export function commitHostWrite(model: Model, plan: WritePlan, data: Uint8Array): string[] {
  if (data.length !== plan.length) throw new Error(`internal: ${data.length} bytes for a write planned with ${plan.length}`);
  const acknowledgedAfter = commitWrite(model, plan, data);
  observeHostIo(model, plan.systemId, plan.volumeId, 'write', plan.offset, data.length); // PL-S-1
  runDueRound(model, plan.systemId); // PL-P-2, after the write is acknowledged
  return acknowledgedAfter;
}

/** The host's read: routed and refused as `routedRead`, then host I/O for placement, as `hostWrite`. */
export function hostRead(model: Model, systemId: string, volumeId: string, offset: number, length: number): Uint8Array {
  const bytes = routedRead(model, systemId, volumeId, offset, length);
  readAnswered(model, systemId, volumeId, offset, length);
  return bytes;
}

/** A host read answered: host I/O for placement (PL-S-1), then a periodic round it made due (PL-P-2). */
function readAnswered(model: Model, systemId: string, volumeId: string, offset: number, length: number): void {
  observeHostIo(model, systemId, volumeId, 'read', offset, length);
  runDueRound(model, systemId);
}

/**
 * A write routed exactly as the host's, refused alike, but not host I/O for placement (LIM-6,
 * PL-S-1): a request's own access to the volume, such as `dataset`'s VTOC update. Planned
 * whole (every refusal first), then committed.
 */
export function routedWrite(model: Model, systemId: string, volumeId: string, offset: number, data: Uint8Array): string[] {
  return commitWrite(model, planWrite(model, systemId, volumeId, offset, data.length), data);
}

/** A read routed and refused as the host's, not counted as host I/O (LIM-6): `dataset`/`datasets` reading the VTOC. */
export function routedRead(model: Model, systemId: string, volumeId: string, offset: number, length: number): Uint8Array {
  return routeRead(model, checkedRead(model, systemId, volumeId, offset, length), offset, length);
}

/** `hostRead` into `out` from index 0 (a checker's scratch buffer): the same checks and roads; the local copy's road reads in place. */
export function hostReadInto(model: Model, systemId: string, volumeId: string, offset: number, length: number, out: Uint8Array): void {
  const volume = checkedRead(model, systemId, volumeId, offset, length);
  if (model.migration.ofTarget(volume) || model.remote.takeoverCopyOf(volume)) out.set(routeRead(model, volume, offset, length));
  else model.localCopy.readInto(volume, offset, length, out); // the local copy's road, in place
  readAnswered(model, systemId, volumeId, offset, length);
}

/** The checks of a host read that come before any routing (range, LIM-2, MG-G-2); the volume read. */
function checkedRead(model: Model, systemId: string, volumeId: string, offset: number, length: number): LogicalVolume {
  const volume = model.system(systemId).volume(volumeId);
  requireVolumeRange(volumeId, 'read', offset, length, volume.bytes);
  requireVolumeTransfer('read', volumeId, length); // LIM-2
  model.migration.refuseOffline(`${systemId}:${volumeId}`, volume);
  return volume;
}

/** The road of a checked read: a migration target's, a takeover copy's, else the local copy's. */
function routeRead(model: Model, volume: LogicalVolume, offset: number, length: number): Uint8Array {
  const migration = model.migration.ofTarget(volume);
  const readTarget = (at: number, n: number) => model.localCopy.read(volume, at, n);
  if (migration) return migrationRead(migration, offset, length, () => model.migration.requireOld(migration), readTarget);
  const copy = model.remote.takeoverCopyOf(volume);
  if (copy) return takeoverRead(copy, offset, length); // RC-T-4
  return readTarget(offset, length);
}

/** `viewRead` into `out` from index 0 (a checker's scratch buffer); a whole volume read plainly is read in place. */
export function viewReadInto(model: Model, systemId: string, volumeId: string, offset: number, length: number, out: Uint8Array): void {
  const volume = model.system(systemId).volume(volumeId);
  if (volume.whole && !model.migration.ofTarget(volume) && !model.remote.takeoverCopyOf(volume)) volume.readInto(offset, length, out, 0);
  else out.set(viewRead(model, systemId, volumeId, offset, length));
}

/**
 * The host's view of a volume as the checker sees it (MG-INV-1, RC-INV-5, VOL-INV-2): the
 * same routing, with the checker's own access to the old system (no path needed) and
 * unmapped addresses of a partial volume read as zeros.
 */
export function viewRead(model: Model, systemId: string, volumeId: string, offset: number, length: number): Uint8Array {
  const volume = model.system(systemId).volume(volumeId);
  const migration = model.migration.ofTarget(volume);
  const raw = (at: number, n: number) => readMapped(volume, at, n);
  if (migration) return migrationRead(migration, offset, length, () => model.system(migration.source.system.id), raw);
  const copy = model.remote.takeoverCopyOf(volume);
  if (copy) return takeoverRead(copy, offset, length); // RC-T-4
  return raw(offset, length);
}

/** A partial volume's unmapped addresses read as zeros (the checker's view only). */
function readMapped(volume: LogicalVolume, offset: number, length: number): Uint8Array {
  if (volume.whole) return volume.read(offset, length);
  const out = new Uint8Array(length);
  for (const [a, b] of volume.mappedRanges()) {
    const from = Math.max(a, offset);
    const to = Math.min(b + 1, offset + length);
    if (from < to) volume.readInto(from, to - from, out, from - offset);
  }
  return out;
}

/** Whether an error is a refusal the checker may meet on a failed or unreachable system. */
export function isUnavailable(e: unknown): boolean {
  return isModelError(e) && (e.code === 'DATA_LOSS' || e.code === 'SYSTEM_FAILED');
}
