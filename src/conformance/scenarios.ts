/**
 * Scenarios for a conformance run: arrays of trace steps, drawn from the property campaign's
 * own command generators (properties/lc-model.ts for an in-system pair over one system,
 * properties/rc-model.ts for remote pairs between two systems). Those generators already aim
 * at what matters: extent edges, the track the copy examines next, tracks still to copy,
 * writes racing a copy, path failures, takeover.
 *
 * A generated command list is turned into steps by running it on the harness, whose log is
 * the trace it ran (`r.log`); the steps are kept without their `expect`/`expectError`, so
 * the adapter only answers. Shrinking shrinks the commands, so a counterexample is the
 * smallest command list whose steps still disagree. Should the harness's own checker object
 * to something, the steps it logged up to that point are the scenario.
 */
import fc from 'fast-check';
import { LcTraceError, lcRunArb, runLcScenario } from '../../properties/lc-model.ts';
import { rcRunArb, runRcScenario } from '../../properties/rc-model.ts';
import { RcTraceError } from '../../properties/rc-trace.ts';

/** A trace step as JSON: `op` and the op's fields. */
export type ScenarioStep = { readonly op: string } & Readonly<Record<string, unknown>>;
/** One scenario: the steps after the header, in order, each a line of a trace-v1 file. */
export type Scenario = readonly ScenarioStep[];

/** Commands per scenario at most, unless told otherwise: long enough for a division and its races, short enough to shrink fast. */
export const SCENARIO_COMMANDS_MAX_DEFAULT = 60;

/** Options of `scenarioArb`. */
export interface ScenarioOptions {
  /** Commands per scenario at most (setup steps come on top). */
  readonly maxCommands?: number;
  /** Which families to draw from (default both, local twice as often). */
  readonly kinds?: readonly ('local' | 'remote')[];
}

/** The step without `expect` and `expectError`: what an adapter is sent. */
export function bareStep(step: ScenarioStep): ScenarioStep {
  const { expect: _x, expectError: _e, ...rest } = step as ScenarioStep & { expect?: unknown; expectError?: unknown };
  return { ...rest, op: step.op };
}

/** The steps a harness run logged, bare; a checker failure yields the steps it had run. */
function loggedSteps(run: () => { real: { log: readonly ScenarioStep[] } }): Scenario {
  try {
    return run().real.log.map(bareStep);
  } catch (e) {
    if (e instanceof LcTraceError || e instanceof RcTraceError) return e.steps.map(bareStep);
    throw e;
  }
}

/** Scenarios of an in-system pair: one system, an original and a copy volume, local pair requests, host I/O, copy steps. */
export function localScenarioArb(o: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const maxCommands = o.maxCommands ?? SCENARIO_COMMANDS_MAX_DEFAULT;
  return lcRunArb({ area: 'sometimes', maxCommands }).map(([s, cmds]) => loggedSteps(() => runLcScenario(s, cmds)));
}

/** Scenarios of remote pairs: two systems joined by a path, partial-area pairs, link faults, suspend/resync, takeover. */
export function remoteScenarioArb(o: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const maxCommands = o.maxCommands ?? SCENARIO_COMMANDS_MAX_DEFAULT;
  return rcRunArb({ maxCommands }).map(([s, cmds]) => loggedSteps(() => runRcScenario(s, cmds)));
}

/** Every scenario family of a conformance run, weighted (local 2 : remote 1). */
export function scenarioArb(o: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const kinds = o.kinds ?? ['local', 'remote'];
  const options: fc.WeightedArbitrary<Scenario>[] = [];
  if (kinds.includes('local')) options.push({ weight: 2, arbitrary: localScenarioArb(o) });
  if (kinds.includes('remote')) options.push({ weight: 1, arbitrary: remoteScenarioArb(o) });
  if (options.length === 0) throw new Error('scenarioArb: no scenario kinds');
  return fc.oneof(...options);
}

/** A scenario as a trace-v1 file: the header, then one line per step. */
export function scenarioTrace(steps: Scenario, header: Readonly<Record<string, unknown>> = {}): string {
  return `${[JSON.stringify({ trace: 1, ...header }), ...steps.map((s) => JSON.stringify(s))].join('\n')}\n`;
}
