/**
 * A conformance run (spec/conformance.md): scenarios drawn by fast-check are run on the model
 * in-process (`runStep` on a fresh context per scenario) and fed, line by line, to another
 * implementation running as an adapter process; the compared fields of each pair of answers
 * must agree. On the first disagreement fast-check shrinks the scenario to the smallest one
 * that still disagrees, and the run returns it as a trace file that reproduces it.
 *
 * One adapter process serves the whole run: a header line starts each scenario (the adapter
 * resets). An adapter that dies, hangs or breaks the protocol is an AdapterFailure, thrown
 * once the run has stopped (it is not shrunk: a dead process cannot answer).
 */
import fc from 'fast-check';
import { newContext } from '../trace/context.ts';
import { parseTrace, TraceSyntaxError } from '../trace/parse.ts';
import { runStep, type StepOutcome } from '../trace/runner.ts';
import { type AdapterCommand, AdapterProcess } from './adapter-process.ts';
import { compareResults, type ResultLine, type ResultMismatch } from './compare.ts';
import { loadTooling } from '../tooling.ts';
import { bareStep, type Scenario, type ScenarioOptions, type ScenarioStep, scenarioTrace } from './scenarios.ts';

/** Options of `runConformance`. */
export interface ConformanceOptions {
  /** The adapter: a shell command line, or an argv run without a shell. */
  readonly adapter: AdapterCommand;
  /** fast-check seed: the same seed draws the same scenarios. */
  readonly seed: number;
  /** Scenarios to run (before any shrinking). */
  readonly runs: number;
  /** Per-step deadline of the adapter, milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /** fast-check replay path of a reported mismatch: runs that scenario first. */
  readonly path?: string;
  /** How scenarios are drawn (size, families). */
  readonly scenarios?: ScenarioOptions;
  /** Called after each scenario (shrinking ones included). */
  readonly onProgress?: (p: ConformanceProgress) => void;
}

/** Progress of a run, for a display. */
export interface ConformanceProgress {
  /** Scenarios run so far, not counting shrinking ones. */
  readonly scenarios: number;
  /** Smaller scenarios tried since the first disagreement. */
  readonly shrinks: number;
  /** Steps compared so far. */
  readonly steps: number;
  /** A disagreement was found and the scenario is being shrunk. */
  readonly shrinking: boolean;
}

/** The smallest disagreement found, ready to replay. */
export interface ConformanceMismatch {
  /** fast-check seed and path of the counterexample (`runConformance({ seed, path, ... })` replays it first). */
  readonly seed: number;
  readonly path: string;
  /** A trace-v1 file: the scenario up to the disagreeing step; it passes on the model (exit 0), the adapter answers its last step otherwise. */
  readonly trace: string;
  /** The trace line of the disagreeing step (the header is line 1). */
  readonly step: number;
  /** The model's result line for that step. */
  readonly model: unknown;
  /** The adapter's answer to it. */
  readonly adapter: unknown;
  /** The first compared field that differs, in words. */
  readonly reason: string;
}

/** What a conformance run found. */
export interface ConformanceResult {
  /** Every compared answer agreed. */
  readonly ok: boolean;
  /** Scenarios run, not counting shrinking ones. */
  readonly runs: number;
  /** Smaller scenarios tried while shrinking a mismatch. */
  readonly shrinks: number;
  /** Steps compared, shrinking included. */
  readonly steps: number;
  readonly mismatch?: ConformanceMismatch;
}

/** A disagreement inside one scenario (thrown to fast-check, so that it shrinks). */
class ScenarioMismatch extends Error {
  constructor(
    readonly steps: Scenario,
    readonly index: number,
    readonly outcomes: readonly StepOutcome[],
    readonly answer: ResultLine,
    readonly diff: ResultMismatch,
  ) {
    super(`line ${index + 2}: ${diff.message}`);
  }
}

/**
 * Runs `runs` scenarios against the adapter and the model. Resolves `{ ok: true }` when every
 * compared answer agreed, else with the shrunk mismatch; rejects with an AdapterFailure when
 * the adapter could not be used (did not start, exited, hung past `timeoutMs`, answered
 * something that is not a result line).
 */
export async function runConformance(opts: ConformanceOptions): Promise<ConformanceResult> {
  const adapter = AdapterProcess.start(opts.adapter, opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs });
  let scenarios = 0;
  let shrinks = 0;
  let steps = 0;
  let shrinking = false;
  const { scenarioArb } = await loadTooling(); // the generators are test tooling (src/tooling.ts)
  const arb = stopShrinkingWhen(scenarioArb(opts.scenarios), () => adapter.failure !== null);
  try {
    const property = fc.asyncProperty(arb, async (scenario) => {
      if (shrinking) shrinks++;
      else scenarios++;
      try {
        steps += await runScenario(adapter, scenario);
      } catch (e) {
        if (e instanceof ScenarioMismatch) {
          steps += e.index + 1;
          shrinking = true;
        }
        throw e;
      } finally {
        opts.onProgress?.({ scenarios, shrinks, steps, shrinking });
      }
    });
    const details = await fc.check(property, { seed: opts.seed, numRuns: opts.runs, ...(opts.path ? { path: opts.path } : {}) });
    if (adapter.failure) throw adapter.failure;
    if (!details.failed) return { ok: true, runs: scenarios, shrinks, steps };
    const e = details.errorInstance;
    if (!(e instanceof ScenarioMismatch)) throw e instanceof Error ? e : new Error(String(e));
    return { ok: false, runs: scenarios, shrinks, steps, mismatch: mismatchOf(e, details.seed, details.counterexamplePath ?? '') };
  } finally {
    await adapter.close();
  }
}

/**
 * Runs one scenario on a fresh model and on the adapter, step by step; resolves with the
 * number of steps compared, throws a ScenarioMismatch at the first disagreement.
 */
async function runScenario(adapter: AdapterProcess, scenario: Scenario): Promise<number> {
  const steps = scenario.map(bareStep); // CF-P-3: the adapter only answers
  const parsed = parseScenario(steps);
  const ctx = newContext('corrected');
  adapter.send(JSON.stringify({ trace: 1, name: 'conformance' }));
  const outcomes: StepOutcome[] = [];
  for (const [i, { line, step }] of parsed.entries()) {
    const model = runStep(ctx, line, step);
    outcomes.push(model);
    const answer = parseAnswer(adapter, await adapter.request(JSON.stringify(steps[i])), line, step.op);
    const diff = compareResults(step.op, model, answer);
    if (diff) throw new ScenarioMismatch(steps.slice(0, i + 1), i, outcomes, answer, diff);
  }
  return steps.length;
}

/** The scenario as the runner's typed steps; a scenario that is not a valid trace is a generator bug. */
function parseScenario(steps: Scenario): ReturnType<typeof parseTrace>['steps'] {
  try {
    return parseTrace(scenarioTrace(steps)).steps;
  } catch (e) {
    if (e instanceof TraceSyntaxError) throw new Error(`conformance: a generated scenario is not a valid trace: ${e.message}\n${scenarioTrace(steps)}`);
    throw e;
  }
}

/**
 * One answer line (CF-P-5): a JSON object with a boolean `ok` (and `error.code` when false),
 * echoing `line` and `op` if it gives them; anything else ends the adapter as a protocol failure.
 */
function parseAnswer(adapter: AdapterProcess, text: string, line: number, op: string): ResultLine {
  const bad = (why: string) => adapter.protocolFailure(`adapter's answer to line ${line} (op "${op}") ${why}: ${text.slice(0, 300)}`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad('is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('is not a JSON object');
  const r = v as ResultLine;
  if (typeof r.ok !== 'boolean') throw bad('has no boolean "ok"');
  if (r.ok === false && typeof (r.error as { code?: unknown } | undefined)?.code !== 'string') throw bad('is ok:false without error.code');
  if (r.line !== undefined && r.line !== line) throw bad(`answers line ${JSON.stringify(r.line)}`);
  if (r.op !== undefined && r.op !== op) throw bad(`answers op ${JSON.stringify(r.op)}`);
  return r;
}

function mismatchOf(e: ScenarioMismatch, seed: number, path: string): ConformanceMismatch {
  const line = e.index + 2;
  return {
    seed,
    path,
    trace: mismatchTrace(e, seed, path),
    step: line,
    model: e.outcomes[e.index],
    adapter: e.answer,
    reason: e.diff.message,
  };
}

/**
 * The reproducing trace: every step with the model's refusal code as `expectError` (so it
 * passes on the model), the last one with the model's answer as its expectation where the op
 * takes one, then two comment lines with both answers (after the steps: line numbers stay).
 */
function mismatchTrace(e: ScenarioMismatch, seed: number, path: string): string {
  const lines = e.steps.map((s, i) => {
    const out = e.outcomes[i]!;
    if (!out.ok) return { ...s, expectError: out.error!.code };
    return i === e.index ? { ...s, ...expectationOf(s, out) } : s;
  });
  const header = { name: 'conformance mismatch', description: `line ${e.index + 2}: ${e.diff.message}`, seed, path };
  const model = e.outcomes[e.index]!;
  return `${scenarioTrace(lines, header)}// model: ${JSON.stringify(model)}\n// adapter: ${JSON.stringify(e.answer)}\n`;
}

/** The model's accepted answer as the step's own expectation, for the ops that take one. */
function expectationOf(step: ScenarioStep, out: StepOutcome): Record<string, unknown> {
  switch (step.op) {
    case 'read':
      return { expect: typeof out.hex === 'string' ? { hex: out.hex } : { sha256: out.sha256 } };
    case 'status':
      return { expect: { state: out.state } };
    case 'volumeInfo':
      return { expect: { bytes: out.bytes, tracks: out.tracks } };
    case 'datasets':
      return { expect: { datasets: out.datasets } };
    default:
      return {};
  }
}

/** The arbitrary, but with nothing to shrink to once `stop()` holds (a dead adapter cannot judge smaller scenarios). */
function stopShrinkingWhen<T>(arb: fc.Arbitrary<T>, stop: () => boolean): fc.Arbitrary<T> {
  return new (class extends fc.Arbitrary<T> {
    generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
      return arb.generate(mrng, biasFactor);
    }
    canShrinkWithoutContext(value: unknown): value is T {
      return arb.canShrinkWithoutContext(value);
    }
    shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
      return stop() ? fc.Stream.nil<fc.Value<T>>() : arb.shrink(value, context);
    }
  })();
}
