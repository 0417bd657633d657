import { describe, expect, it } from 'vitest';
import { hostRead, hostWrite } from '../src/model/host-io.ts';
import { Model } from '../src/model/model.ts';
import { newContext, type RunContext } from '../src/trace/context.ts';
import { runStep } from '../src/trace/runner.ts';
import type { TraceStep } from '../src/trace/schema.ts';

const KiB = 1024;
const LDEV = 64 * KiB;
const SYSTEM = {
  id: 'S',
  ldevBytes: LDEV,
  raidGroups: [
    { id: 'R1', level: 'raid1', devices: 2, deviceBytes: 8 * LDEV },
    { id: 'R5', level: 'raid5', devices: 5, deviceBytes: 4 * LDEV },
    { id: 'R6', level: 'raid6', devices: 6, deviceBytes: 4 * LDEV },
  ],
};

/** Volume A (2 LDEVs) on RAID6, B (1 LDEV) on RAID5. */
function defineVolumes(m: Model): void {
  m.system('S').defineVolume({ id: 'A', emulation: 'OPEN-V', bytes: 2 * LDEV, trackBytes: 16 * KiB, raidGroup: 'R6' });
  m.system('S').defineVolume({ id: 'B', emulation: 'OPEN-V', bytes: LDEV, trackBytes: 16 * KiB, raidGroup: 'R5' });
}

/** Random 4 KiB reads on both entries of A: a hot spot on RAID6. */
function hotReads(m: Model, n: number): void {
  for (let i = 0; i < n; i++) hostRead(m, 'S', 'A', (i % 2) * LDEV + ((i * 3) % 16) * 4 * KiB, 4 * KiB);
}

describe('periodic mode (PL-P-2)', () => {
  it('with every N, a round runs by itself once the window holds N host I/Os; every: 0 stops it', () => {
    const m = new Model();
    m.defineSystem(SYSTEM);
    defineVolumes(m);
    const rounds = () => m.placement.rounds.rounds('S');
    m.placement.rounds.setEvery('S', 50);
    hotReads(m, 49);
    expect(rounds()).toBe(0);
    expect(m.placement.statistics.of('S').hostIos).toBe(49);
    hostWrite(m, 'S', 'B', 0, new Uint8Array(512)); // the 50th host I/O of the system
    expect(rounds()).toBe(1);
    expect(m.placement.statistics.of('S').hostIos).toBe(0);
    expect(m.placement.running().map(([name]) => name)).toEqual(['relocate:S:A']);
    m.settle();
    hotReads(m, 100);
    expect(rounds()).toBe(3);
    m.placement.rounds.setEvery('S', 0);
    hotReads(m, 100);
    expect(rounds()).toBe(3);
    expect(m.placement.statistics.of('S').hostIos).toBe(100);
  });
});

describe('rebalance op (trace)', () => {
  function context(): RunContext {
    const ctx = newContext('corrected');
    ctx.model.defineSystem(SYSTEM);
    ctx.model.defineSystem({ ...SYSTEM, id: 'G', tables: 'group' });
    defineVolumes(ctx.model);
    return ctx;
  }
  const step = (ctx: RunContext, s: Record<string, unknown>) => runStep(ctx, 1, { op: 'rebalance', ...s } as TraceStep);

  it('reports the groups before, the spread before and after, the explained moves and the processes started', () => {
    const ctx = context();
    hotReads(ctx.model, 200);
    const r = step(ctx, { system: 'S', every: 0 });
    expect(r).toMatchObject({ ok: true, system: 'S', windowMs: 200, every: 0, started: ['relocate:S:A'] });
    expect(r.groups).toMatchObject([{ raidGroup: 'R1', level: 'raid1', utilization: 0 }, { raidGroup: 'R5' }, { raidGroup: 'R6', pieces: 200 }]);
    expect((r.spread as { before: number }).before).toBeCloseTo(3, 9);
    expect(r.moves).toMatchObject([{ volume: 'A', from: 'R6', to: 'R1', tracks: [0, 3] }]);
    expect((r.moves as Array<{ why: string }>)[0]!.why).toMatch(/random-heavy/);
  });

  it('every sets the period (and still runs one round now)', () => {
    const ctx = context();
    expect(step(ctx, { system: 'S', every: 25 })).toMatchObject({ ok: true, every: 25, moves: [] });
    expect(ctx.model.placement.rounds.rounds('S')).toBe(1);
    hotReads(ctx.model, 25);
    expect(ctx.model.placement.rounds.rounds('S')).toBe(2);
    expect(step(ctx, { system: 'S' })).toMatchObject({ ok: true, every: 25 });
  });

  it('refuses bad input with a stable code, changing nothing', () => {
    const ctx = context();
    step(ctx, { system: 'S', every: 100 });
    hotReads(ctx.model, 30);
    for (const [s, code] of [
      [{ system: 'NOPE' }, 'NOT_FOUND'],
      [{ system: 'G' }, 'INVALID_STATE'],
      [{ system: 'G', every: 5 }, 'INVALID_STATE'],
      [{ system: 'S', every: -1 }, 'INVALID_ARGUMENT'],
      [{ system: 'S', every: 1.5 }, 'INVALID_ARGUMENT'],
      [{ system: 'S', every: Number.POSITIVE_INFINITY }, 'INVALID_ARGUMENT'],
    ] as const) {
      expect(step(ctx, { ...s, expectError: code })).toMatchObject({ ok: false, error: { code } });
    }
    expect(ctx.model.placement.rounds.rounds('S')).toBe(1);
    expect(ctx.model.placement.rounds.every('S')).toBe(100);
    expect(ctx.model.placement.statistics.of('S').hostIos).toBe(30);
  });
});
