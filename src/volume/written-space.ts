import type { RaidGroup } from '../raid/raid-group.ts';
import { dataDevices } from './format.ts';
import type { LogicalVolume } from './logical-volume.ts';

/**
 * LIM-8: whether [offset, offset+length) of a group's address space may hold written bytes
 * (a device holds a chunk in one of its rows, or the group is degraded and a read might be
 * refused); false means a read of it returns zeros.
 */
export function mayHoldData(group: RaidGroup, offset: number, length: number): boolean {
  if (length <= 0) return false;
  if (group.health.count('healthy') < group.devices.length || group.hasLostBytes()) return true; // degraded or re-created (RAID-F-6): a read may refuse (DATA_LOSS); ask it
  const unit = group.stripeUnitBytes;
  const rowBytes = unit * dataDevices(group);
  const r0 = Math.floor(offset / rowBytes);
  const r1 = Math.floor((offset + length - 1) / rowBytes);
  return group.devices.some((d) => d.hasDataIn(r0 * unit, (r1 - r0 + 1) * unit));
}

/** LIM-8 for a range of a (whole) volume: through its table, as a read would go. */
export function mayHoldDataIn(volume: LogicalVolume, offset: number, length: number): boolean {
  return volume.pieces(offset, length).some((p) => mayHoldData(p.ldev.group, p.ldev.groupOffset + p.ldevOffset, p.length));
}
