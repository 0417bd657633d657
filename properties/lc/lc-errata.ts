/**
 * The local-copy properties on the literal variant (the seed's flowcharts as written), and
 * the regression traces their counterexamples become (properties/regressions/lc-e-N-*.jsonl).
 *
 * `literalOptions(e)` runs the whole model (properties/lc/lc-model.ts) on the literal variant,
 * steering clear of every known erratum except `e` (see `Avoid` in lc-model.ts); with
 * `literalOptions(null)` it steers clear of all of them, and must then pass: a failure there
 * would be an erratum nobody has written down.
 *
 * A regression file is the shrunk counterexample's steps (each refusal with its
 * `expectError`, as the literal variant behaves), then each observation where the literal
 * variant disagrees with the spec, written as the literal variant makes it hold (so the file
 * exits 0 under the literal variant), each preceded by a comment
 * `// corrected: <the step as the corrected model must make it hold>` — computed by feeding
 * the same steps to the reference model of lc-model.ts with the corrected rules. Steps of the prefix
 * that the corrected model answers differently (an extent update it refuses, say) get such a
 * comment too. test/regressions.test.ts runs each file as is, and again with the header
 * switched to "corrected" and every commented step put in place of the line after it.
 */
import fc from 'fast-check';
import { newContext } from '../../src/trace/context.ts';
import { runStep } from '../../src/trace/runner.ts';
import type { TraceStep } from '../../src/trace/schema.ts';
import {
  AVOID_ALL, type Avoid, dataOf, DEFAULT_LC_WEIGHTS, type Erratum, expectedObservation, LcModel, lcProperty, type LcPropertyOptions, type LcScenario,
  TraceError, replayIntoModel, type Step,
} from './lc-model.ts';

export interface ErratumInfo {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
}

/** What each erratum's counterexample shows (spec/local-copy.md, "Errata"). */
export const ERRATA_INFO: Readonly<Record<Erratum, ErratumInfo>> = {
  'LC-E-1': {
    slug: 'divide-while-generating',
    name: 'LC-E-1: division during the generation copy',
    description: 'literal Figs. 17/20: a division requested while the generation copy runs leaves the generation loop running beside the division loop (corrected, LC-R-2: the division copy takes over)',
  },
  'LC-E-2': {
    slug: 'division-ends-as-generation',
    name: 'LC-E-2: the division loop ends as the generation loop',
    description: 'literal Fig. 21 step 2106 "goes to step 2001": the division copy ends with step 2007, the pair is back in generated instead of divided and its copy is no longer readable',
  },
  'LC-E-3': {
    slug: 'write-outside-divided-extents',
    name: 'LC-E-3: a write outside the divided extents is lost to the next extent division',
    description: 'literal Fig. 38 step 3807: a write outside the divided extents sets div, which the couple reads only inside them; the next extent division misses the write (corrected, LC-W-6: it sets gen)',
  },
  'LC-E-4': {
    slug: 'couple-clears-gen-bit',
    name: 'LC-E-4: the couple copy clears the generation bit',
    description: 'literal Fig. 40 step 4004: the couple copy clears the gen bit instead of the div bit it copied; div bits stay set after the couple (seen only in the bitmaps: no data is lost)',
  },
  'LC-E-5': {
    slug: 'formation-completed-loses-writes',
    name: 'LC-E-5: FORMATION COMPLETED records no write',
    description: 'literal Fig. 40 step 4007: the couple ends in "FORMATION COMPLETED", where no write branch of Fig. 38 matches; a later write sets no bit and copy and original differ unrecorded (LC-INV-4)',
  },
  'LC-E-6': {
    slug: 'extent-update-while-dividing',
    name: 'LC-E-6: extent update accepted during division',
    description: 'literal Fig. 18 has no state check: an extent update accepted while dividing takes its image, but the quick split and copy-before-write still follow the division bitmaps; the copy does not read as the image (corrected, LC-R-3: refused)',
  },
};

/** The literal variant, steering clear of every known erratum but `e` (null: of all). */
export function literalOptions(e: Erratum | null): LcPropertyOptions {
  const avoid: Avoid[] = AVOID_ALL.filter((a) => a !== e);
  if (e === 'LC-E-5') avoid.push('LC-E-5.name'); // expect the state's literal name; find the lost write
  if (e === 'LC-E-6') avoid.push('LC-E-6.accept'); // accept the update; find what it breaks
  return {
    variant: 'literal',
    avoid,
    // LC-E-4 loses no data: only the bitmap hygiene check sees it.
    checkBits: e === 'LC-E-4',
    area: 'sometimes',
    areaCreates: 0.2,
    weights: { ...DEFAULT_LC_WEIGHTS, settle: 5, extentDivide: 8, couple: 6 },
  };
}

export interface FoundErratum {
  readonly erratum: Erratum;
  readonly scenario: LcScenario;
  readonly seed: number;
  readonly path: string;
  readonly error: TraceError;
}

/**
 * Runs the literal property for `e` from each seed, and keeps the shortest shrunk
 * counterexample (fast-check shrinks by dropping commands; seeds differ in what is left).
 */
export const FIND_RUNS = 500;

export function findErratum(e: Erratum, seeds: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8], numRuns = FIND_RUNS): FoundErratum | null {
  let best: FoundErratum | null = null;
  for (const seed of seeds) {
    const details = fc.check(lcProperty(literalOptions(e)), { numRuns, seed });
    if (!details.failed) continue;
    const error = details.errorInstance;
    if (!(error instanceof TraceError)) throw error;
    const run = details.counterexample![0];
    const found: FoundErratum = {
      erratum: e, scenario: run[0], seed: details.seed, path: details.counterexamplePath ?? '', error,
    };
    if (!best || size(found) < size(best)) best = found;
  }
  return best;
}

function size(f: FoundErratum): number {
  return f.error.steps.length * 1e6 + JSON.stringify(f.error.steps).length;
}

const json = (v: unknown) => JSON.stringify(v);

function strip(step: Step): Step {
  const { expectError: _e, expect: _x, ...bare } = step as Step & { expectError?: unknown; expect?: unknown };
  return { ...bare, op: step.op };
}

/**
 * The regression file of a literal counterexample: the steps (with the corrected answer,
 * where it differs, as a `// corrected:` comment before the step), then the witnesses.
 * Throws when the corrected model also fails a witness's corrected form.
 */
export function regressionTrace(f: FoundErratum): string {
  const info = ERRATA_INFO[f.erratum];
  const header = { trace: 1, variant: 'literal', name: info.name, description: info.description, seed: f.seed, path: f.path };
  const lines = [
    `// ${f.erratum} (spec/local-copy.md, spec/errata.md): counterexample of the local-copy properties on the literal variant,`,
    `// shrunk by fast-check. Replay (deterministic): fc.check(lcProperty(literalOptions('${f.erratum}')), { seed: ${f.seed}, numRuns: ${FIND_RUNS} })`,
    `// (properties/lc/lc-errata.ts); "path" is fast-check's counterexamplePath of that run.`,
    `// Each "// corrected:" line is the step as the corrected model must answer it; test/regressions.test.ts runs both.`,
    json(header),
  ];
  const ctx = newContext('corrected');
  let line = 0;
  for (const s of f.error.steps) {
    const out = runStep(ctx, ++line, s as unknown as TraceStep);
    if (out.expectFailed !== undefined) {
      let replacement: Step;
      if (!out.ok) replacement = { ...strip(s), expectError: out.error!.code };
      else if (s.op === 'read' && 'expect' in s) {
        const v = ctx.model.system(s.system as string).volume(s.volume as string);
        replacement = { ...strip(s), expect: dataOf(ctx.model.localCopy.read(v, s.offset as number, s.length as number)) };
      } else replacement = strip(s);
      lines.push(`// corrected: ${json(replacement)}`);
    }
    lines.push(json(s));
  }
  // What the corrected model must answer: the reference model, corrected, fed the same steps.
  const reference = new LcModel(f.scenario, { variant: 'corrected' });
  replayIntoModel(reference, f.error.steps);
  for (const w of f.error.witnesses) {
    const expected = expectedObservation(reference, w.actual);
    if (json(expected) === json(w.actual)) continue; // both variants answer it alike: no witness
    const out = runStep(ctx, ++line, expected as unknown as TraceStep);
    if (out.expectFailed !== undefined) {
      throw new Error(`${f.erratum}: the corrected model fails the witness ${json(expected)} too: ${out.expectFailed}`);
    }
    lines.push(`// corrected: ${json(expected)}`, json(w.actual));
  }
  return `${lines.join('\n')}\n`;
}
