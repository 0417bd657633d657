/**
 * The remote-copy and migration properties on the literal variant (the seed's flows as
 * written), and the regression traces their counterexamples become
 * (properties/regressions/rc-e-1-*.jsonl, mg-e-1-*.jsonl), in the format of
 * properties/lc/lc-errata.ts that test/regressions.test.ts replays both ways.
 *
 * The reference models (rc-model.ts, mg-model.ts) know only the corrected rules, so a
 * witness's `expected` form is the corrected model's answer as it stands. A regression file is
 * the shrunk counterexample's steps (each refusal with its `expectError`, as the literal
 * variant answers), a `// corrected:` comment before every step the corrected model answers
 * differently, then each witness as the literal variant makes it hold, preceded by
 * `// corrected: <the witness as the spec wants it>`.
 */
import fc from 'fast-check';
import { newContext } from '../../src/trace/context.ts';
import { runStep } from '../../src/trace/runner.ts';
import type { TraceStep } from '../../src/trace/schema.ts';
import { MG_INV_1_OPTIONS } from '../mg/mg-inv-transparency.ts';
import { mgProperty, type MgPropertyOptions } from '../mg/mg-model.ts';
import { RC_INV_5_OPTIONS } from './rc-inv-takeover.ts';
import { rcProperty, type RcPropertyOptions } from './rc-model.ts';
import { bare, json, TraceError, type Step } from './rc-trace.ts';

export const RC_ERRATA = ['RC-E-1', 'MG-E-1'] as const;
export type RcErratum = (typeof RC_ERRATA)[number];

export interface RcErratumInfo {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** The property (on the literal variant) that finds it. */
  readonly property: (o: { numRuns?: number }) => fc.IPropertyWithHooks<any>;
  /** The same property steering clear of it: the literal variant must then pass. */
  readonly avoided: () => fc.IPropertyWithHooks<any>;
}

/** The takeover property (RC-INV-5, properties/rc/rc-inv-takeover.ts) on the literal variant, or its twin steering clear of RC-E-1. */
export function rcLiteralOptions(avoid: boolean): RcPropertyOptions {
  return { ...RC_INV_5_OPTIONS, variant: 'literal', avoid: avoid ? ['RC-E-1'] : [] };
}

/** The transparency property (MG-INV-1) on the literal variant, comparing only what the host sees; or its twin steering clear of MG-E-1. */
export function mgLiteralOptions(avoid: boolean): MgPropertyOptions {
  return { ...MG_INV_1_OPTIONS, variant: 'literal', dataOnly: true, avoid: avoid ? ['MG-E-1'] : [] };
}

export const RC_ERRATA_INFO: Readonly<Record<RcErratum, RcErratumInfo>> = {
  'RC-E-1': {
    slug: 'takeover-routing',
    name: 'RC-E-1: host access during the copy of A into B goes the wrong way',
    description: 'literal Fig. 12 ("in the midst of copying"): a track not yet copied into B is served from B, so the host reads B\'s bytes instead of the image it had acknowledged (corrected, RC-T-4: not yet copied -> A, copied -> B)',
    property: () => rcProperty(rcLiteralOptions(false)),
    avoided: () => rcProperty(rcLiteralOptions(true)),
  },
  'MG-E-1': {
    slug: 'write-above-pointer',
    name: 'MG-E-1: a write above the copy pointer is not marked copied',
    description: 'literal Fig. 8 / sixth embodiment: a host write to a track the migration has not copied yet is stored on the new system, but the track stays to be copied: the host reads the old system\'s track instead of its write, and the copy overwrites it (corrected, MG-W-1: fetch the track, store it with the write, mark it copied)',
    property: () => mgProperty(mgLiteralOptions(false)),
    avoided: () => mgProperty(mgLiteralOptions(true)),
  },
};

export interface FoundRcErratum {
  readonly erratum: RcErratum;
  readonly seed: number;
  readonly path: string;
  readonly error: TraceError;
}

export const RC_FIND_RUNS = 300;

/** Runs the literal property from each seed and keeps the shortest shrunk counterexample. */
export function findRcErratum(e: RcErratum, seeds: readonly number[] = [1, 2, 3, 4, 5, 6], numRuns = RC_FIND_RUNS): FoundRcErratum | null {
  let best: FoundRcErratum | null = null;
  for (const seed of seeds) {
    const details = fc.check(RC_ERRATA_INFO[e].property({}), { numRuns, seed });
    if (!details.failed) continue;
    const error = details.errorInstance;
    if (!(error instanceof TraceError)) throw error;
    const found: FoundRcErratum = { erratum: e, seed: details.seed, path: details.counterexamplePath ?? '', error };
    if (!best || size(found) < size(best)) best = found;
  }
  return best;
}

function size(f: FoundRcErratum): number {
  return f.error.steps.length * 1e6 + json(f.error.steps).length;
}

/**
 * The regression file of a literal counterexample. Throws when the corrected model does not
 * answer a witness's corrected form (then the counterexample is not the erratum's).
 */
export function rcRegressionTrace(f: FoundRcErratum): string {
  const info = RC_ERRATA_INFO[f.erratum];
  const spec = f.erratum.startsWith('RC') ? 'spec/remote-copy.md' : 'spec/migration.md';
  const header = { trace: 1, variant: 'literal', name: info.name, description: info.description, seed: f.seed, path: f.path };
  const lines = [
    `// ${f.erratum} (${spec}, spec/errata.md): counterexample of the ${f.erratum.startsWith('RC') ? 'remote-copy' : 'migration'} properties on the literal variant,`,
    `// shrunk by fast-check. Replay (deterministic): fc.check(RC_ERRATA_INFO['${f.erratum}'].property({}), { seed: ${f.seed}, numRuns: ${RC_FIND_RUNS} })`,
    `// (properties/rc/rc-errata.ts); "path" is fast-check's counterexamplePath of that run.`,
    `// Each "// corrected:" line is the step as the corrected model must answer it; test/regressions.test.ts runs both.`,
    json(header),
  ];
  const ctx = newContext('corrected');
  let line = 0;
  for (const s of f.error.steps) {
    const out = runStep(ctx, ++line, s as unknown as TraceStep);
    if (out.expectFailed !== undefined) {
      const replacement: Step = out.ok ? bare(s) : { ...bare(s), expectError: out.error!.code };
      lines.push(`// corrected: ${json(replacement)}`);
    }
    lines.push(json(s));
  }
  for (const w of f.error.witnesses) {
    if (json(w.expected) === json(w.actual)) continue;
    const out = runStep(ctx, ++line, w.expected as unknown as TraceStep);
    if (out.expectFailed !== undefined) throw new Error(`${f.erratum}: the corrected model fails the witness ${json(w.expected)} too: ${out.expectFailed}`);
    lines.push(`// corrected: ${json(w.expected)}`, json(w.actual));
  }
  return `${lines.join('\n')}\n`;
}
