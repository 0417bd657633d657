/**
 * Model-based harness for in-system copy pairs (spec/local-copy.md), driven through the trace
 * runner: EVERY command is exactly one trace-v1 step run by `runStep` (src/trace/runner.ts)
 * on a fresh `newContext(variant)`, so a shrunk counterexample is, line for line, a trace
 * file (spec/trace-format.md). The steps run so far are kept in `LcReal.log`; a failure
 * carries them as `TraceError.trace` and in its message.
 *
 * The reference model here is independent of src/: it knows the rules, not the code.
 * - the original's bytes as the host wrote them (LC-INV-5);
 * - per track of the pair's area, the copy's settled image: the original at a division
 *   request (whole area), at an extent update (those extents), at an extent division (those
 *   extents only), none after a couple (LC-INV-1..3);
 * - the pair state per the acceptance table (LC-R-0..6) and the copy processes as FIFO
 *   queues of track ranges, one track examined per unit (LC-C-1..5), so it predicts
 *   `step`'s `advanced`, each process's position and the state a completion leads to;
 * - which copy tracks a host read serves from the settled image, which it refuses
 *   (LC-W-9), and what the copy volume physically holds where that is known (fresh volume,
 *   outside an eighth-embodiment pair's area, after a deletion in a settled state: LC-R-6).
 *
 * After every command: the pair exists iff the model says so, in the model's state, with the
 * model's processes and extent information; the tables in use are the live pair's (LC-INV-6);
 * optionally the bitmaps the state does not read are empty (`checkBits`); the original reads
 * back what was written (LC-INV-5); every copy track the model can predict reads as predicted
 * (the settled image in dividing/divided/extentUpdating/extentDividing/extentDivided, the
 * physical bytes elsewhere), a refused track is refused; and the trace's `check` op passes.
 *
 * The literal variant (`variant: 'literal'`) runs the seed's flowcharts with their errata.
 * `avoid` steers the commands clear of known errata (literal only), so that a property run on
 * the literal variant with all but one erratum avoided finds that one, and with all avoided
 * finds none unless there is an erratum nobody has written down yet:
 * - `LC-E-1`: no pairDivide while the generation copy runs;
 * - `LC-E-2`: no step or settle that would end a whole-volume division copy;
 * - `LC-E-3`: no host write outside the divided extents in extentDividing / extentDivided;
 * - `LC-E-4`: no bitmap hygiene check in formationCompleted;
 * - `LC-E-5.name`: a couple ends in `formationCompleted` (accepting only an extent division
 *   and a deletion, keeping its extent information); `LC-E-5` also: no host write there;
 * - `LC-E-6.accept`: an extent update is accepted in dividing (state unchanged, its processes
 *   queued, its image taken); `LC-E-6`: no extent update while dividing;
 * - `LC-R-7`: no extent update overlapping itself or a running one (the corrected model
 *   refuses it; the literal accepts it, and the spec expects it to).
 *
 * This file runs a scenario and defines the properties; the parts, one idea each, are
 * lc-vocabulary.ts, lc-reference.ts (the reference model), lc-trace-run.ts (the system as a
 * trace run, failures as trace lines), lc-verify.ts (the comparison after every command),
 * lc-commands.ts and lc-generators.ts (with lc-geometry.ts, the swarm); all re-exported here.
 */
import fc from 'fast-check';
import { FULL } from '../../src/check/check-scope.ts';
import { LC_WITNESSES } from './lc-witnesses.ts';
import { bump, harnessDefinition, type PropertyDefinition } from '../harness/support.ts';
import { dataOf, type Extent, json, LC_REQUESTS, LC_STATES, type LcScenario, ORIG, scenarioSteps, type Step, SYSTEM } from './lc-vocabulary.ts';
import { LcModel, type LcOptions } from './lc-reference.ts';
import { exec, LcReal } from './lc-trace-run.ts';
import { procsOf, verify } from './lc-verify.ts';
import { CreateCommand, touched } from './lc-commands.ts';
import { DEFAULT_LC_WEIGHTS, type LcRun, lcRunArb, type LcScenarioOptions, type LcWeights } from './lc-generators.ts';
import { finalCheck, traced } from '../harness/trace-failure.ts';
export * from './lc-vocabulary.ts';
export * from './lc-reference.ts';
export * from './lc-trace-run.ts';
export * from './lc-verify.ts';
export * from './lc-commands.ts';
export * from './lc-generators.ts';

// ---------------------------------------------------------------------------
// Running a scenario

/** Builds the system, the two volumes, the initial writes and the first pair, then runs the commands. */
export function runLcScenario(s: LcScenario, cmds: Iterable<fc.Command<LcModel, LcReal>>, o: LcOptions = {}): { model: LcModel; real: LcReal } {
  const model = new LcModel(s, o);
  const real = new LcReal(o.variant ?? 'corrected');
  traced(real, () => {
    for (const step of scenarioSteps(s)) exec(real, step, null);
  });
  // The initial writes are whole-track ranges, written as given.
  for (const w of s.initialWrites) {
    const step: Step = { op: 'write', system: SYSTEM, volume: ORIG, offset: w.offset, data: { fill: w.fill, length: w.length } };
    traced(real, () => {
      exec(real, step, null);
    });
    model.applyOrigWrite(w.offset, new Uint8Array(w.length).fill(w.fill));
  }
  const create = new CreateCommand(s.area);
  create.setup = true;
  create.run(model, real);
  bump(o.reached, 'runs');
  fc.modelRun(() => ({ model, real }), cmds);
  finalCheck(real, () => verify(model, real, FULL));
  return { model, real };
}

export interface LcPropertyOptions extends LcScenarioOptions, LcOptions {}

export function lcProperty(o: LcPropertyOptions = {}): fc.IPropertyWithHooks<[LcRun]> {
  return fc.property(lcRunArb(o), ([s, cmds]) => {
    runLcScenario(s, cmds, o);
  });
}

/** The replay path fast-check prints with a counterexample's commands (`/*replayPath="..."*\/`). */
export function commandsReplayPath(run: LcRun): string | null {
  return /replayPath="([^"]*)"/.exec(String(run[1]))?.[1] ?? null;
}

/** The commands of a shrunk counterexample that actually ran. */
export function ranCommands(run: LcRun): string[] {
  return [...run[1]].filter((c) => (c as { hasRan?: boolean }).hasRan !== false).map(String);
}

// ---------------------------------------------------------------------------
// Replaying a trace into the reference model (for the corrected twin of a literal counterexample)

/** Feeds trace steps to the reference model as the commands would (refused requests change nothing). */
export function replayIntoModel(m: LcModel, steps: readonly Step[]): void {
  for (const s of steps) {
    const mine = (pair: unknown) => m.pair !== null && pair === m.pair.id;
    switch (s.op) {
      case 'write': {
        const d = s.data as { fill: number; length: number };
        const data = new Uint8Array(d.length).fill(d.fill);
        if (s.volume === ORIG) m.applyOrigWrite(s.offset as number, data);
        else if (m.expectCopyWrite() === null) m.applyCopyWrite(s.offset as number, data);
        break;
      }
      case 'pairCreate': {
        const area = (s.extents as Extent[] | undefined) ?? null;
        if (m.expectCreate(area) === null) m.applyCreate(s.id as string, area);
        break;
      }
      case 'pairDivide': if (mine(s.pair) && m.expectDivide() === null) m.applyDivide(); break;
      case 'extentUpdate': if (mine(s.pair) && m.expectExtentUpdate(s.extents as Extent[]) === null) m.applyExtentUpdate(s.extents as Extent[]); break;
      case 'extentDivide': if (mine(s.pair) && m.expectExtentDivide() === null) m.applyExtentDivide(s.extents as Extent[]); break;
      case 'extentCouple': if (mine(s.pair) && m.expectCouple() === null) m.applyCouple(); break;
      case 'pairDelete': if (mine(s.pair)) m.applyDelete(); break;
      case 'step': if (mine(s.pair)) m.applyStep((s.tracks as number | undefined) ?? 1); break;
      case 'settle': if (m.pair) m.applySettle(); break;
      default: break;
    }
  }
}

/** The form of an observation step (a witness) that the model says must hold now. */
export function expectedObservation(m: LcModel, actual: Step): Step {
  const { expectError: _e, expect: _x, ...bare } = actual as Step & { expectError?: unknown; expect?: Record<string, unknown> };
  const base: Step = { ...bare, op: actual.op };
  if (actual.op === 'check') return base;
  if (actual.op === 'read') {
    const offset = actual.offset as number;
    const length = actual.length as number;
    if (actual.volume === ORIG) return { ...base, expect: dataOf(m.orig.subarray(offset, offset + length)) };
    const tracks = touched(m, offset, length);
    if (tracks.some((t) => m.route(t) === 'refused')) return { ...base, expectError: 'INVALID_STATE' };
    const out = new Uint8Array(length);
    for (const t of tracks) {
      const w = m.expectedCopyTrack(t);
      if (w === null) throw new Error(`model: copy track ${t} is not predictable`);
      const a = Math.max(offset, t * m.tb);
      const b = Math.min(offset + length, (t + 1) * m.tb);
      out.set(w.subarray(a - t * m.tb, b - t * m.tb), a - offset);
    }
    return { ...base, expect: dataOf(out) };
  }
  if (actual.op === 'status') {
    const p = m.pair;
    if (!p || p.id !== actual.pair) return { ...base, expectError: 'NOT_FOUND' };
    const asked = (actual as { expect?: Record<string, unknown> }).expect ?? {};
    const expect: Record<string, unknown> = {};
    if ('state' in asked || Object.keys(asked).length === 0) expect.state = p.state;
    if ('processes' in asked) expect.processes = procsOf(m);
    if ('bits' in asked) expect.bits = { div: 0, upd: 0 };
    if ('updateExtents' in asked) expect.updateExtents = p.updateExtents;
    if ('dividedExtents' in asked) expect.dividedExtents = p.dividedExtents;
    return { ...base, expect };
  }
  throw new Error(`no expected form for ${json(actual)}`);
}

// ---------------------------------------------------------------------------
// Property definitions (properties/index.ts)

/** One property definition over this harness: the corrected model, `opts` steering the commands. */
export function lcDefinition(id: string, title: string, opts: LcPropertyOptions, numRuns = DEFAULT_LC_RUNS, witnesses: readonly string[] = LC_WITNESSES): PropertyDefinition {
  return harnessDefinition(lcProperty, id, title, opts, numRuns, witnesses);
}

export const DEFAULT_LC_RUNS = 200;

/** Weights for an eighth-embodiment pair: the ninth/seventh requests are only tried (always refused). */
export const AREA_LC_WEIGHTS: LcWeights = {
  ...DEFAULT_LC_WEIGHTS, extentUpdate: 1, extentDivide: 1, couple: 1, divide: 6, delete: 2, create: 5,
};

/** Reach keys every whole-volume model run must hit: all eight states, every request accepted. */
export const ALL_STATES_KEYS: readonly string[] = LC_STATES.map((s) => `state:${s}`);
export const ALL_REQUESTS_KEYS: readonly string[] = LC_REQUESTS.map((r) => `accepted:${r}`);
/** The corrected machine's state changes (spec/local-copy.table.json, non-literal rows). */
export const CORRECTED_TRANSITION_KEYS: readonly string[] = [
  'none->generating', 'generating->generated', 'generating->dividing', 'generated->dividing', 'generated->extentDividing',
  'dividing->divided', 'divided->extentUpdating', 'extentUpdating->divided', 'extentDividing->extentDivided',
  'extentDivided->extentCoupling', 'extentCoupling->generated',
  ...LC_STATES.map((s) => `${s}->deleted`),
].map((t) => `transition:${t}`);
