/**
 * The local-copy properties on the literal variant (the seed's flowcharts as written):
 * - with every known erratum steered clear of, the literal variant passes the whole model
 *   (so the literal has no failure beyond LC-E-1..LC-E-6: no unknown erratum);
 * - with all but one steered clear of, the property fails and shrinks to a short
 *   counterexample, one per erratum (saved as properties/regressions/lc-e-N-*.jsonl by
 *   properties/lc/lc-regressions-gen.ts);
 * - LC-E-4 loses no data: without the bitmap hygiene check the literal passes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalOptions } from './lc-errata.ts';
import { ERRATA, lcProperty, type LcRun, TraceError, ranCommands } from './lc-model.ts';
import { type Counters, mean } from '../harness/support.ts';

/** Most commands (after the setup steps) a shrunk literal counterexample may keep. */
const SHRUNK_MAX = 12;

describe('LC errata: the properties on the literal variant', () => {
  it('every known erratum avoided: the literal variant holds the whole model (no unknown erratum)', () => {
    const reached: Counters = {};
    fc.assert(lcProperty({ ...literalOptions(null), checkBits: true, reached }), { numRuns: 200 });
    expect(mean(reached.commands, reached.runs)).toBeGreaterThanOrEqual(50);
    for (const key of ['state:extentDivided', 'state:formationCompleted', 'accepted:extentDivide', 'accepted:extentCouple', 'state:dividing']) {
      expect(reached[key] ?? 0, key).toBeGreaterThan(0);
    }
  });

  for (const e of ERRATA) {
    it(`${e}: the literal variant fails the properties, shrunk to at most ${SHRUNK_MAX} commands`, () => {
      const details = fc.check(lcProperty(literalOptions(e)), { numRuns: 1000 });
      const replay = `seed ${details.seed}, path ${details.counterexamplePath}`;
      expect(details.failed, `${e}: the literal variant must fail`).toBe(true);
      expect(details.errorInstance, replay).toBeInstanceOf(TraceError);
      const ran = ranCommands(details.counterexample![0] as LcRun);
      expect(ran.length, `${replay}: ${ran.join(', ')}`).toBeGreaterThanOrEqual(1);
      expect(ran.length, `${replay}: ${ran.join(', ')}\n${(details.errorInstance as Error).message}`).toBeLessThanOrEqual(SHRUNK_MAX);
    });
  }

  it('LC-E-4 alone loses no data: without the bitmap hygiene check the literal variant passes', () => {
    fc.assert(lcProperty({ ...literalOptions('LC-E-4'), checkBits: false }), { numRuns: 200 });
  });
});
