import { CHUNK_BYTES } from '../kernels/arena.ts';
import type { StorageDevice } from '../device/storage-device.ts';
import type { Arena } from '../kernels/arena.ts';
import type { DeviceHealthTable } from './device-health.ts';
import type { StripeLayout } from './layout.ts';
import type { LostRanges } from './lost-ranges.ts';
import { parityInPlace } from './parity-in-place.ts';

/** What re-creating a striped group needs of it. */
export interface RecreatedGroup {
  readonly layout: StripeLayout;
  readonly devices: readonly StorageDevice[];
  readonly health: DeviceHealthTable;
  readonly arena: Arena;
  readonly stripeUnitBytes: number;
  readonly deviceBytes: number;
  readonly lost: LostRanges;
}

/**
 * RAID-F-6: a group that lost data (RAID-F-4) is re-created when a failed device is
 * replaced: every failed device gets new, empty media at once and is healthy, its bytes are
 * recorded as lost (a read of them is refused with DATA_LOSS until they are written again),
 * and P (and Q) of every row that holds data is computed anew from the data units' media,
 * so the group is redundant again (RAID-INV-1). Returns the devices replaced.
 */
export function recreateGroup(g: RecreatedGroup): number[] {
  const failed = g.health.health.flatMap((h, d) => (h === 'failed' ? [d] : []));
  for (const d of failed) {
    g.lost.add(d, 0, g.deviceBytes);
    g.devices[d]!.replaceMedia();
    g.health.finishRebuild(d);
  }
  for (const row of rowsWithData(g)) recomputeParity(g, row);
  return failed;
}

function rowsWithData(g: RecreatedGroup): number[] {
  const rows = new Set<number>();
  const u = g.stripeUnitBytes;
  for (const dev of g.devices) {
    for (let c = dev.nextChunkFrom(0); c !== null; c = dev.nextChunkFrom(c + 1)) {
      const first = Math.floor((c * CHUNK_BYTES) / u);
      const last = Math.min(g.layout.rows - 1, Math.floor(((c + 1) * CHUNK_BYTES - 1) / u));
      for (let r = first; r <= last; r++) rows.add(r);
    }
  }
  return [...rows].sort((a, b) => a - b);
}

function recomputeParity(g: RecreatedGroup, row: number): void {
  const { layout } = g;
  const data = Array.from({ length: layout.dataCount }, (_, j) => g.devices[layout.dataDevice(row, j)]!);
  const p = g.devices[layout.parityDevice(row)]!;
  const q = layout.parityCount === 2 ? g.devices[layout.qDevice(row)]! : null;
  parityInPlace(g.arena, row * g.stripeUnitBytes, g.stripeUnitBytes, data, p, q);
}
