/**
 * The consistency-group properties (spec/consistency-groups.md), as trace-v1 steps:
 *
 * - **CG-INV-1.atTimeSplit**: three local pairs of one group, host writes to their originals
 *   interleaved with copy steps, at-time splits (`pairDivide` with `group`, CG-R-2) in any
 *   state, and re-creation of the group. After every command each divided member's copy, as
 *   the host reads it, equals its original as of the split.
 * - **CG-INV-2.groupConsistency**: three remote pairs of one group to two target systems,
 *   writes, copy steps, a member's suspension (CG-R-3), path failures, target RAID groups losing
 *   devices beyond their level and being repaired, group resynchronisation. After every command
 *   no group is split (CG-INV-3: `check`'s checker), every source write is acknowledged
 *   (fence `never`: production never stops), and after a suspension reached from all-duplex
 *   every target reads, wherever readable, its source as of the instant before the suspending
 *   step (CG-F-1).
 */
import fc from 'fast-check';
import { checkGroups } from '../../src/check/group-checks.ts';
import { ERROR_CODES } from '../../src/errors.ts';
import { bump, type Counters, harnessDefinition, pattern, type PropertyDefinition } from '../harness/support.ts';
import { CommandFailure } from '../harness/trace-failure.ts';
import { exec, type Outcome, type Step, type TraceRun } from '../rc/rc-trace.ts';
import { SequenceCommand, TraceCommand } from '../rc/rc-step-command.ts';
import { type CgModel, createSteps, GROUP, memberCount, REMOTE_PAIRS, setup, sourceBytes, states, TRACK, TRACKS, verifyLocal, verifyRemote, VOLUMES } from './cg-world.ts';

type Kind = 'local' | 'remote';
type Cmd = fc.Command<CgModel, TraceRun>;
const ANY: Outcome[] = ['ok', ...ERROR_CODES];

/** One step (writes must be acknowledged, anything else may be refused), then the group invariants. */
class CgCommand extends TraceCommand<CgModel> {
  constructor(
    readonly kind: Kind,
    readonly steps: readonly Step[],
    readonly label: string,
  ) {
    super();
  }

  protected apply(m: CgModel, r: TraceRun): void {
    const before = states(r, this.kind);
    const images = this.kind === 'remote' && m.images.every((i) => i === null) && before.every((s) => s === 'duplex') ? REMOTE_PAIRS.map((p) => sourceBytes(r, p.volume)) : null;
    const splitImages = this.steps.some((s) => s.op === 'pairDivide') ? VOLUMES.map((_, i) => sourceBytes(r, i)) : null;
    const outcomes = this.steps.map((s) => exec(r, s, s.op === 'write' ? ['ok'] : ANY).ok);
    bump(m.reached, 'commands');
    const after = states(r, this.kind);
    if (this.kind === 'local') return this.afterLocal(m, r, before, outcomes, splitImages);
    this.afterRemote(m, r, before, after, images);
  }

  private afterLocal(m: CgModel, r: TraceRun, before: string[], outcomes: boolean[], split: Uint8Array[] | null): void {
    const op = this.steps[0]!.op;
    if (op === 'pairDivide' && outcomes[0]) {
      m.images = split!;
      bump(m.reached, 'atTimeSplit');
      bump(m.reached, before.includes('generating') ? 'atTimeSplit:generating' : 'atTimeSplit:generated');
    }
    if (op === 'pairDelete' && outcomes[0]) m.images = VOLUMES.map(() => null);
    if (op === 'write' && m.images.some((i) => i !== null)) bump(m.reached, 'writeAfterSplit');
    verifyLocal(m, r);
  }

  private afterRemote(m: CgModel, r: TraceRun, before: string[], after: string[], images: Uint8Array[] | null): void {
    const split = checkGroups(r.ctx.model);
    if (split.length > 0) throw new CommandFailure(`${split[0]!.invariant}: ${split[0]!.message}`, [{ actual: { op: 'check', expectError: 'INVARIANT_VIOLATED' }, expected: { op: 'check' } }], false);
    const suspended = (s: string) => s === 'suspended' || s === 'suspendedByError';
    if (!before.some(suspended) && after.some(suspended)) {
      const first = REMOTE_PAIRS.map((_, i) => r.ctx.model.remote.pair(`p${i}`)).find((p) => p.suspendReason !== 'group');
      bump(m.reached, `groupSuspended:${first?.suspendReason ?? 'none'}`);
      bump(m.reached, `groupSuspended:${first?.suspendReason ?? 'none'}:${this.steps.at(-1)!.op}`);
      if (images) m.images = images;
    }
    if (before.some(suspended) && !after.some(suspended)) {
      m.images = REMOTE_PAIRS.map(() => null);
      bump(m.reached, 'groupResynced');
    }
    verifyRemote(m, r);
  }

  toString(): string {
    return this.label;
  }
}

const offsetArb = fc.oneof(
  fc.nat({ max: TRACKS * TRACK - 1 }),
  fc.tuple(fc.nat({ max: TRACKS }), fc.integer({ min: -64, max: 64 })).map(([t, d]) => Math.min(TRACKS * TRACK - 1, Math.max(0, t * TRACK + d))),
);

function write(kind: Kind): fc.Arbitrary<Cmd> {
  return fc.tuple(fc.nat({ max: VOLUMES.length - 1 }), offsetArb, fc.integer({ min: 1, max: 2 * TRACK }), fc.nat()).map(([v, o, n, seed]) => {
    const length = Math.min(n, TRACKS * TRACK - o);
    const step = { op: 'write', system: 'P', volume: VOLUMES[v]!, offset: o, data: { hex: Buffer.from(pattern(length, seed)).toString('hex') } };
    return new CgCommand(kind, [step], `write(${VOLUMES[v]}, ${o}, ${length})`);
  });
}

const one = (kind: Kind, step: Step, label: string): Cmd => new CgCommand(kind, [step], label);
const copyStep = (kind: Kind) => fc.tuple(fc.nat({ max: memberCount(kind) - 1 }), fc.integer({ min: 1, max: 5 })).map(([i, n]) => one(kind, { op: 'step', pair: `p${i}`, tracks: n }, `step(p${i}, ${n})`));

/** Every member's copy to its end (a settle of the group only). */
const copyAll = (kind: Kind): Cmd => new CgCommand(kind, Array.from({ length: memberCount(kind) }, (_, i) => ({ op: 'step', pair: `p${i}`, tracks: TRACKS })), 'copyAll');

function localCommands(): fc.Arbitrary<Cmd>[] {
  const recreate = new SequenceCommand<CgModel>([one('local', { op: 'pairDelete', group: GROUP }, 'pairDelete(g)'), ...createSteps('local').map((s) => one('local', s, `pairCreate(${String(s.id)})`))], 'recreateGroup');
  return [
    write('local'), write('local'), write('local'),
    copyStep('local'), copyStep('local'), fc.constant(copyAll('local')),
    fc.constant(one('local', { op: 'pairDivide', group: GROUP }, 'pairDivide(g)')),
    fc.constant(recreate),
  ];
}

/** A target system's group loses two devices (beyond RAID5), or is repaired and rebuilt. */
const targetGroup = (s: string) => `${s.toLowerCase()}0`;
function lose(s: string): Cmd {
  return new SequenceCommand<CgModel>([0, 1].map((d) => one('remote', { op: 'deviceFail', system: s, raidGroup: targetGroup(s), device: d }, `deviceFail(${s}, ${d})`)), `loseGroup(${s})`);
}
function repair(s: string): Cmd {
  const steps = [0, 1, 2, 3].map((d) => one('remote', { op: 'deviceReplace', system: s, raidGroup: targetGroup(s), device: d }, `deviceReplace(${s}, ${d})`));
  return new SequenceCommand<CgModel>([...steps, one('remote', { op: 'step', process: `rebuild:${s}:${targetGroup(s)}`, tracks: 1000 }, 'rebuild')], `repair(${s})`);
}

function remoteCommands(): fc.Arbitrary<Cmd>[] {
  const site = fc.constantFrom('S', 'T');
  return [
    write('remote'), write('remote'), write('remote'), write('remote'),
    copyStep('remote'), copyStep('remote'), fc.constant(copyAll('remote')),
    fc.nat({ max: REMOTE_PAIRS.length - 1 }).map((i) => one('remote', { op: 'pairSuspend', pair: `p${i}` }, `pairSuspend(p${i})`)),
    fc.constant(one('remote', { op: 'pairResync', group: GROUP }, 'pairResync(g)')),
    fc.tuple(site, fc.boolean()).map(([s, up]) => one('remote', { op: up ? 'linkUp' : 'linkDown', between: ['P', s] }, `${up ? 'linkUp' : 'linkDown'}(${s})`)),
    fc.tuple(site, fc.nat({ max: 3 })).map(([s, d]) => one('remote', { op: 'deviceFail', system: s, raidGroup: targetGroup(s), device: d }, `deviceFail(${s}, ${d})`)),
    site.map(lose),
    site.map(repair),
  ];
}

function property(kind: Kind, reached: Counters | undefined): fc.IProperty<any> {
  const cmds = fc.commands(kind === 'local' ? localCommands() : remoteCommands(), { size: '+1', maxCommands: 60 });
  return fc.property(fc.tuple(fc.constant(kind), cmds), ([, commands]) => {
    const r = setup(kind);
    if (kind === 'remote') for (let i = 0; i < memberCount(kind); i++) exec(r, { op: 'step', pair: `p${i}`, tracks: TRACKS }, ['ok']); // all duplex: the interesting start
    const m: CgModel = { reached, images: Array.from({ length: memberCount(kind) }, () => null) };
    bump(reached, 'runs');
    fc.modelRun(() => ({ model: m, real: r }), commands);
  });
}

const LOCAL_WITNESSES = ['atTimeSplit', 'atTimeSplit:generating', 'atTimeSplit:generated', 'writeAfterSplit', 'imageChecked'];
const REMOTE_WITNESSES = ['groupSuspended:request', 'groupSuspended:link', 'groupSuspended:storage', 'groupSuspended:storage:write', 'groupSuspended:storage:step', 'groupResynced', 'imageChecked'];

export const cgInvAtTimeSplit: PropertyDefinition[] = [
  harnessDefinition((o: { reached?: Counters }) => property('local', o.reached), 'CG-INV-1.atTimeSplit', 'group point in time: an at-time split divides every local pair of the group at one instant', {}, 200, LOCAL_WITNESSES),
];

export const cgInvGroupConsistency: PropertyDefinition[] = [
  harnessDefinition((o: { reached?: Counters }) => property('remote', o.reached), 'CG-INV-2.groupConsistency', 'group consistency: a remote group suspends at one instant, its targets the sources before it', {}, 200, REMOTE_WITNESSES),
];

