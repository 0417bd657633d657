/**
 * Regenerates properties/regressions/lc-e-N-<slug>.jsonl: for each erratum of
 * spec/local-copy.md, the shortest shrunk counterexample of the local-copy properties on the
 * literal variant over a few fixed seeds (properties/lc-errata.ts), checked both ways before it
 * is written (the file exits 0 under the literal variant; its corrected twin exits 0 under the
 * corrected model; the same steps with only the header switched fail).
 *
 *   npx tsx properties/lc-regressions-gen.ts [LC-E-1 ...]
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTrace } from '../src/trace/runner.ts';
import { correctedTwin, ERRATA_INFO, findErratum, headerSwitched, regressionTrace } from './lc-errata.ts';
import { ERRATA, type Erratum } from './lc-model.ts';

const dir = join(import.meta.dirname, 'regressions');
mkdirSync(dir, { recursive: true });
const wanted = process.argv.slice(2);
const errata = (wanted.length > 0 ? wanted : ERRATA) as Erratum[];
let failed = false;
for (const e of errata) {
  const found = findErratum(e);
  if (!found) {
    console.log(`${e}: no counterexample (the literal variant passes)`);
    failed = true;
    continue;
  }
  const text = regressionTrace(found);
  const literal = runTrace(text);
  const twin = runTrace(correctedTwin(text));
  const switched = runTrace(headerSwitched(text));
  if (literal.exitCode !== 0 || twin.exitCode !== 0 || switched.exitCode !== 1) {
    console.log(`${e}: literal exit ${literal.exitCode}, corrected twin exit ${twin.exitCode}, header-switched exit ${switched.exitCode}`);
    console.log(text);
    failed = true;
    continue;
  }
  const prefix = `${e.toLowerCase()}-`;
  for (const f of readdirSync(dir)) if (f.startsWith(prefix)) rmSync(join(dir, f));
  const file = join(dir, `${prefix}${ERRATA_INFO[e].slug}.jsonl`);
  writeFileSync(file, text);
  console.log(`${e}: ${found.error.steps.length} steps, seed ${found.seed}, path ${found.path} -> ${file}`);
}
process.exitCode = failed ? 1 : 0;
