/**
 * Running a remote-copy scenario (properties/rc/rc-model.ts): the setup, the commands and a last
 * check of every volume; the property over it, and the property definitions (properties/index.ts)
 * with their reach keys.
 */
import fc from 'fast-check';
import { FULL } from '../../src/check/check-scope.ts';
import { hostRead } from '../../src/model/host-io.ts';
import { exec, TraceRun } from './rc-trace.ts';
import { RC_WITNESSES } from './rc-witnesses.ts';
import { bump, harnessDefinition, type PropertyDefinition } from '../harness/support.ts';
import { RC_STATES, type RcScenario, rcSetupSteps, S } from './rc-scenario.ts';
import type { RcOptions } from './rc-reference-core.ts';
import { RcModel } from './rc-reference.ts';
import { verify } from './rc-verify.ts';
import { CreateCommand } from './rc-pair-commands.ts';
import { type RcRun, rcRunArb, type RcScenarioOptions } from './rc-generators.ts';
import { finalCheck, traced } from '../harness/trace-failure.ts';

/** Builds the systems, the volumes, their datasets and data, and the first pair, then runs the commands. */
export function runRcScenario(s: RcScenario, cmds: Iterable<fc.Command<RcModel, TraceRun>>, o: RcOptions = {}): { model: RcModel; real: TraceRun } {
  const model = new RcModel(s, o);
  const real = new TraceRun(o.variant ?? 'corrected');
  traced(real, () => {
    for (const step of rcSetupSteps(s)) exec(real, step, ['ok']);
  });
  for (const w of s.initialWrites) model.vols[w.vol]!.bytes.fill(w.fill, w.track * s.trackBytes, (w.track + w.tracks) * s.trackBytes);
  // The datasets are in track 0 now: the model takes it as the system wrote it (its encoding is checked by the datasets op).
  for (const v of model.vols) {
    const track0 = hostRead(real.ctx.model, S, v.id, 0, s.trackBytes);
    v.bytes.set(track0, 0);
  }
  const create = new CreateCommand(s.first);
  create.setup = true;
  create.run(model, real);
  bump(o.reached, 'runs');
  bump(o.reached, `design:S:${s.designS}`);
  bump(o.reached, `design:T:${s.designT}`);
  if (s.trackBytes > 4096) bump(o.reached, 'bigTracks');
  fc.modelRun(() => ({ model, real }), cmds);
  finalCheck(real, () => verify(model, real, FULL));
  return { model, real };
}

export interface RcPropertyOptions extends RcScenarioOptions, RcOptions {}

export function rcProperty(o: RcPropertyOptions = {}): fc.IPropertyWithHooks<[RcRun]> {
  return fc.property(rcRunArb(o), ([s, cmds]) => {
    runRcScenario(s, cmds, o);
  });
}

// ---------------------------------------------------------------------------
// Property definitions (properties/index.ts)

export const DEFAULT_RC_RUNS = 200;

/** One property definition over this harness: the corrected model, `opts` steering the commands. */
export function rcDefinition(id: string, title: string, opts: RcPropertyOptions, numRuns = DEFAULT_RC_RUNS, witnesses: readonly string[] = RC_WITNESSES): PropertyDefinition {
  return harnessDefinition(rcProperty, id, title, opts, numRuns, witnesses);
}

/** Reach keys: every state of the remote pair machine. */
export const RC_STATE_KEYS: readonly string[] = RC_STATES.map((s) => `state:${s}`);

/**
 * Reach keys: every transition of spec/remote-copy.table.json, as `via:<state>-<trace op>-><state>`
 * (COPY_DONE and TAKEOVER_COPY_DONE by a step or a settle, TARGET_SYSTEM_FAILED by systemFail).
 */
export const RC_TRANSITION_KEYS: readonly string[] = [
  'transition:none->copying',
  'transition:copying->duplex', 'via:copying-pairSuspend->suspended', 'via:copying-linkDown->suspended', 'via:copying-systemFail->suspended', 'via:copying-pairDelete->simplex',
  'via:duplex-pairSuspend->suspended', 'via:duplex-linkDown->suspended', 'via:duplex-systemFail->suspended', 'via:duplex-takeover->takingOver', 'via:duplex-takeover->takenOver',
  'via:duplex-pairDelete->simplex', 'via:suspended-pairResync->copying', 'via:suspended-takeover->takingOver', 'via:suspended-takeover->takenOver', 'via:suspended-pairDelete->simplex',
  'transition:takingOver->takenOver', 'via:takenOver-pairDelete->simplex',
];
