import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTrace } from '../../src/trace/runner.ts';
import { correctedTwin, headerSwitched } from './trace-twins.ts';

/** What an erratum finder returns: enough to write and describe the trace. */
export interface Found {
  readonly seed: number;
  readonly path: string;
  readonly error: { readonly steps: readonly unknown[] };
}

export interface ErratumSource<E extends string, F extends Found> {
  find(e: E): F | null;
  trace(found: F): string;
  slug(e: E): string;
}

/**
 * Writes properties/regressions/<erratum>-<slug>.jsonl for each erratum whose shortest shrunk
 * counterexample checks both ways (the file exits 0 under the literal variant; its corrected
 * twin exits 0; the same steps with only the header switched fail). Sets the exit code.
 */
export function writeRegressions<E extends string, F extends Found>(errata: readonly E[], source: ErratumSource<E, F>): void {
  const dir = join(import.meta.dirname, '..', 'regressions');
  mkdirSync(dir, { recursive: true });
  let failed = false;
  for (const e of errata) {
    const found = source.find(e);
    if (!found) {
      console.log(`${e}: no counterexample (the literal variant passes)`);
      failed = true;
      continue;
    }
    const text = source.trace(found);
    const [literal, twin, switched] = [text, correctedTwin(text), headerSwitched(text)].map((t) => runTrace(t).exitCode);
    if (literal !== 0 || twin !== 0 || switched !== 1) {
      console.log(`${e}: literal exit ${literal}, corrected twin exit ${twin}, header-switched exit ${switched}`);
      console.log(text);
      failed = true;
      continue;
    }
    const prefix = `${e.toLowerCase()}-`;
    for (const f of readdirSync(dir)) if (f.startsWith(prefix)) rmSync(join(dir, f));
    const file = join(dir, `${prefix}${source.slug(e)}.jsonl`);
    writeFileSync(file, text);
    console.log(`${e}: ${found.error.steps.length} steps, seed ${found.seed}, path ${found.path} -> ${file}`);
  }
  process.exitCode = failed ? 1 : 0;
}
