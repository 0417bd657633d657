/**
 * LIM-INV-1.noCrashNoChange passes on the model, reaching what it names (limit refusals,
 * prototype names, parser rejections, refusals in deep states); and it can fail: with the
 * planted `read-allocates-before-checking` (properties/harness/planted.ts) it finds a read whose
 * length crashes the model and shrinks it to a trace of a few steps; with a `dataset` handler
 * that reads track 0 as a counted host I/O before it refuses (issue #12's refusal that changed
 * something) the fingerprint sees the placement statistics move.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HANDLERS } from '../../src/trace/handlers/index.ts';
import type { DatasetStep } from '../../src/trace/schema.ts';
import { FuzzFailure, limInvNoCrashNoChange } from './fuzz-bad-input.ts';
import type { FuzzTrace } from './fuzz-mutations.ts';
import { plant } from '../harness/planted.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

/** Most steps a shrunk counterexample may keep. */
const SHRUNK_STEPS_MAX = 5;

describe('LIM-INV-1.noCrashNoChange', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  runDefinitions(limInvNoCrashNoChange, () => ['tracesRun', 'refusals', 'transferLengthsTried', 'mutation.insert', 'mutation.rename', 'mutation.extents', 'mutation.limitEdge']);

  it(`read-allocates-before-checking: the property fails with INTERNAL_ERROR and shrinks to at most ${SHRUNK_STEPS_MAX} steps`, () => {
    const def = limInvNoCrashNoChange[0]!;
    const undo = plant('read-allocates-before-checking');
    let details: fc.RunDetails<[FuzzTrace]>;
    try {
      details = fc.check(def.property() as fc.IProperty<[FuzzTrace]>, { numRuns: 300 });
    } finally {
      undo();
    }
    const replay = `seed ${details.seed}, path ${details.counterexamplePath}`;
    expect(details.failed, 'the property must fail on the planted variant').toBe(true);
    expect(details.errorInstance, replay).toBeInstanceOf(FuzzFailure);
    const failure = details.errorInstance as FuzzFailure;
    const shrunk = details.counterexample![0];
    // The planted read allocates the whole length first: the run sees that as a crash (INTERNAL_ERROR)
    // or, when the allocation succeeds before the model refuses, as memory beyond the bound (LIM-INV-1).
    expect(['crash', 'memory'], `${replay}\n${failure.message}`).toContain(failure.kind);
    expect(failure.message).toMatch(failure.kind === 'crash' ? /INTERNAL_ERROR/ : /memory/);
    expect(failure.op).toBe('read');
    expect(shrunk.stepCount, `${replay}\n${shrunk.text}`).toBeLessThanOrEqual(SHRUNK_STEPS_MAX);
    if (process.env.PROPERTIES_REPORT) console.log(`${replay}\n${failure.message}`);
  });

  it('a refused dataset that still counts as a host I/O: the property fails, naming the placement statistics', () => {
    const dataset = HANDLERS.dataset;
    vi.spyOn(HANDLERS, 'dataset').mockImplementation((ctx, step) => {
      const { system, volume } = step as DatasetStep;
      const v = ctx.model.systems.get(system)?.volumes.get(volume);
      if (v) ctx.model.placement.statistics.of(system).recordHostIo(v, 'read', 0, v.trackRange(0).length); // PL-S-1 through the counted path
      return dataset(ctx, step);
    });
    const details = fc.check(limInvNoCrashNoChange[0]!.property() as fc.IProperty<[FuzzTrace]>, { numRuns: 300 });
    vi.restoreAllMocks();
    expect(details.failed, 'the property must fail').toBe(true);
    const failure = details.errorInstance as FuzzFailure;
    expect(failure.kind, failure.message).toBe('changed');
    expect(failure.op).toBe('dataset');
    expect(failure.message).toMatch(/placement changed/);
    expect(details.counterexample![0].stepCount, failure.message).toBeLessThanOrEqual(SHRUNK_STEPS_MAX);
    if (process.env.PROPERTIES_REPORT) console.log(`seed ${details.seed}, path ${details.counterexamplePath}\n${failure.message}`);
  });
});
