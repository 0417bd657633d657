/**
 * LC-E.literalFlows reaches every literal transition of the local-pair machine (its reason to
 * exist), and it can fail: a literal variant that crashes on a request is caught and shrunk.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MACHINES } from '../../machines/registry.ts';
import { machineGraph } from '../../machines/graph.ts';
import { withTransitionSink } from '../../machines/inspection.ts';
import { LocalPair } from '../../src/local-copy/local-pair.ts';
import { lcLiteralFlows } from './lc-literal-flows.ts';
import type { Counters } from '../harness/support.ts';

const def = lcLiteralFlows[0]!;

describe('LC-E.literalFlows', () => {
  afterEach(() => vi.restoreAllMocks());

  it('holds, and takes every literal transition of machines/local-pair.machine.ts', () => {
    const taken = new Set<string>();
    const reached: Counters = {};
    withTransitionSink((t) => taken.add(t.edge), () => fc.assert(def.instrumented(reached), { numRuns: def.numRuns }));
    const literal = machineGraph(MACHINES.localPair!).edges.filter((e) => e.guard?.startsWith('literal'));
    expect(literal.length).toBeGreaterThan(0);
    expect(literal.filter((e) => !taken.has(e.key)).map((e) => e.key)).toEqual([]);
    expect((reached.commands ?? 0) / (reached.runs ?? 1)).toBeGreaterThan(20);
  });

  it('a literal variant that crashes on an extent couple is caught and shrunk to a few steps', () => {
    const proto = LocalPair.prototype as unknown as { extentCouple(): void };
    const couple = proto.extentCouple;
    vi.spyOn(proto, 'extentCouple').mockImplementation(function (this: LocalPair) {
      couple.call(this);
      throw new TypeError('planted crash');
    });
    const details = fc.check(def.property(), { numRuns: 300, seed: 3 });
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toContain('planted crash');
    const [, steps] = details.counterexample![0] as [number, unknown[]];
    expect(steps.length).toBeLessThanOrEqual(6);
  });
});
