import { describe, expect, it } from 'vitest';
import { hostRead, hostWrite } from '../src/model/host-io.ts';
import { Model } from '../src/model/model.ts';
import { pieceServiceMs } from '../src/placement/service-time.ts';
import { piecesOf } from '../src/placement/statistics.ts';
import { groupLoads, groupUtilization, meanResponseMs, spreadOf } from '../src/placement/utilization.ts';

const KiB = 1024;
const LDEV = 64 * KiB;

/** System S: R1 (raid1, 2 devices), R5 (raid5, 4 devices); volume V of 4 LDEVs on R5, 16 KiB tracks. */
function model(): Model {
  const m = new Model();
  m.defineSystem({
    id: 'S',
    ldevBytes: LDEV,
    raidGroups: [
      { id: 'R1', level: 'raid1', devices: 2, deviceBytes: 1 << 20 },
      { id: 'R5', level: 'raid5', devices: 4, deviceBytes: 1 << 20 },
    ],
  });
  m.system('S').defineVolume({ id: 'V', emulation: 'OPEN-V', bytes: 4 * LDEV, trackBytes: 16 * KiB, raidGroup: 'R5' });
  return m;
}

const stats = (m: Model) => m.placement.statistics.of('S');
const ldevOf = (m: Model, entry: number) => m.system('S').volume('V').table[entry]!.ldev.number!;
const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('access statistics (PL-S-1)', () => {
  it('a piece that starts where the previous host piece on its LDEV ended is sequential; otherwise random', () => {
    const m = model();
    hostWrite(m, 'S', 'V', 0, bytes(4096)); // first on the LDEV: random
    hostWrite(m, 'S', 'V', 4096, bytes(4096)); // continues: sequential
    hostRead(m, 'S', 'V', 8192, 512); // continues, as a read: sequential
    hostRead(m, 'S', 'V', 8192, 512); // does not continue (the last ended at 8704): random
    hostWrite(m, 'S', 'V', 20000, bytes(100)); // a gap: random
    const c = stats(m).of(ldevOf(m, 0));
    expect(c).toMatchObject({ randomWrites: 2, randomWriteBytes: 4196, sequentialWrites: 1, sequentialWriteBytes: 4096, sequentialReads: 1, sequentialReadBytes: 512, randomReads: 1, randomReadBytes: 512, endAddress: 20100 });
    expect(stats(m).hostIos).toBe(5);
  });

  it('an I/O across an LDEV boundary counts one piece on each LDEV, each judged on its own LDEV', () => {
    const m = model();
    hostWrite(m, 'S', 'V', LDEV - 1024, bytes(2048));
    expect(stats(m).of(ldevOf(m, 0))).toMatchObject({ randomWrites: 1, randomWriteBytes: 1024 });
    expect(stats(m).of(ldevOf(m, 1))).toMatchObject({ randomWrites: 1, randomWriteBytes: 1024, endAddress: 1024 });
    expect(stats(m).hostIos).toBe(1);
  });

  it('busy time is PL-S-2 under the group that served the piece', () => {
    const m = model();
    hostWrite(m, 'S', 'V', 0, bytes(4096));
    hostWrite(m, 'S', 'V', 4096, bytes(4096));
    const expected = pieceServiceMs('raid5', 4, 'write', false, 4096) + pieceServiceMs('raid5', 4, 'write', true, 4096);
    expect(stats(m).of(ldevOf(m, 0)).busyMs).toBeCloseTo(expected, 12);
  });

  it('refused host I/O and copies are not counted', () => {
    const m = model();
    expect(() => hostWrite(m, 'S', 'V', 4 * LDEV - 1, bytes(2))).toThrow();
    m.system('S').defineVolume({ id: 'C', emulation: 'OPEN-V', bytes: 4 * LDEV, trackBytes: 16 * KiB, raidGroup: 'R5' });
    hostWrite(m, 'S', 'V', 0, bytes(4096));
    m.localCopy.create('P', 'S:V', 'S:C');
    m.settle();
    m.placement.relocate(m.system('S'), m.system('S').volume('V'), [4, 7], 'R1');
    m.settle();
    expect(stats(m).hostIos).toBe(1);
    const total = stats(m).ldevs().reduce((s, [, c]) => s + piecesOf(c), 0);
    expect(total).toBe(1);
  });

  it('during a relocation a piece counts on the LDEV the table maps; the finished entry takes its statistics to the destination', () => {
    const m = model();
    const s = m.system('S');
    const source = ldevOf(m, 0);
    const r = m.placement.relocate(s, s.volume('V'), [0, 3], 'R1')!;
    r.step(2); // tracks 0, 1 copied: the pointer is at track 2
    hostWrite(m, 'S', 'V', 0, bytes(4096)); // below the pointer: stored on the destination (PL-W-1)
    hostWrite(m, 'S', 'V', 40 * KiB, bytes(4096)); // above it: stored on the source
    expect(stats(m).of(source)).toMatchObject({ randomWrites: 2 });
    // the piece below the pointer cost RAID1's price, the other RAID5's
    expect(stats(m).of(source).busyMs).toBeCloseTo(pieceServiceMs('raid1', 2, 'write', false, 4096) + pieceServiceMs('raid5', 4, 'write', false, 4096), 12);
    m.settle();
    const destination = ldevOf(m, 0);
    expect(destination).not.toBe(source);
    expect(stats(m).of(source)).toMatchObject({ randomWrites: 0, busyMs: 0, endAddress: -1 });
    expect(stats(m).of(destination)).toMatchObject({ randomWrites: 2, endAddress: 44 * KiB });
  });

  it('a system of the fifth embodiment\'s tables keeps no statistics', () => {
    const m = new Model();
    m.defineSystem({ id: 'G', ldevBytes: LDEV, tables: 'group', raidGroups: [{ id: 'R1', level: 'raid1', devices: 2, deviceBytes: 1 << 20 }] });
    m.system('G').defineVolume({ id: 'V', emulation: 'OPEN-V', bytes: LDEV });
    hostWrite(m, 'G', 'V', 0, bytes(10));
    expect(m.placement.statistics.of('G').hostIos).toBe(0);
  });

  it('closing the window zeroes the counters but keeps where each LDEV\'s last piece ended (PL-S-3)', () => {
    const m = model();
    hostWrite(m, 'S', 'V', 0, bytes(4096));
    stats(m).close();
    expect(stats(m).hostIos).toBe(0);
    expect(piecesOf(stats(m).of(ldevOf(m, 0)))).toBe(0);
    hostWrite(m, 'S', 'V', 4096, bytes(4096));
    expect(stats(m).of(ldevOf(m, 0))).toMatchObject({ sequentialWrites: 1, randomWrites: 0 });
  });
});

describe('utilization and response time (PL-S-3)', () => {
  it('a window lasts one millisecond per host I/O; a group\'s utilization is its LDEVs\' busy time over its devices', () => {
    const m = model();
    for (let i = 0; i < 10; i++) hostRead(m, 'S', 'V', i * 8192, 512); // 10 random reads on one LDEV
    const loads = groupLoads(m.system('S'), stats(m));
    const busy = 10 * pieceServiceMs('raid5', 4, 'read', false, 512);
    const r5 = loads.find((g) => g.raidGroup === 'R5')!;
    expect(r5.busyMs).toBeCloseTo(busy, 9);
    expect(r5.utilization).toBeCloseTo(busy / (4 * 10), 9);
    expect(r5.utilization).toBeGreaterThan(1); // 5 ms of positioning a millisecond, on 4 devices
    expect(r5.responseMs).toBeCloseTo(busy / 10 / (1 - 0.95), 9);
    expect(loads.find((g) => g.raidGroup === 'R1')).toMatchObject({ pieces: 0, utilization: 0, responseMs: 0 });
  });

  it('M/M/1 caps the utilization at 0.95; the spread is max/mean, 1 when idle', () => {
    expect(meanResponseMs(100, 10, 3)).toBeCloseTo(10 / 0.05, 9);
    expect(meanResponseMs(0, 0, 0)).toBe(0);
    expect(groupUtilization(10, 2, 0)).toBe(0);
    expect(spreadOf([0, 0.5, 1])).toBeCloseTo(2, 12);
    expect(spreadOf([0, 0])).toBe(1);
  });
});
