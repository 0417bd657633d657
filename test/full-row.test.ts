import { describe, expect, it } from 'vitest';
import { createRaidGroup } from '../src/raid/create-group.ts';
import type { RaidGroup } from '../src/raid/raid-group.ts';

const UNIT = 8192; // two chunks per unit: an overwrite stores each unit with one copy

function group(level: 'raid5' | 'raid6'): RaidGroup {
  return createRaidGroup({ id: 'g', level, devices: 6, deviceBytes: 16 * UNIT, stripeUnitBytes: UNIT });
}

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return out;
}

/** Every device's bytes and I/O counters. */
function deviceState(g: RaidGroup): Array<{ bytes: Uint8Array; reads: number; writes: number; written: number }> {
  return g.devices.map((d) => {
    const { reads, writes, bytesWritten } = d.counters;
    return { bytes: d.read(0, d.capacityBytes), reads, writes, written: bytesWritten };
  });
}

describe('RAID-W-2: a full-row overwrite (one copy per unit, one kernel call per row) is the first write again', () => {
  for (const level of ['raid5', 'raid6'] as const) {
    it(`${level}: same bytes, parity, change record (CHK-2) and counters as full rows written onto empty media`, () => {
      const rowBytes = (level === 'raid5' ? 5 : 4) * UNIT;
      const offset = 2 * rowBytes;
      const data = pattern(5 * rowBytes, 2);
      const overwritten = group(level);
      overwritten.write(offset, pattern(5 * rowBytes, 1)); // chunks taken in order: the rows are runs
      overwritten.takeChanges();
      const fresh = group(level);
      fresh.write(offset, data);
      const before = deviceState(overwritten);
      overwritten.write(offset, data);
      expect(overwritten.takeChanges()).toEqual(fresh.takeChanges());
      const after = deviceState(overwritten);
      const expected = deviceState(fresh);
      after.forEach((d, i) => {
        expect(Buffer.compare(d.bytes, expected[i]!.bytes)).toBe(0);
        expect(d.writes - before[i]!.writes).toBe(expected[i]!.writes);
        expect(d.written - before[i]!.written).toBe(expected[i]!.written);
      });
      expect(overwritten.checkRedundancy()).toEqual([]);
      expect(Buffer.compare(overwritten.read(offset, data.length), data)).toBe(0);
    });
  }

  it('a unit whose chunks are not one run in the arena is stored chunk by chunk, with the same result', () => {
    const g = group('raid5');
    const rowBytes = 5 * UNIT;
    g.write(UNIT - 16, new Uint8Array(32).fill(9)); // chunk 1 of unit 0 is taken before chunk 0
    const data = pattern(rowBytes, 3);
    g.write(0, data);
    g.write(0, pattern(rowBytes, 4));
    g.write(0, data);
    expect(g.checkRedundancy()).toEqual([]);
    expect(Buffer.compare(g.read(0, rowBytes), data)).toBe(0);
  });
});
