/**
 * Witnesses: the hard situations a RAID property must reach to prove anything about them
 * (PropertyDefinition.witnesses), counted in its `reached` counters under these names.
 *
 * - `rebuildStraddlingRead` / `rebuildStraddlingWrite`: a request whose range holds rows on
 *   both sides of a rebuilding device's position (strictly inside the device): rows below it
 *   read that device, rows at and above reconstruct around it (RAID-F-5);
 * - `midDeviceRebuildStop`: a rebuild step that leaves the device it rebuilt strictly inside
 *   (some rows rebuilt, some not: RAID-R-1);
 * - `degradedRead`: a read served around a device that cannot be read there (striped: a data
 *   unit reconstructed, RAID-D-1..4; raid1: the first device is not valid, RAID-M-2);
 * - `degradedWrite`: a write to rows where some device cannot be read (RAID-W-4);
 * - `rmwWrite`, `fullStripeWrite`: a write with a partial row (RAID-W-3), with a whole row (RAID-W-2);
 * - `rebuildAbortedMidDevice`: a failure beyond tolerance aborts a rebuild that had stopped
 *   inside its device (RAID-F-3: the rows it rebuilt count for nothing).
 *
 * Imports nothing of the harness but raid-aim.ts and types: the commands (raid-request-commands.ts,
 * raid-device-commands.ts) build on it.
 */
import type { DeviceHealthTable } from '../../src/raid/device-health.ts';
import { positionOf, rebuildEndPosition } from './raid-aim.ts';
import type { RefLayout } from './raid-layout.ts';
import { bump, type Counters } from '../harness/support.ts';

export type Witness =
  | 'rebuildStraddlingRead'
  | 'rebuildStraddlingWrite'
  | 'midDeviceRebuildStop'
  | 'degradedRead'
  | 'degradedWrite'
  | 'rmwWrite'
  | 'fullStripeWrite'
  | 'rebuildAbortedMidDevice';

/** The witnesses every level can reach. */
export const REBUILD_WITNESSES: readonly Witness[] = ['midDeviceRebuildStop', 'rebuildStraddlingRead', 'rebuildStraddlingWrite', 'degradedRead', 'degradedWrite'];
/** Parity levels add the two write paths of a healthy row (raid1 has no parity). */
export const PARITY_WITNESSES: readonly Witness[] = ['rmwWrite', 'fullStripeWrite'];

export function witnessesOf(level: RefLayout['level'], list: readonly Witness[] = REBUILD_WITNESSES): readonly Witness[] {
  return level === 'raid1' ? list : [...list, ...PARITY_WITNESSES];
}

/** Rebuilding devices whose position is inside the range's rows, with a row of the range below it. */
export function straddledDevices(L: RefLayout, h: DeviceHealthTable, offset: number, length: number): number[] {
  if (length === 0) return [];
  const first = positionOf(L, offset);
  const last = positionOf(L, offset + length - 1);
  return h.health.flatMap((x, d) => (x === 'rebuilding' && first < h.position[d]! && h.position[d]! <= last ? [d] : []));
}

/** Some byte of the range cannot be read where it lies and is served around its device. */
export function readsAroundDevice(L: RefLayout, h: DeviceHealthTable, offset: number, length: number): boolean {
  if (length === 0) return false;
  if (L.level === 'raid1') return !h.readable(0, offset + length - 1);
  const R = L.rowBytes;
  const end = offset + length;
  const touches = (row: number, d: number): boolean => {
    const a = Math.max(offset, row * R) - row * R;
    const b = Math.min(end, (row + 1) * R) - row * R;
    for (let j = Math.floor(a / L.unit); j * L.unit < b; j++) if (L.dataDevice(row, j) === d) return true;
    return false;
  };
  const first = Math.floor(offset / R);
  const last = Math.floor((end - 1) / R);
  for (let d = 0; d < L.devices; d++) {
    if (h.health[d] === 'healthy') continue;
    // Unreadable from here on; roles repeat every n rows, so n + 1 rows and the last one tell.
    const from = Math.max(first, h.health[d] === 'failed' ? 0 : h.position[d]!);
    for (let row = from; row <= Math.min(last, from + L.devices); row++) if (touches(row, d)) return true;
    if (from <= last && touches(last, d)) return true;
  }
  return false;
}

/** Counts a request that straddles a rebuild position (call before it runs: the health then). */
export function noteStraddle(reached: Counters | undefined, kind: 'read' | 'write', L: RefLayout, h: DeviceHealthTable, offset: number, length: number): void {
  if (reached && straddledDevices(L, h, offset, length).length > 0) bump(reached, kind === 'read' ? 'rebuildStraddlingRead' : 'rebuildStraddlingWrite');
}

/** Counts a rebuild step that left `device` (the one it rebuilt) strictly inside (call after it). */
export function noteRebuildStop(reached: Counters | undefined, L: RefLayout, h: DeviceHealthTable, device: number): void {
  if (device < 0 || h.health[device] !== 'rebuilding') return;
  const p = h.position[device]!;
  if (p > 0 && p < rebuildEndPosition(L)) bump(reached, 'midDeviceRebuildStop');
}
