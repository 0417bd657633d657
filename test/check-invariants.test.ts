/**
 * `check` reports every invariant its result lists (the result never claims more than ran):
 * LC-INV-6 from the pair tables, LC-INV-5 and PL-INV-1 beside VOL-INV-2 when the host view of
 * a local pair's original or of a relocating volume is wrong; LC-INV-1/2/3 by the request
 * that took the copy's image (spec/checking.md CHK-7).
 */
import { describe, expect, it } from 'vitest';
import { newContext, type RunContext } from '../src/trace/context.ts';
import { parseTrace } from '../src/trace/parse.ts';
import { runStep, type StepOutcome } from '../src/trace/runner.ts';

const TB = 65536;

function run(ctx: RunContext, ...steps: object[]): StepOutcome[] {
  const parsed = parseTrace(['{"trace": 1}', ...steps.map((s) => JSON.stringify(s))].join('\n'));
  return parsed.steps.map(({ line, step }) => runStep(ctx, line, step));
}

function setup(): RunContext {
  const ctx = newContext('corrected');
  run(
    ctx,
    { op: 'system', id: 'S', ldevBytes: 4 * TB, raidGroups: [{ id: 'RG', level: 'raid5', devices: 4, deviceBytes: 64 * TB }, { id: 'R1', level: 'raid1', devices: 2, deviceBytes: 64 * TB }] },
    { op: 'volume', system: 'S', id: 'A', emulation: 'OPEN-V', bytes: 16 * TB, raidGroup: 'RG' },
    { op: 'volume', system: 'S', id: 'B', emulation: 'OPEN-V', bytes: 16 * TB, raidGroup: 'RG' },
    { op: 'write', system: 'S', volume: 'A', offset: 0, data: { fill: 1, length: 16 * TB } },
  );
  return ctx;
}

/** Overwrites track `t` of volume `id` behind the host's back (a misplaced write in the data plane). */
function corrupt(ctx: RunContext, id: string, t: number): void {
  const v = ctx.model.system('S').volume(id);
  const { entry, ldevOffset } = v.locate(t * TB);
  entry.ldev.group.write(entry.ldev.groupOffset + ldevOffset, new Uint8Array(TB).fill(9));
}

const violated = (r: StepOutcome) => ((r.violations ?? []) as Array<{ invariant: string }>).map((v) => v.invariant);

describe('check reports what it lists', () => {
  it('every ID in the check result is one a checker can report', () => {
    const [r] = run(setup(), { op: 'check' });
    expect(r!.invariants).toEqual(expect.arrayContaining(['LC-INV-5', 'LC-INV-6', 'PL-INV-1']));
  });

  it('LC-INV-6: a table held by no live pair', () => {
    const ctx = setup();
    run(ctx, { op: 'pairCreate', id: 'P', kind: 'local', original: 'S:A', copy: 'S:B' });
    ctx.model.system('S').pairTablePool.take('GHOST', 1);
    const [r] = run(ctx, { op: 'check' });
    expect(r!.error?.code).toBe('INVARIANT_VIOLATED');
    expect(violated(r!)).toEqual(['LC-INV-6']);
  });

  it('LC-INV-5: a local pair original that no longer reads back what the host wrote', () => {
    const ctx = setup();
    run(ctx, { op: 'pairCreate', id: 'P', kind: 'local', original: 'S:A', copy: 'S:B' }, { op: 'settle' });
    corrupt(ctx, 'A', 3);
    const [r] = run(ctx, { op: 'check' });
    expect(violated(r!)).toEqual(expect.arrayContaining(['VOL-INV-2', 'LC-INV-5']));
  });

  it('PL-INV-1: a volume under relocation whose host view is wrong', () => {
    const ctx = setup();
    const [moved] = run(ctx, { op: 'relocate', system: 'S', volume: 'A', tracks: [0, 7], raidGroup: 'R1' });
    expect(moved!.ok).toBe(true);
    corrupt(ctx, 'A', 12);
    const [r] = run(ctx, { op: 'check' });
    expect(violated(r!)).toEqual(expect.arrayContaining(['VOL-INV-2', 'PL-INV-1']));
  });

  /** A copy track behind the host's back, after `steps`: the image check names the request's invariant. */
  const imageBroken = (...steps: object[]): string[] => {
    const ctx = setup();
    run(ctx, { op: 'pairCreate', id: 'P', kind: 'local', original: 'S:A', copy: 'S:B' }, { op: 'settle' }, ...steps, { op: 'settle' });
    corrupt(ctx, 'B', 2);
    const [r] = run(ctx, { op: 'check' });
    expect(r!.error?.code).toBe('INVARIANT_VIOLATED');
    return violated(r!);
  };

  it('LC-INV-1, LC-INV-2, LC-INV-3: a copy track that is not the image of the request that took it', () => {
    expect(imageBroken({ op: 'pairDivide', pair: 'P' })).toContain('LC-INV-1');
    expect(imageBroken({ op: 'extentDivide', pair: 'P', extents: [[2, 3]] })).toContain('LC-INV-1');
    expect(imageBroken({ op: 'pairDivide', pair: 'P' }, { op: 'settle' }, { op: 'extentUpdate', pair: 'P', extents: [[2, 3]] })).toContain('LC-INV-2');
    const coupled = imageBroken({ op: 'extentDivide', pair: 'P', extents: [[2, 3]] }, { op: 'settle' }, { op: 'extentCouple', pair: 'P' }, { op: 'settle' }, { op: 'extentDivide', pair: 'P', extents: [[2, 3]] });
    expect(coupled).toContain('LC-INV-3');
    expect(coupled).not.toContain('LC-INV-1');
  });
});
