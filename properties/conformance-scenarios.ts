/**
 * Scenarios for a conformance run (spec/conformance.md), drawn from the property campaign's
 * own command generators (properties/lc/lc-model.ts for an in-system pair over one system,
 * properties/rc/rc-model.ts for remote pairs between two systems). Those generators already aim
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
import { bareStep, type Scenario, SCENARIO_COMMANDS_MAX_DEFAULT, type ScenarioOptions, type ScenarioStep } from '../src/conformance/scenarios.ts';
import { TraceError } from './harness/trace-failure.ts';
import { lcRunArb, runLcScenario } from './lc/lc-model.ts';
import { rcRunArb, runRcScenario } from './rc/rc-model.ts';

/** The steps a harness run logged, bare; a checker failure yields the steps it had run. */
function loggedSteps(run: () => { real: { log: readonly ScenarioStep[] } }): Scenario {
  try {
    return run().real.log.map(bareStep);
  } catch (e) {
    if (e instanceof TraceError) return e.steps.map(bareStep);
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
