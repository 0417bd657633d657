import { describe, expect, it, vi } from 'vitest';
import { createRaidGroup } from '../src/raid/create-group.ts';
import { ParityIo } from '../src/raid/parity-io.ts';
import type { RaidGroup } from '../src/raid/raid-group.ts';

const UNIT = 8192; // two chunks per unit: a write across the chunk boundary needs both as one run

function group(level: 'raid3' | 'raid5' | 'raid6'): RaidGroup {
  return createRaidGroup({ id: 'g', level, devices: 6, deviceBytes: 16 * UNIT, stripeUnitBytes: UNIT });
}

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return out;
}

function deviceState(g: RaidGroup): Array<{ bytes: Uint8Array; reads: number; writes: number; read: number; written: number }> {
  return g.devices.map((d) => {
    const { reads, writes, bytesRead, bytesWritten } = d.counters;
    return { bytes: d.read(0, d.capacityBytes), reads, writes, read: bytesRead, written: bytesWritten };
  });
}

/** The image road of RAID-W-3 (scratch images), which the in-place road must equal. */
function imageRoadCalls(): { calls: () => number; restore: () => void } {
  const spy = vi.spyOn(ParityIo.prototype as unknown as { writeReadModify: () => void }, 'writeReadModify');
  return { calls: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
}

describe('RAID-W-3: a write inside one unit of a healthy group, where the bytes lie, is the image road again', () => {
  for (const level of ['raid3', 'raid5', 'raid6'] as const) {
    it(`${level}: same bytes, parity, change record (CHK-2) and counters (RAID-IO-1) as the scratch-image road`, () => {
      const rows = 3 * 5 * UNIT;
      const offset = 5 * UNIT + UNIT / 2 - 100; // row 1 (RAID3: row 1, unit 0), across the unit's two chunks
      const data = pattern(200, 5);
      const inPlace = group(level);
      inPlace.write(0, pattern(rows, 1)); // chunks taken in order: every unit is one run
      const image = group(level);
      for (let u = 0; u < 15; u++) image.write(u * UNIT + UNIT - 16, new Uint8Array(16).fill(9)); // second chunks first
      image.write(0, pattern(rows, 1));
      inPlace.takeChanges();
      image.takeChanges();
      const before = [deviceState(inPlace), deviceState(image)];
      const road = imageRoadCalls();
      try {
        inPlace.write(offset, data);
        expect(road.calls()).toBe(0);
        image.write(offset, data);
        expect(road.calls()).toBe(1);
      } finally {
        road.restore();
      }
      expect(inPlace.takeChanges()).toEqual(image.takeChanges());
      const [a, b] = [deviceState(inPlace), deviceState(image)];
      a.forEach((d, i) => {
        expect(Buffer.compare(d.bytes, b[i]!.bytes)).toBe(0);
        for (const k of ['reads', 'writes', 'read', 'written'] as const) expect(d[k] - before[0]![i]![k]).toBe(b[i]![k] - before[1]![i]![k]);
      });
      expect(inPlace.checkRedundancy()).toEqual([]);
      expect(Buffer.compare(inPlace.read(offset, data.length), data)).toBe(0);
    });
  }

});
