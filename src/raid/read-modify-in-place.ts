import type { StorageDevice } from '../device/storage-device.ts';
import type { Arena } from '../kernels/arena.ts';
import type { DeviceHealthTable } from './device-health.ts';
import type { StripeLayout } from './layout.ts';

/** What a striped group lends this road: its layout, devices, health and arena. */
interface StripedGroup {
  readonly layout: StripeLayout;
  readonly devices: readonly StorageDevice[];
  readonly health: DeviceHealthTable;
  readonly arena: Arena;
  readonly stripeUnitBytes: number;
}

/** P ^= Δ and Q ^= g^unit·Δ at arena addresses (the group's `foldDelta`). */
type Fold = (p: number, q: number, delta: number, length: number, unit: number) => void;

/**
 * RAID-W-3 of a write inside one stripe unit of a healthy group, where the bytes lie: the
 * run, its scratch images and their tally are what this one unit would give, so they are
 * skipped. The delta Δ = old ^ new is formed in scratch from the data unit's own chunks,
 * folded into P (and Q) where they lie, then the new bytes are copied onto the data unit:
 * three passes over the bytes instead of staging every role. Needs the touched range of
 * the data unit, P and Q each to be one arena run (an overwrite of written media). The
 * change record (CHK-2) and the counters (RAID-IO-1) are what the image path gives.
 * Returns false, having stored nothing, where it does not apply.
 */
export function writeInOneUnit(group: StripedGroup, offset: number, data: Uint8Array, fold: Fold): boolean {
  const { layout, arena } = group;
  const u = group.stripeUnitBytes;
  const k = layout.dataCount;
  const len = data.length;
  const within = offset % u;
  if (len === 0 || within + len > u || (k === 1 && len === u) || !group.health.allHealthy()) return false;
  const row = Math.floor(offset / (u * k));
  const unit = Math.floor(offset / u) % k;
  const at = row * u + within;
  const dev = group.devices[layout.dataDevice(row, unit)]!;
  const p = group.devices[layout.parityDevice(row)]!;
  const q = layout.parityCount === 2 ? group.devices[layout.qDevice(row)]! : null;
  const temp = arena.scratch(len); // before any address is taken: it may grow the arena
  const d = dev.arenaRun(at, len);
  const pp = p.arenaRun(at, len);
  const qp = q ? q.arenaRun(at, len) : 0;
  if (d < 0 || pp < 0 || qp < 0) return false;
  const bytes = arena.bytes();
  bytes.set(data, temp);
  arena.xorInto(temp, d, len);
  fold(pp, qp, temp, len, unit);
  bytes.set(data, d);
  stored(dev, at, len);
  stored(p, at, len);
  if (q) stored(q, at, len);
  return true;
}

/** CHK-2 and RAID-IO-1: the device stored [at, at+bytes), with one read and one write (an IoTally of one request, committed). */
function stored(device: StorageDevice, at: number, bytes: number): void {
  device.noteStored(at, bytes);
  device.counters.reads++;
  device.counters.bytesRead += bytes;
  device.counters.writes++;
  device.counters.bytesWritten += bytes;
}
