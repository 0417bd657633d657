import { describe, expect, it } from 'vitest';
import { newContext, type RunContext } from '../src/trace/context.ts';
import { violationsNow } from '../src/trace/handlers/observation.ts';
import { runStep } from '../src/trace/runner.ts';
import type { TraceStep } from '../src/trace/schema.ts';

const TB = 512;

/** System S: one RAID5 group of 4 devices, 4 KiB units; volumes A and B of 64 tracks of 512 bytes. */
function setup(): RunContext {
  const ctx = newContext('corrected');
  const steps = [
    { op: 'system', id: 'S', ldevBytes: 8192, raidGroups: [{ id: 'RG', level: 'raid5', devices: 4, deviceBytes: 65536, stripeUnitBytes: 4096 }] },
    { op: 'volume', system: 'S', id: 'A', emulation: 'OPEN-V', bytes: 64 * TB, trackBytes: TB },
    { op: 'volume', system: 'S', id: 'B', emulation: 'OPEN-V', bytes: 64 * TB, trackBytes: TB },
  ];
  steps.forEach((s, i) => expect(runStep(ctx, i + 1, s as unknown as TraceStep).ok).toBe(true));
  return ctx;
}

const run = (ctx: RunContext, step: Record<string, unknown>) => runStep(ctx, 99, step as unknown as TraceStep);
const volume = (ctx: RunContext, id: string) => ctx.model.system('S').volume(id);

describe('CHK: the change record scopes each comparison to what either side changed', () => {
  it('the first comparison is full; a host write scopes the next one to its tracks on its volume', () => {
    const ctx = setup();
    expect(ctx.changes.take().tables).toBe(true);
    expect(ctx.changes.take().tracks(volume(ctx, 'A'))).toEqual([]);
    run(ctx, { op: 'write', system: 'S', volume: 'A', offset: 3 * TB + 500, data: { fill: 7, length: 20 } });
    const scope = ctx.changes.take();
    expect(scope.tables).toBe(false);
    expect(scope.tracks(volume(ctx, 'A'))).toEqual([3, 4]);
    expect(scope.tracks(volume(ctx, 'B'))).toEqual([]);
    expect(scope.groupStripes(ctx.model.system('S').group('RG'))).not.toEqual([]);
  });

  it('CHK-2: bytes the data plane puts on another volume are in scope there, and the scoped check sees them', () => {
    const ctx = setup();
    run(ctx, { op: 'write', system: 'S', volume: 'B', offset: 0, data: { fill: 1, length: 64 * TB } });
    ctx.changes.take();
    // A misplaced write: B's track 9 changed on a device, not through the host.
    const b = volume(ctx, 'B');
    const { entry, ldevOffset } = b.locate(9 * TB);
    entry.ldev.group.write(entry.ldev.groupOffset + ldevOffset, new Uint8Array(TB).fill(2));
    const scope = ctx.changes.take();
    expect(scope.tracks(b)).toEqual([9]);
    expect(violationsNow(ctx, false, scope).map((v) => v.invariant)).toContain('VOL-INV-2');
    expect(violationsNow(ctx, false, ctx.changes.take())).toEqual([]); // nothing changed since: nothing to look at
  });

  it('CHK-3: a stale parity written on a device is checked at that device offset', () => {
    const ctx = setup();
    run(ctx, { op: 'write', system: 'S', volume: 'A', offset: 0, data: { fill: 5, length: 8 * TB } });
    ctx.changes.take();
    const group = ctx.model.system('S').group('RG');
    group.devices[3]!.mediaWrite(100, new Uint8Array([0xff]), 0, 1); // row 0 of device 3 (P or data): redundancy breaks
    const scope = ctx.changes.take();
    expect(scope.groupStripes(group)).toEqual([[100, 101]]);
    expect(violationsNow(ctx, false, scope).map((v) => v.invariant)).toContain('RAID-INV-1');
  });

  it('CHK-4, CHK-5: a pair that appears is compared in full; a bit flipped in its bitmap scopes that track on both volumes', () => {
    const ctx = setup();
    ctx.changes.take();
    expect(run(ctx, { op: 'pairCreate', id: 'P1', original: 'S:A', copy: 'S:B' }).ok).toBe(true);
    const created = ctx.changes.take();
    expect(created.tables).toBe(true);
    expect(created.tracks(volume(ctx, 'B'))).toBe('all');
    ctx.model.localCopy.pairs.get('P1')!.bits.gen.clear(33);
    const scope = ctx.changes.take();
    expect(scope.tracks(volume(ctx, 'A'))).toEqual([33]);
    expect(scope.tracks(volume(ctx, 'B'))).toEqual([33]);
  });

  it('CHK-2: a failed device makes the next comparison full', () => {
    const ctx = setup();
    ctx.changes.take();
    expect(run(ctx, { op: 'deviceFail', system: 'S', raidGroup: 'RG', device: 1 }).ok).toBe(true);
    const scope = ctx.changes.take();
    expect(scope.tracks(volume(ctx, 'A'))).toBe('all');
    expect(scope.groupStripes(ctx.model.system('S').group('RG'))).toBe('all');
  });

  it('CHK-4: a volume that appears is compared in full and the tables are checked; the other volumes keep their scope', () => {
    const ctx = setup();
    ctx.changes.take();
    run(ctx, { op: 'write', system: 'S', volume: 'A', offset: 5 * TB, data: { fill: 3, length: TB } });
    expect(run(ctx, { op: 'volume', system: 'S', id: 'C', emulation: 'OPEN-V', bytes: 16 * TB, trackBytes: TB }).ok).toBe(true);
    const scope = ctx.changes.take();
    expect(scope.tables).toBe(true);
    expect(scope.tracks(volume(ctx, 'C'))).toBe('all');
    expect(scope.tracks(volume(ctx, 'A'))).toEqual([5]);
    expect(scope.tracks(volume(ctx, 'B'))).toEqual([]);
  });

  it('CHK-4: a path that goes down routes no view (no migration reads through it): nothing widens', () => {
    const ctx = setup();
    const t = { op: 'system', id: 'T', ldevBytes: 8192, raidGroups: [{ id: 'RG', level: 'raid5', devices: 4, deviceBytes: 65536, stripeUnitBytes: 4096 }] };
    expect(run(ctx, t).ok).toBe(true);
    expect(run(ctx, { op: 'link', between: ['S', 'T'] }).ok).toBe(true);
    ctx.changes.take();
    expect(run(ctx, { op: 'linkDown', between: ['S', 'T'] }).ok).toBe(true);
    const scope = ctx.changes.take();
    expect(scope.tables).toBe(false);
    expect(scope.tracks(volume(ctx, 'A'))).toEqual([]);
  });
});
