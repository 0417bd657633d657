/**
 * Model-based harness for online rearrangement (spec/placement.md, third embodiment), driven
 * through the trace runner like properties/rc/rc-model.ts: every command is one trace-v1 step run
 * by `runStep` on a fresh `newContext`, so a shrunk counterexample is, line for line, a trace
 * file (spec/trace-format.md). One system with 2–4 RAID groups of different levels, small
 * devices; one or two OPEN-V volumes formed with designated areas (VOL-F-3), their table
 * entries on several groups, sometimes with a track size that does not divide the LDEV size
 * (tracks straddle LDEV boundaries).
 *
 * The reference model here is independent of src/: it knows the rules, not the code.
 * - the LDEVs of every group (numbered across the groups in definition order, LDEV-1), the free
 *   pool, and each volume's table: which LDEV, so which group, each entry maps (formation per
 *   VOL-F-3; PL-R-1 takes the lowest-numbered free LDEVs of the group; PL-C-2 rebinds an entry
 *   and frees its source once the pointer passes its last byte);
 * - each relocation's moved entries and copy pointer (PL-R-2, PL-C-1: the pointer moves on to the
 *   next track holding bytes of a moved entry), so it predicts `step`'s `advanced`;
 * - PL-INV-1's reference volume: the bytes the host wrote to each volume (with a local pair's
 *   settled image for the copy volume, and "unknown" where only the pair knows the bytes);
 * - the health of each group's devices, so only survivable failures are injected (a DATA_LOSS,
 *   or a relocation stalled by one, is a bug).
 *
 * After every command: the trace's `check` op passes (PL-INV-2 among the rest); every volume's
 * host view (the host read path, without counting in the statistics) is the reference volume;
 * `volumeInfo` shows the model's LDEV of every entry, its placement runs and its relocation
 * (pointer, moves); the free-LDEV count of every group derived from `system` and `volumeInfo`
 * (carved LDEVs less those mapped and those a running relocation holds as destinations) and the
 * pool's own free set are the model's.
 *
 * A local pair (`pairCreate` kind local, V0 → V1) sometimes joins: its copy reads the original
 * through the relocation's routing (PL-W-3), and after a division the copy volume reads as the
 * original's image at the division, whatever the relocation did meanwhile.
 *
 * This file runs a scenario and defines the properties; its parts are pl-vocabulary.ts,
 * pl-reference.ts (the reference model), pl-verify.ts (after every command), pl-commands.ts,
 * pl-io-commands.ts and pl-generators.ts, all re-exported here.
 */
import fc from 'fast-check';
import { FULL } from '../../src/check/check-scope.ts';
import { exec, json, CommandFailure, TraceRun } from '../rc/rc-trace.ts';
import { bump, harnessDefinition, type PropertyDefinition } from '../harness/support.ts';
import { type PlScenario, plSetupSteps } from './pl-vocabulary.ts';
import { PlModel, type PlOptions } from './pl-reference.ts';
import { verifyPl } from './pl-verify.ts';
import { type PlRun, plRunArb, type PlScenarioOptions } from './pl-generators.ts';
import { finalCheck, traced } from '../harness/trace-failure.ts';
export * from './pl-vocabulary.ts';
export * from './pl-reference.ts';
export * from './pl-verify.ts';
export * from './pl-commands.ts';
export * from './pl-io-commands.ts';
export * from './pl-generators.ts';

// Running a scenario

export function runPlScenario(s: PlScenario, cmds: Iterable<fc.Command<PlModel, TraceRun>>, o: PlOptions = {}): { model: PlModel; real: TraceRun } {
  const model = new PlModel(s, o);
  const real = new TraceRun('corrected');
  traced(real, () => {
    const steps = plSetupSteps(s);
    for (const step of steps) {
      const out = exec(real, step, ['ok']);
      if (step.op === 'system') {
        const carved = (out.raidGroups as Array<{ ldevs: number[] }>).map((g) => g.ldevs.length);
        if (json(carved) !== json(model.carved)) throw new CommandFailure(`system: groups carve ${json(carved)} LDEVs, expected ${json(model.carved)}`, [], false);
      }
      if (step.op === 'volume') {
        const want = model.volumes.find((x) => x.id === step.id)!.ldevs;
        if (json(out.ldevs) !== json(want)) throw new CommandFailure(`volume ${String(step.id)}: LDEVs ${json(out.ldevs)}, expected ${json(want)} (VOL-F-3)`, [], false);
      }
    }
    verifyPl(model, real);
  });
  bump(o.reached, 'runs');
  if (s.ldevBytes % s.trackBytes !== 0) bump(o.reached, 'scenario:tracksStraddleLdevs');
  if (s.volumes.some((v) => v.bytes % s.trackBytes !== 0)) bump(o.reached, 'scenario:partialLastTrack');
  if (new Set(s.groups.map((g) => g.level)).size === 4) bump(o.reached, 'scenario:allFourLevels');
  fc.modelRun(() => ({ model, real }), cmds);
  finalCheck(real, () => verifyPl(model, real, FULL));
  return { model, real };
}

export interface PlPropertyOptions extends PlScenarioOptions, PlOptions {}

export function plProperty(o: PlPropertyOptions = {}): fc.IPropertyWithHooks<[PlRun]> {
  return fc.property(plRunArb(o), ([s, cmds]) => {
    runPlScenario(s, cmds, o);
  });
}

export const DEFAULT_PL_RUNS = 200;

export function plDefinition(id: string, title: string, opts: PlPropertyOptions, numRuns = DEFAULT_PL_RUNS, witnesses: readonly string[] = []): PropertyDefinition {
  return harnessDefinition(plProperty, id, title, opts, numRuns, witnesses);
}
