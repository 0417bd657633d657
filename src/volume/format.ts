import { isModelError } from '../errors.ts';
import { CHUNK_BYTES } from '../kernels/arena.ts';
import type { RaidGroup } from '../raid/raid-group.ts';

/** Data devices of a row (RAID-L-*): the rest hold parity, or mirror the one. */
export function dataDevices(group: RaidGroup): number {
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

