import * as fc from 'fast-check';
import { setTransitionSink } from '../../../machines/inspection.ts';
import { countRuns } from './count-runs.ts';
import { failureTrace, firstLine } from './failure-trace.ts';
import type { Job } from './job-plan.ts';
import type { PropertyDefinition } from './property-definition.ts';

/** What one job found. Plain data: it crosses from a worker thread. */
export interface JobResult {
  readonly job: Job;
  readonly runs: number;
  readonly commands: number;
  /** Each witness the property names (PropertyDefinition.witnesses) → times its runs reached it. */
  readonly witnesses: Record<string, number>;
  /** `machine:edgeKey` (machines/inspection.ts) → times taken. */
  readonly transitions: Record<string, number>;
  /** `machine:state` reached. */
  readonly states: readonly string[];
  readonly millis: number;
  readonly failure?: JobFailure;
}

export interface JobFailure {
  readonly seed: number;
  readonly path: string;
  /** First line of the error: the one-line description. */
  readonly message: string;
  readonly counterexample: string;
  /** The counterexample as a trace-v1 file (src/cli/campaign/failure-trace.ts). */
  readonly trace: string;
}

export interface JobOptions {
  readonly planted?: string | undefined;
  /** After each run: runs started so far, model commands so far. */
  readonly onProgress?: (runs: number, commands: number) => void;
}

/** Runs one job in this thread, recording every machine transition its runs take. */
export async function runJob(def: PropertyDefinition, job: Job, o: JobOptions = {}): Promise<JobResult> {
  const started = performance.now();
  const reached: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const states = new Set<string>();
  const base = def.instrumented ? def.instrumented(reached) : def.property(job.runs);
  const property = countRuns(base, (n) => o.onProgress?.(n, reached.commands ?? 0));
  setTransitionSink((t) => {
    const key = `${t.machine}:${t.edge}`;
    transitions[key] = (transitions[key] ?? 0) + 1;
    states.add(`${t.machine}:${t.from}`).add(`${t.machine}:${t.to}`);
  });
  let details: fc.RunDetails<unknown>;
  try {
    details = await fc.check(property as fc.IAsyncProperty<unknown>, { numRuns: job.runs, seed: job.seed });
  } finally {
    setTransitionSink(null);
  }
  const witnesses = Object.fromEntries((def.witnesses ?? []).map((w) => [w, reached[w] ?? 0]));
  const result = { job, runs: details.numRuns, commands: reached.commands ?? 0, witnesses, transitions, states: [...states], millis: performance.now() - started };
  if (!details.failed) return result;
  const path = details.counterexamplePath ?? '';
  const counterexample = fc.stringify(details.counterexample);
  const trace = failureTrace({ property: def.id, title: def.title, seed: details.seed, path, error: details.errorInstance, counterexample, planted: o.planted });
  return { ...result, failure: { seed: details.seed, path, message: firstLine(details.errorInstance), counterexample, trace } };
}
