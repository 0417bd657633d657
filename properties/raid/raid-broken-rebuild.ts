/**
 * Deliberately wrong rebuild-time reads, to show the properties reach the rows on both
 * sides of a part-finished rebuild (properties/raid/raid-broken-variants.test.ts). Each is a
 * GroupFactory for the harness.
 *
 * - readability at the first row: a read decides once, at its first row, whether each
 *   rebuilding device is valid, so the rows it has past the rebuild position are read from
 *   the rebuilding device's new, not yet rebuilt media instead of being reconstructed
 *   (RAID-F-5). Every level; on raid1, at the first byte.
 * - runs across the rebuild position (raid3): runs of whole rows are not cut where a
 *   rebuilding device turns readable, so a run starting below the position reads the
 *   rebuilding device above it too: the RAID3 bug once found at run 193 of 200.
 */
import { Arena } from '../../src/kernels/arena.ts';
import type { DeviceHealthTable } from '../../src/raid/device-health.ts';
import { MirrorGroup } from '../../src/raid/mirror-group.ts';
import { ParityGroup } from '../../src/raid/parity-group.ts';
import { type Run, splitRuns } from '../../src/raid/runs.ts';
import type { Geometry, GroupFactory } from './raid-model.ts';

/** Runs `fn` with every rebuilding device valid past `end` if it is valid at `first`. */
function validFromFirst<T>(h: DeviceHealthTable, first: number, end: number, fn: () => T): T {
  const saved = [...h.position];
  h.health.forEach((x, d) => {
    if (x === 'rebuilding' && h.position[d]! > first) h.position[d] = end;
  });
  try {
    return fn();
  } finally {
    saved.forEach((p, d) => {
      h.position[d] = p;
    });
  }
}

class ParityReadabilityAtFirstRow extends ParityGroup {
  override readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void {
    const row = Math.floor(offset / (this.layout.dataCount * this.stripeUnitBytes));
    validFromFirst(this.health, row, this.layout.rows, () => super.readInto(offset, length, out, outOffset));
  }
}

class MirrorReadabilityAtFirstByte extends MirrorGroup {
  override readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void {
    validFromFirst(this.health, offset, this.capacityBytes, () => super.readInto(offset, length, out, outOffset));
  }
}

export const readabilityAtFirstRow: GroupFactory = (g) =>
  g.level === 'raid1'
    ? new MirrorReadabilityAtFirstByte(`first-row-${g.level}`, g.devices, g.deviceBytes, g.stripeUnitBytes, new Arena())
    : new ParityReadabilityAtFirstRow(`first-row-${g.level}`, g.level, g.devices, g.deviceBytes, g.stripeUnitBytes, new Arena());

/** The group's private run splitter (ParityGroup.runsOf), replaced on this one instance. */
interface RunSplitting {
  runsOf(offset: number, length: number): Run[];
}

export const runsAcrossRebuildPosition: GroupFactory = (g: Geometry) => {
  if (g.level !== 'raid3') throw new Error('runs of several rows exist on raid3 only');
  const group = new ParityGroup(`runs-across-${g.level}`, g.level, g.devices, g.deviceBytes, g.stripeUnitBytes, new Arena());
  const splitting = group as unknown as RunSplitting;
  if (typeof splitting.runsOf !== 'function') throw new Error('ParityGroup.runsOf is gone: update this broken variant');
  splitting.runsOf = (offset, length) => splitRuns(group.layout, offset, length, () => Number.POSITIVE_INFINITY);
  return group;
};
