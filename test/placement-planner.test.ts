import { describe, expect, it } from 'vitest';
import { hostRead, hostWrite } from '../src/model/host-io.ts';
import { Model } from '../src/model/model.ts';
import { type EntrySet, entrySetOf, NO_ENTRIES } from '../src/placement/entry-set.ts';
import { planViolations } from '../src/placement/plan-safety.ts';
import { MOVES_PER_ROUND_MAX, type Plan, type PlanInput, planRebalance, rebalance } from '../src/placement/planner.ts';
import { SystemStatistics } from '../src/placement/statistics.ts';
import { type SystemSpec, StorageSystem } from '../src/system/storage-system.ts';

const KiB = 1024;
const LDEV = 64 * KiB;
const TRACK = 16 * KiB;

/** R1: raid1 ×2 (8 LDEVs); R5: raid5 ×5 (16); R6: raid6 ×6 (16). */
const SPEC: SystemSpec = {
  id: 'S',
  ldevBytes: LDEV,
  raidGroups: [
    { id: 'R1', level: 'raid1', devices: 2, deviceBytes: 8 * LDEV },
    { id: 'R5', level: 'raid5', devices: 5, deviceBytes: 4 * LDEV },
    { id: 'R6', level: 'raid6', devices: 6, deviceBytes: 4 * LDEV },
  ],
};

function systemWith(volumes: Array<[id: string, ldevs: number, group: string]>, spec: SystemSpec = SPEC): StorageSystem {
  const s = StorageSystem.create(spec);
  for (const [id, n, group] of volumes) s.defineVolume({ id, emulation: 'OPEN-V', bytes: n * LDEV, trackBytes: TRACK, raidGroup: group });
  return s;
}

interface Load {
  readonly randomReads?: number;
  readonly randomWrites?: number;
  readonly sequentialWrites?: number;
}

/** Hand-built statistics: host I/Os of 4 KiB on one entry of a volume (random ones never continue). */
function load(stats: SystemStatistics, s: StorageSystem, volume: string, entry: number, l: Load): void {
  const v = s.volume(volume);
  const base = entry * LDEV;
  for (let i = 0; i < (l.randomReads ?? 0); i++) stats.recordHostIo(v, 'read', base + ((i * 2) % 16) * 4 * KiB, 4 * KiB);
  for (let i = 0; i < (l.randomWrites ?? 0); i++) stats.recordHostIo(v, 'write', base + ((i * 2 + 1) % 16) * 4 * KiB, 4 * KiB);
  for (let i = 0; i < (l.sequentialWrites ?? 0); i++) stats.recordHostIo(v, 'write', base + (i % 16) * 4 * KiB, 4 * KiB);
}

/** Light host I/Os elsewhere (a sequential scan): they lengthen the window (PL-S-3) and cost little. */
function idle(stats: SystemStatistics, s: StorageSystem, volume: string, n: number): void {
  const v = s.volume(volume);
  for (let i = 0; i < n; i++) stats.recordHostIo(v, 'read', (i * 512) % LDEV, 512);
}

function plan(s: StorageSystem, stats: SystemStatistics, relocating: EntrySet = NO_ENTRIES, recentlyMoved: EntrySet = NO_ENTRIES): { plan: Plan; input: PlanInput } {
  const input = { system: s, statistics: stats, relocating, recentlyMoved };
  return { plan: planRebalance(input), input };
}

describe('planner (PL-P-1, PL-P-3, PL-INV-3)', () => {
  it('levels out a skewed system: busiest LDEV first; sequential-heavy ones go to RAID5, random-heavy ones to RAID1', () => {
    const s = systemWith([['A', 4, 'R6'], ['B', 4, 'R6'], ['C', 4, 'R5']]);
    const stats = new SystemStatistics();
    load(stats, s, 'A', 0, { randomReads: 300, randomWrites: 200 });
    load(stats, s, 'B', 2, { sequentialWrites: 5000 });
    idle(stats, s, 'C', 3000);
    const { plan: p, input } = plan(s, stats);
    expect(p.spreadBefore).toBeGreaterThan(1.2);
    expect(p.moves.map((m) => [m.volume, m.entry, m.from, m.to])).toEqual([['B', 2, 'R6', 'R5'], ['A', 0, 'R6', 'R1']]);
    expect(p.moves.map((m) => m.tracks)).toEqual([[8, 11], [0, 3]]);
    expect(p.moves[0]!.why).toMatch(/sequential-heavy.*prefers raid5/);
    expect(p.moves[1]!.why).toMatch(/random-heavy.*prefers raid1/);
    expect(p.spreadAfter).toBeLessThan(p.spreadBefore * 0.95 * 0.95);
    expect(planViolations(p, input)).toEqual([]);
  });

  it('plans nothing when max/mean is at most 1.2', () => {
    const s = systemWith([['A', 2, 'R1'], ['B', 2, 'R5'], ['C', 2, 'R6']]);
    const stats = new SystemStatistics();
    const { plan: idlePlan } = plan(s, stats);
    expect(idlePlan).toMatchObject({ spreadBefore: 1, moves: [] });
    // R1 carries a third of the load per device that R5 and R6 do: spread 3 → planned; level: not
    load(stats, s, 'A', 0, { randomReads: 100 });
    load(stats, s, 'B', 0, { randomReads: 250 });
    load(stats, s, 'C', 0, { randomReads: 300 });
    const { plan: p } = plan(s, stats);
    expect(p.spreadBefore).toBeLessThanOrEqual(1.2);
    expect(p.moves).toEqual([]);
    expect(p.decision).toMatch(/level enough/);
  });

  it('moves at most 2 entries a round, one per volume', () => {
    const raid1 = (id: string) => ({ id, level: 'raid1', devices: 2, deviceBytes: 8 * LDEV });
    const s = StorageSystem.create({ ...SPEC, raidGroups: [...SPEC.raidGroups, raid1('R1B'), raid1('R1C')] });
    for (const [id, n, group] of [['A', 2, 'R6'], ['B', 2, 'R6'], ['C', 2, 'R6'], ['D', 1, 'R5']] as const) s.defineVolume({ id, emulation: 'OPEN-V', bytes: n * LDEV, trackBytes: TRACK, raidGroup: group });
    const stats = new SystemStatistics();
    for (const v of ['A', 'B', 'C']) load(stats, s, v, 0, { randomReads: 100, randomWrites: 100 });
    load(stats, s, 'A', 1, { randomReads: 100, randomWrites: 150 });
    idle(stats, s, 'D', 2000);
    const { plan: p, input } = plan(s, stats);
    expect(p.moves.map((m) => [m.volume, m.entry, m.to])).toEqual([['A', 1, 'R1'], ['B', 0, 'R1B']]);
    expect(p.moves).toHaveLength(MOVES_PER_ROUND_MAX);
    expect(p.spreadAfter).toBeGreaterThan(1.2); // more could be moved, next round
    expect(p.passedOver).toMatchObject([{ volume: 'A', why: 'volume A already has a move this round (PL-P-1)' }]);
    expect(planViolations(p, input)).toEqual([]);
  });

  it('never plans more moves into a group than it has free LDEVs', () => {
    const s = systemWith([['FULL', 7, 'R1'], ['A', 2, 'R6'], ['B', 2, 'R6']]); // R1 keeps one free LDEV
    const stats = new SystemStatistics();
    load(stats, s, 'A', 0, { randomReads: 200, randomWrites: 300 });
    load(stats, s, 'B', 1, { randomReads: 200, randomWrites: 250 });
    idle(stats, s, 'FULL', 2000);
    const { plan: p, input } = plan(s, stats);
    expect(p.moves.filter((m) => m.to === 'R1')).toHaveLength(1);
    expect(p.moves.find((m) => m.volume === 'B')?.to).not.toBe('R1'); // the second goes elsewhere, or nowhere
    expect(planViolations(p, input)).toEqual([]);
  });

  it('passes over an LDEV when no other group has a free LDEV', () => {
    const s = systemWith([['X', 8, 'R1'], ['Y', 16, 'R5'], ['A', 16, 'R6']]);
    const stats = new SystemStatistics();
    load(stats, s, 'A', 0, { randomWrites: 500 });
    const { plan: p } = plan(s, stats);
    expect(p.moves).toEqual([]);
    expect(p.passedOver[0]).toMatchObject({ volume: 'A', why: 'no other RAID group has a free LDEV' });
  });

  it('does not move an entry already relocating, nor any entry of its volume', () => {
    const s = systemWith([['A', 4, 'R6'], ['B', 4, 'R5']]);
    const stats = new SystemStatistics();
    load(stats, s, 'A', 0, { randomReads: 200, randomWrites: 300 });
    load(stats, s, 'A', 1, { randomReads: 200, randomWrites: 200 });
    idle(stats, s, 'B', 2000);
    const relocating = entrySetOf([['A', 0]]);
    const { plan: p, input } = plan(s, stats, relocating);
    expect(p.moves).toEqual([]);
    expect(p.passedOver.map((x) => x.why)).toEqual(['its entry is already relocating (PL-INV-3)', 'volume A is relocating other entries (PL-R-1: one relocation a volume)']);
    expect(planViolations(p, input)).toEqual([]);
  });

  it('a mixed LDEV has no preferred level: it goes to the least utilized other group', () => {
    const s = systemWith([['A', 4, 'R6'], ['C', 4, 'R6'], ['B', 4, 'R1']]);
    const stats = new SystemStatistics();
    load(stats, s, 'A', 0, { randomWrites: 300, sequentialWrites: 300 });
    load(stats, s, 'C', 0, { randomReads: 500 });
    idle(stats, s, 'B', 2000);
    const { plan: p } = plan(s, stats);
    expect(p.moves[0]).toMatchObject({ volume: 'A', from: 'R6', to: 'R5' });
    expect(p.moves[0]!.why).toMatch(/is mixed .* has no preferred level: R5 is the least utilized other group/);
  });

  it('passes over an entry that no whole track designates alone', () => {
    const s = StorageSystem.create({ ...SPEC, ldevBytes: 8 * KiB });
    s.defineVolume({ id: 'A', emulation: 'OPEN-V', bytes: 64 * KiB, trackBytes: TRACK, raidGroup: 'R6' });
    const stats = new SystemStatistics();
    stats.recordHostIo(s.volume('A'), 'write', 0, 4096);
    const { plan: p } = plan(s, stats);
    expect(p.moves).toEqual([]);
    expect(p.passedOver[0]!.why).toBe('no whole track lies inside its entry alone');
  });

  it('PL-INV-3 catches a plan that takes too many LDEVs, moves a moving entry, or moves more than 2', () => {
    const s = systemWith([['FULL', 8, 'R1'], ['A', 2, 'R6'], ['B', 2, 'R6'], ['C', 2, 'R6']]);
    const input: PlanInput = { system: s, statistics: new SystemStatistics(), relocating: entrySetOf([['A', 0]]), recentlyMoved: entrySetOf([['B', 0]]) };
    const mv = (volume: string, entry: number, to: string) => ({ ldev: 0, volume, entry, tracks: [0, 3] as [number, number], from: 'R6', to, why: '' });
    const bad: Plan = { windowMs: 0, groups: [], spreadBefore: 2, spreadAfter: 1, passedOver: [], decision: '', moves: [mv('A', 0, 'R5'), mv('B', 0, 'R1'), mv('C', 0, 'R5'), mv('C', 1, 'R5')] };
    expect(planViolations(bad, input).map((v) => v.invariant).sort()).toEqual(['PL-INV-3', 'PL-INV-3', 'PL-INV-3', 'PL-P-1', 'PL-P-3']);
  });
});

describe('rebalance rounds on the model (PL-P-1, PL-P-3)', () => {
  function skewed(): Model {
    const m = new Model();
    m.defineSystem(SPEC);
    for (const [id, group] of [['A', 'R6'], ['B', 'R5']] as const) m.system('S').defineVolume({ id, emulation: 'OPEN-V', bytes: 4 * LDEV, trackBytes: TRACK, raidGroup: group });
    return m;
  }
  const write = (m: Model, volume: string, at: number) => hostWrite(m, 'S', volume, at, new Uint8Array(4096).fill(5));
  const read = (m: Model, volume: string, at: number) => hostRead(m, 'S', volume, at, 4096);

  it('starts one relocation per kept move, closes the window, and does not move the entry back next round', () => {
    const m = skewed();
    const s = m.system('S');
    const oltp = (entry: number, reads: number, writes: number) => {
      for (let i = 0; i < reads; i++) read(m, 'A', entry * LDEV + (i * 2 % 16) * 4096);
      for (let i = 0; i < writes; i++) write(m, 'A', entry * LDEV + (i * 2 % 16) * 4096);
    };
    oltp(0, 300, 100);
    oltp(1, 300, 100);
    const first = rebalance(m, s);
    expect(first.plan.moves).toMatchObject([{ volume: 'A', entry: 0, from: 'R6', to: 'R1' }]); // one a volume: entry 1 waits
    expect(first.started).toEqual(['relocate:S:A']);
    expect(m.placement.statistics.of('S').hostIos).toBe(0);
    m.settle();
    expect(s.volume('A').table[0]!.ldev.group.id).toBe('R1');
    // next window: the moved entry is the hot spot of R1, and moving it off again would level
    oltp(0, 2000, 0);
    oltp(1, 600, 0);
    const second = rebalance(m, s);
    expect(second.plan.spreadBefore).toBeGreaterThan(1.2);
    expect(second.plan.moves).toEqual([]);
    expect(second.plan.passedOver[0]).toMatchObject({ volume: 'A', why: 'the previous round moved it (PL-P-3)' });
    // a round later it may move again
    oltp(0, 2000, 0);
    oltp(1, 600, 0);
    const third = rebalance(m, s);
    expect(third.plan.moves.map((x) => [x.volume, x.entry, x.from, x.to])).toEqual([['A', 0, 'R1', 'R5']]);
  });

  it('designates an entry whose ends are not track boundaries by the tracks wholly inside it: only that entry moves', () => {
    const m = new Model();
    m.defineSystem(SPEC);
    m.system('S').defineVolume({ id: 'A', emulation: 'OPEN-V', bytes: 4 * LDEV, trackBytes: 24 * KiB, raidGroup: 'R6' });
    m.system('S').defineVolume({ id: 'B', emulation: 'OPEN-V', bytes: LDEV, trackBytes: TRACK, raidGroup: 'R5' });
    for (let i = 0; i < 300; i++) hostRead(m, 'S', 'A', LDEV + (i * 3 % 16) * 4096, 512); // entry 1: bytes 65536-131071
    for (let i = 0; i < 300; i++) hostRead(m, 'S', 'A', 2 * LDEV + (i * 3 % 16) * 4096, 512);
    const round = rebalance(m, m.system('S'));
    expect(round.plan.moves).toMatchObject([{ volume: 'A', entry: 1, tracks: [3, 4] }]); // track 2 straddles entries 0 and 1
    expect(m.placement.of('S', 'A')!.moves.map((mv) => mv.index)).toEqual([1]);
  });

  it('refuses a system of the fifth embodiment\'s tables with INVALID_STATE', () => {
    const m = new Model();
    m.defineSystem({ ...SPEC, tables: 'group' });
    expect(() => rebalance(m, m.system('S'))).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});
