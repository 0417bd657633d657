/**
 * Running a migration scenario (properties/mg/mg-model.ts): the setup steps, the first
 * migration, the commands, one more check in full (CHK-1); and the property built on it.
 */
import fc from 'fast-check';
import { FULL } from '../../src/check/check-scope.ts';
import { exec, TraceRun } from '../rc/rc-trace.ts';
import { bump, harnessDefinition, type PropertyDefinition } from '../harness/support.ts';
import { type MgRun, mgRunArb, type MgScenarioOptions } from './mg-generators.ts';
import { CreateCommand } from './mg-pair-commands.ts';
import { MgModel, type MgOptions } from './mg-reference.ts';
import { type MgScenario, mgSetupSteps } from './mg-scenario.ts';
import { verifyMg } from './mg-verify.ts';
import { finalCheck, traced } from '../harness/trace-failure.ts';

export function runMgScenario(s: MgScenario, cmds: Iterable<fc.Command<MgModel, TraceRun>>, o: MgOptions = {}): { model: MgModel; real: TraceRun } {
  const model = new MgModel(s, o);
  const real = new TraceRun(o.variant ?? 'corrected');
  traced(real, () => {
    for (const step of mgSetupSteps(s)) exec(real, step, ['ok']);
  });
  for (const w of s.srcWrites) model.src.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
  for (const w of s.tgtWrites) {
    model.own.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
    model.view.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
  }
  const create = new CreateCommand(s.first);
  create.setup = true;
  create.run(model, real);
  bump(o.reached, 'runs');
  fc.modelRun(() => ({ model, real }), cmds);
  finalCheck(real, () => verifyMg(model, real, FULL));
  return { model, real };
}

export interface MgPropertyOptions extends MgScenarioOptions, MgOptions {}

export function mgProperty(o: MgPropertyOptions = {}): fc.IPropertyWithHooks<[MgRun]> {
  return fc.property(mgRunArb(o), ([s, cmds]) => {
    runMgScenario(s, cmds, o);
  });
}

export const DEFAULT_MG_RUNS = 200;

export function mgDefinition(id: string, title: string, opts: MgPropertyOptions, numRuns = DEFAULT_MG_RUNS, witnesses: readonly string[] = []): PropertyDefinition {
  return harnessDefinition(mgProperty, id, title, opts, numRuns, witnesses);
}
