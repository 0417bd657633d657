/**
 * The remote-copy and migration properties on the literal variant (the seed's flows as written):
 * - with its erratum steered clear of, the literal variant passes the whole harness (so it has
 *   no failure beyond RC-E-1 / MG-E-1: no unknown erratum);
 * - without, the property fails and shrinks to a short counterexample (saved as
 *   properties/regressions/rc-e-1-*.jsonl and mg-e-1-*.jsonl by properties/rc/rc-regressions-gen.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RC_ERRATA, RC_ERRATA_INFO } from './rc-errata.ts';
import { TraceError, ranCommands } from './rc-trace.ts';

/** Most commands (after the setup steps) a shrunk literal counterexample may keep. */
const SHRUNK_MAX = 12;

describe('RC/MG errata: the properties on the literal variant', () => {
  for (const e of RC_ERRATA) {
    it(`${e} avoided: the literal variant holds the whole harness (no unknown erratum)`, () => {
      fc.assert(RC_ERRATA_INFO[e].avoided(), { numRuns: 60 });
    });

    it(`${e}: the literal variant fails the properties, shrunk to at most ${SHRUNK_MAX} commands`, () => {
      const details = fc.check(RC_ERRATA_INFO[e].property({}), { numRuns: 300 });
      const replay = `seed ${details.seed}, path ${details.counterexamplePath}`;
      expect(details.failed, `${e}: the literal variant must fail`).toBe(true);
      expect(details.errorInstance, replay).toBeInstanceOf(TraceError);
      const ran = ranCommands((details.counterexample![0] as [unknown, Iterable<unknown>])[1]);
      const message = (details.errorInstance as Error).message;
      expect(ran.length, `${replay}: ${ran.join(', ')}\n${message}`).toBeGreaterThanOrEqual(1);
      expect(ran.length, `${replay}: ${ran.join(', ')}\n${message}`).toBeLessThanOrEqual(SHRUNK_MAX);
      if (process.env.PROPERTIES_REPORT) console.log(`${e}: ${ran.length} commands: ${ran.join(', ')}`);
    });
  }
});
