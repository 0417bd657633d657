import { describe, expect, it } from 'vitest';
import { createRaidGroup } from '../src/raid/create-group.ts';
import type { RaidLevel } from '../src/raid/levels.ts';
import { deviceIos, mixServiceMs, pieceServiceMs, TRANSFER_BYTES_PER_MS } from '../src/placement/service-time.ts';
import { emptyCounters } from '../src/placement/statistics.ts';

/** Device reads and writes one write of `bytes` at `offset` costs the real data plane. */
function dataPlaneWriteIos(level: RaidLevel, devices: number, offset: number, bytes: number): number {
  const g = createRaidGroup({ id: 'G', level, devices, deviceBytes: 1 << 20, stripeUnitBytes: 16384 });
  const before = g.devices.reduce((s, d) => s + d.counters.reads + d.counters.writes, 0);
  g.write(offset, new Uint8Array(bytes).fill(7));
  return g.devices.reduce((s, d) => s + d.counters.reads + d.counters.writes, 0) - before;
}

describe('service-time model (PL-S-2)', () => {
  it('a small random write costs RAID1 2, RAID5 4 and RAID6 6 device I/Os of its bytes', () => {
    expect(deviceIos('raid1', 2, 'write', false)).toEqual({ ios: 2, shareOf: 1 });
    expect(deviceIos('raid5', 5, 'write', false)).toEqual({ ios: 4, shareOf: 1 });
    expect(deviceIos('raid6', 6, 'write', false)).toEqual({ ios: 6, shareOf: 1 });
  });

  it('the small-write counts are what the RAID data plane does (RAID-W-3 read-modify-write)', () => {
    expect(dataPlaneWriteIos('raid1', 2, 8192, 4096)).toBe(2);
    expect(dataPlaneWriteIos('raid5', 5, 8192, 4096)).toBe(4);
    expect(dataPlaneWriteIos('raid6', 6, 8192, 4096)).toBe(6);
  });

  it('a sequential write on RAID5 or RAID6 writes every device a share; RAID3 always does', () => {
    expect(deviceIos('raid5', 5, 'write', true)).toEqual({ ios: 5, shareOf: 4 });
    expect(deviceIos('raid6', 6, 'write', true)).toEqual({ ios: 6, shareOf: 4 });
    expect(deviceIos('raid3', 5, 'write', false)).toEqual({ ios: 5, shareOf: 4 });
    expect(deviceIos('raid1', 2, 'write', true)).toEqual({ ios: 2, shareOf: 1 });
  });

  it('a read is one device read, except on RAID3 where n−1 devices each read a share', () => {
    for (const level of ['raid1', 'raid5', 'raid6'] as const) expect(deviceIos(level, 6, 'read', false)).toEqual({ ios: 1, shareOf: 1 });
    expect(deviceIos('raid3', 5, 'read', true)).toEqual({ ios: 4, shareOf: 4 });
  });

  it('costs positioning (random 5 ms, sequential 0.1 ms) plus bytes at 200 MB/s per device I/O', () => {
    expect(TRANSFER_BYTES_PER_MS).toBe(200_000);
    expect(pieceServiceMs('raid5', 5, 'write', false, 4096)).toBeCloseTo(4 * (5 + 4096 / 200_000), 12);
    expect(pieceServiceMs('raid6', 6, 'write', false, 4096)).toBeCloseTo(6 * 5.02048, 12);
    expect(pieceServiceMs('raid1', 2, 'write', false, 8192)).toBeCloseTo(2 * 5.04096, 12);
    expect(pieceServiceMs('raid5', 5, 'write', true, 65536)).toBeCloseTo(5 * (0.1 + 16384 / 200_000), 12);
    expect(pieceServiceMs('raid3', 5, 'read', false, 4096)).toBeCloseTo(4 * (5 + 1024 / 200_000), 12);
    expect(pieceServiceMs('raid1', 2, 'read', true, 0)).toBeCloseTo(0.1, 12);
  });

  it('re-costing a mix under a level equals the sum of its pieces under that level (PL-P-1)', () => {
    const mix = { ...emptyCounters(), randomReads: 3, randomReadBytes: 3 * 8192, randomWrites: 2, randomWriteBytes: 2 * 4096, sequentialWrites: 4, sequentialWriteBytes: 4 * 65536, sequentialReads: 1, sequentialReadBytes: 512 };
    for (const [level, n] of [['raid1', 2], ['raid3', 4], ['raid5', 5], ['raid6', 6]] as const) {
      const pieces = 3 * pieceServiceMs(level, n, 'read', false, 8192) + 2 * pieceServiceMs(level, n, 'write', false, 4096) + 4 * pieceServiceMs(level, n, 'write', true, 65536) + pieceServiceMs(level, n, 'read', true, 512);
      expect(mixServiceMs(mix, level, n)).toBeCloseTo(pieces, 9);
    }
  });
});
