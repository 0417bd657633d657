/**
 * Regression test for a finding of the properties: a RAID1 group whose devices had all failed
 * refused zero-length reads, writes and checkAccess with DATA_LOSS ("bytes 0..0 are lost"),
 * while raid3/5/6 groups that had lost data served them. RAID-D-5 refuses requests that
 * *touch* lost data, and an empty request touches nothing. (Fixed in src/raid/mirror-group.ts;
 * the harness now also draws zero-length requests.)
 */
import { describe, expect, it } from 'vitest';
import { createRaidGroup } from '../../src/raid/create-group.ts';
import { LEVELS } from './raid-model.ts';

describe('zero-length requests on a group that has lost data', () => {
  for (const level of LEVELS) {
    it(`${level}: served, not refused`, () => {
      const devices = level === 'raid6' ? 4 : 3;
      const g = createRaidGroup({ id: `lost-${level}`, level, devices, deviceBytes: 4096, stripeUnitBytes: 512 });
      g.write(0, new Uint8Array([1, 2, 3]));
      for (let d = 0; d < devices; d++) g.failDevice(d);
      expect(g.health.lost).toBe(true);
      expect(g.read(0, 0)).toEqual(new Uint8Array(0));
      g.checkAccess(100, 0);
      g.write(100, new Uint8Array(0));
      expect(() => g.read(0, 1)).toThrow(expect.objectContaining({ code: 'DATA_LOSS' }));
    });
  }
});
