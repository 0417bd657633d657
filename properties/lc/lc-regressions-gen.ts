/**
 * Regenerates properties/regressions/lc-e-N-<slug>.jsonl: for each erratum of
 * spec/local-copy.md, the shortest shrunk counterexample of the local-copy properties on the
 * literal variant over a few fixed seeds (properties/lc/lc-errata.ts), checked both ways before it
 * is written (the file exits 0 under the literal variant; its corrected twin exits 0 under the
 * corrected model; the same steps with only the header switched fail).
 *
 *   npx tsx properties/lc/lc-regressions-gen.ts [LC-E-1 ...]
 */
import { ERRATA_INFO, findErratum, regressionTrace } from './lc-errata.ts';
import { ERRATA, type Erratum } from './lc-model.ts';
import { writeRegressions } from '../harness/regressions-writer.ts';

const wanted = process.argv.slice(2) as Erratum[];
writeRegressions(wanted.length > 0 ? wanted : ERRATA, { find: (e) => findErratum(e), trace: regressionTrace, slug: (e) => ERRATA_INFO[e].slug });
