/**
 * Regenerates properties/regressions/rc-e-1-<slug>.jsonl and mg-e-1-<slug>.jsonl: for each
 * erratum of spec/remote-copy.md and spec/migration.md, the shortest shrunk counterexample of
 * its property on the literal variant over a few fixed seeds (properties/rc/rc-errata.ts),
 * checked both ways before it is written (the file exits 0 under the literal variant; its
 * corrected twin exits 0 under the corrected model; the same steps with only the header
 * switched fail).
 *
 *   npx tsx properties/rc/rc-regressions-gen.ts [RC-E-1 | MG-E-1 ...]
 */
import { findRcErratum, RC_ERRATA, RC_ERRATA_INFO, type RcErratum, rcRegressionTrace } from './rc-errata.ts';
import { writeRegressions } from '../harness/regressions-writer.ts';

const wanted = process.argv.slice(2) as RcErratum[];
writeRegressions(wanted.length > 0 ? wanted : RC_ERRATA, { find: (e) => findRcErratum(e), trace: rcRegressionTrace, slug: (e) => RC_ERRATA_INFO[e].slug });
