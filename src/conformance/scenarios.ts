/**
 * Scenarios for a conformance run: arrays of trace steps. Their generators are test tooling
 * (properties/conformance-scenarios.ts, drawn from the property campaign's own command
 * generators), loaded through the one door src/tooling.ts; this file holds what the run
 * itself needs of a scenario.
 */

/** A trace step as JSON: `op` and the op's fields. */
export type ScenarioStep = { readonly op: string } & Readonly<Record<string, unknown>>;
/** One scenario: the steps after the header, in order, each a line of a trace-v1 file. */
export type Scenario = readonly ScenarioStep[];

/** Commands per scenario at most, unless told otherwise: long enough for a division and its races, short enough to shrink fast. */
export const SCENARIO_COMMANDS_MAX_DEFAULT = 60;

/** Options of the scenario generators (properties/conformance-scenarios.ts `scenarioArb`). */
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

/** A scenario as a trace-v1 file: the header, then one line per step. */
export function scenarioTrace(steps: Scenario, header: Readonly<Record<string, unknown>> = {}): string {
  return `${[JSON.stringify({ trace: 1, ...header }), ...steps.map((s) => JSON.stringify(s))].join('\n')}\n`;
}
