import { isModelError } from '../errors.ts';
import { CHUNK_BYTES } from '../kernels/arena.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import type { LogicalVolume } from './logical-volume.ts';

/** Data devices of a row (RAID-L-*): the rest hold parity, or mirror the one. */
function dataDevices(group: RaidGroup): number {
  if (group.level === 'raid1') return 1;
  return group.devices.length - (group.level === 'raid6' ? 2 : 1);
}

/**
 * LDEV-4 (seed step 602: "the unused logical storage device should be formatted
 * beforehand"): zeroes [offset, offset+length) of a group's address space when it returns to
 * the free pool or the idle ranges, so the next volume mapped there reads zeros. Only rows
 * some device has written are touched: a never-written terabyte costs nothing. Rows whose
 * data is already lost stay lost (DATA_LOSS is never turned into zeros).
 */
export function formatRange(group: RaidGroup, offset: number, length: number): void {
  if (length <= 0) return;
  const unit = group.stripeUnitBytes;
  const rowBytes = unit * dataDevices(group);
  for (const [a, b] of writtenRuns(group, Math.floor(offset / rowBytes), Math.floor((offset + length - 1) / rowBytes))) {
    const from = Math.max(offset, a * rowBytes);
    const to = Math.min(offset + length, (b + 1) * rowBytes);
    try {
      group.write(from, new Uint8Array(to - from));
    } catch (e) {
      if (!isModelError(e) || e.code !== 'DATA_LOSS') throw e;
    }
  }
}

/** Inclusive runs of rows in [r0, r1] in which some usable device holds a written chunk. */
function writtenRuns(group: RaidGroup, r0: number, r1: number): Array<[number, number]> {
  const unit = group.stripeUnitBytes;
  const rows = new Set<number>();
  for (const d of group.devices) {
    if (d.failed) continue;
    for (let c = d.nextChunkFrom(Math.floor((r0 * unit) / CHUNK_BYTES)); c !== null && c * CHUNK_BYTES < (r1 + 1) * unit; c = d.nextChunkFrom(c + 1)) {
      const first = Math.max(r0, Math.floor((c * CHUNK_BYTES) / unit));
      const last = Math.min(r1, Math.floor(((c + 1) * CHUNK_BYTES - 1) / unit));
      for (let r = first; r <= last; r++) rows.add(r);
    }
  }
  const sorted = [...rows].sort((x, y) => x - y);
  const runs: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] + 1 === r) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/**
 * LIM-8: whether [offset, offset+length) of a group's address space may hold written bytes
 * (a device holds a chunk in one of its rows, or the group is degraded and a read might be
 * refused); false means a read of it returns zeros.
 */
export function mayHoldData(group: RaidGroup, offset: number, length: number): boolean {
  if (length <= 0) return false;
  if (group.health.count('healthy') < group.devices.length) return true; // degraded: a read may refuse (DATA_LOSS); ask it
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
