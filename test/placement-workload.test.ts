import { describe, expect, it } from 'vitest';
import { Model } from '../src/model/model.ts';
import { randomShare } from '../src/placement/statistics.ts';
import { generateWorkload, runWorkload, traceSteps, type WorkloadSpec } from '../src/placement/workload.ts';
import { runTrace } from '../src/trace/runner.ts';

const KiB = 1024;
const LDEV = 64 * KiB;

const SPEC: WorkloadSpec = {
  seed: 7,
  ios: 4000,
  random: { system: 'S', volumes: [{ volume: 'DB', bytes: 4 * LDEV }], areaBytes: 16 * KiB, zipf: 1.2, readShare: 0.7, ioBytes: 4 * KiB },
  streams: [{ system: 'S', volume: 'LOG', op: 'write', first: 0, bytes: 2 * LDEV, ioBytes: 8 * KiB, share: 0.25 }],
};

function model(): Model {
  const m = new Model();
  m.defineSystem({ id: 'S', ldevBytes: LDEV, raidGroups: [{ id: 'R5', level: 'raid5', devices: 4, deviceBytes: 1 << 20 }] });
  m.system('S').defineVolume({ id: 'DB', emulation: 'OPEN-V', bytes: 4 * LDEV, trackBytes: 16 * KiB });
  m.system('S').defineVolume({ id: 'LOG', emulation: 'OPEN-V', bytes: 2 * LDEV, trackBytes: 16 * KiB });
  return m;
}

describe('workload generator', () => {
  it('is reproducible: the same seed gives the same I/Os, another seed others', () => {
    expect(generateWorkload(SPEC)).toEqual(generateWorkload(SPEC));
    expect(generateWorkload({ ...SPEC, seed: 8 })).not.toEqual(generateWorkload(SPEC));
  });

  it('mixes the streams\' shares with Zipf-popular random I/O of the read share', () => {
    const ios = generateWorkload(SPEC);
    const log = ios.filter((io) => io.volume === 'LOG');
    const db = ios.filter((io) => io.volume === 'DB');
    expect(log.length / ios.length).toBeCloseTo(0.25, 1);
    expect(log.every((io) => io.op === 'write' && io.length === 8 * KiB)).toBe(true);
    expect(db.filter((io) => io.op === 'read').length / db.length).toBeCloseTo(0.7, 1);
    const perArea = new Map<number, number>();
    for (const io of db) perArea.set(Math.floor(io.offset / (16 * KiB)), (perArea.get(Math.floor(io.offset / (16 * KiB))) ?? 0) + 1);
    const counts = [...perArea.values()].sort((a, b) => b - a);
    const harmonic = Array.from({ length: 16 }, (_, k) => 1 / (k + 1) ** 1.2).reduce((s, x) => s + x, 0);
    expect(counts[0]! / db.length).toBeCloseTo(1 / harmonic, 1); // the hottest area's Zipf share
    expect(counts[0]!).toBeGreaterThan(3 * counts[8]!);
  });

  it('streams continue where they left off, wrapping at the end of their range', () => {
    const offsets = generateWorkload(SPEC).filter((io) => io.volume === 'LOG').map((io) => io.offset);
    offsets.forEach((o, i) => expect(o).toBe((i * 8 * KiB) % (2 * LDEV)));
  });

  it('run through the host path, the stream counts as sequential and the OLTP areas as random (PL-S-1)', () => {
    const m = model();
    runWorkload(m, generateWorkload(SPEC));
    const stats = m.placement.statistics.of('S');
    expect(stats.hostIos).toBe(SPEC.ios);
    const volume = (id: string) => m.system('S').volume(id).table.map((e) => stats.of(e.ldev.number!));
    // each pass of the stream over an LDEV starts with one random piece: 1 of its 8
    for (const c of volume('LOG')) expect(randomShare(c)).toBeCloseTo((8 * KiB) / LDEV, 2);
    for (const c of volume('DB')) expect(randomShare(c)).toBeGreaterThan(0.8);
  });

  it('renders as trace steps that run (and check) like the host I/O', () => {
    const ios = generateWorkload({ ...SPEC, ios: 60 });
    const lines = [
      { trace: 1 },
      { op: 'system', id: 'S', ldevBytes: LDEV, raidGroups: [{ id: 'R5', level: 'raid5', devices: 4, deviceBytes: 1 << 20 }] },
      { op: 'volume', system: 'S', id: 'DB', emulation: 'OPEN-V', bytes: 4 * LDEV, trackBytes: 16 * KiB },
      { op: 'volume', system: 'S', id: 'LOG', emulation: 'OPEN-V', bytes: 2 * LDEV, trackBytes: 16 * KiB },
      ...traceSteps(ios),
      { op: 'check' },
    ];
    const run = runTrace(lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(run.exitCode).toBe(0);
    expect(run.results.filter((r) => r.op === 'write' || r.op === 'read')).toHaveLength(60);
  });

  it('refuses a spec it cannot generate from', () => {
    expect(() => generateWorkload({ ...SPEC, ios: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => generateWorkload({ ...SPEC, streams: [{ ...SPEC.streams![0]!, share: 1.5 }] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => generateWorkload({ ...SPEC, random: { ...SPEC.random, readShare: 2 } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
