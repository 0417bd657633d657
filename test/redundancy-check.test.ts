import { describe, expect, it } from 'vitest';
import { createRaidGroup } from '../src/raid/create-group.ts';
import type { RaidGroup } from '../src/raid/raid-group.ts';

/** RAID-INV-1 / CHK-3: the check reads each chunk where it lies; a byte flipped on any device of a row is seen. */
function group(level: 'raid3' | 'raid5' | 'raid6'): RaidGroup {
  return createRaidGroup({ id: 'RG', level, devices: level === 'raid6' ? 6 : 5, deviceBytes: 1 << 20, stripeUnitBytes: 16384 });
}

/** Flips one byte of device `d` at `offset` behind the RAID layer's back. */
function corrupt(g: RaidGroup, d: number, offset: number): void {
  const dev = g.devices[d]!;
  const byte = dev.read(offset, 1);
  byte[0]! ^= 0x5a;
  dev.write(offset, byte);
}

describe('redundancy check (RAID-INV-1, CHK-3)', () => {
  for (const level of ['raid3', 'raid5', 'raid6'] as const) {
    it(`${level}: parity that matches passes; a byte flipped on any device in a later chunk of a unit is reported`, () => {
      const g = group(level);
      const data = new Uint8Array(3 * 4 * 16384).map((_, i) => (i * 7 + 3) & 0xff);
      g.write(0, data);
      expect(g.checkRedundancy()).toEqual([]);
      // Every device holds a data unit, P or Q of row 1: a flip in the unit's fourth chunk is seen, whichever it is.
      const seen = g.devices.map((_, d) => {
        corrupt(g, d, 16384 + 3 * 4096 + 17);
        const problems = g.checkRedundancy();
        corrupt(g, d, 16384 + 3 * 4096 + 17); // and back
        return problems;
      });
      for (const problems of seen) {
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^RG: rows? [0-9.]+: (P|Q) on device \d+ does not match the data$/);
      }
      expect(g.checkRedundancy()).toEqual([]);
    });
  }
});
