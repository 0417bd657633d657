/**
 * RC-F-3.productionAvailability (spec/remote-copy.md RC-F-3, RC-F-4): failures on the copy side
 * never stop production. Remote pairs of every fence level copy areas of one source volume while
 * the target system's RAID5 group loses devices, within and beyond what it survives, at any
 * point: during the initial copy, in `duplex`, after a suspension, during a resynchronisation;
 * with the path going down and up, the target system failing, replacements and rebuilds.
 *
 * Proved after every command, as trace-v1 steps (properties/rc/rc-trace.ts):
 * - **production availability**: a host write to the source, whose own storage is healthy, is
 *   refused only as the fence levels say: `LINK_DOWN`/`SYSTEM_FAILED` for a `data` or `status`
 *   pair that must transfer while the path is down or the target failed (RC-W-6, RC-F-4),
 *   `DATA_LOSS` for a `data` pair whose target lost data (RC-F-3); never for a `never` pair;
 * - **no acknowledged write lost**: the source reads back every acknowledged byte;
 * - **suspension by error records**: a write that suspended a pair by error, and every later
 *   write into its area, is set in its difference bitmap; it never names a `data` pair, and the
 *   target it suspended is not in `acknowledgedAfter`;
 * - the model's own invariants (`check`: RC-INV-1..RC-INV-3 where the target still reads).
 *
 * The reference is the source's bytes; the pair states are the model's own (read, not
 * predicted: which stripes of the target a write needs depends on the RAID layout, so whether
 * a write meets lost data is the model's to say, and the claims above hold either way).
 */
import { toHex } from '../../src/trace/data.ts';
import { firstDiff } from '../harness/bytes.ts';
import fc from 'fast-check';
import { attempt, exec, TraceRun, type Outcome, type Step } from './rc-trace.ts';
import { bump, type Counters, harnessDefinition, pattern, type PropertyDefinition } from '../harness/support.ts';
import { CommandFailure, finalCheck, traced } from '../harness/trace-failure.ts';
import { checkWitness } from './rc-trace.ts';
import { SequenceCommand, StepCommand, type StepReference, TraceCommand, transitions } from './rc-step-command.ts';
import type { RemotePair } from '../../src/remote-copy/remote-pair.ts';
import type { RaidGroup } from '../../src/raid/raid-group.ts';

const TRACK = 65536;
const TRACKS = 8;
const DEVICES = 4;
type Fence = 'never' | 'data' | 'status';

export interface StorageLostOptions {
  readonly reached?: Counters | undefined;
}

interface Reference extends StepReference {
  readonly bytes: Uint8Array;
  /** Pairs resynchronised out of `suspendedByError` (their target lost data or was re-created). */
  readonly resynced: Set<string>;
}

type Cmd = fc.Command<Reference, TraceRun>;

const pairs = (r: TraceRun): RemotePair[] => [...r.ctx.model.remote.pairs.values()];
const targetGroup = (r: TraceRun): RaidGroup => r.ctx.model.systems.get('T')!.groups.get('RG')!;
const targetLost = (r: TraceRun): boolean => targetGroup(r).health.lost;
const live = (p: RemotePair): boolean => p.state === 'copying' || p.state === 'duplex';
const tracksOf = (offset: number, length: number): number[] => {
  const out: number[] = [];
  for (let t = Math.floor(offset / TRACK); t * TRACK < offset + length; t++) out.push(t);
  return out;
};
const touches = (p: RemotePair, tracks: readonly number[]): boolean => tracks.some((t) => p.area.some(([a, b]) => t >= a && t <= b));

/** What the fence levels allow a write refused with, given the pairs it touches (RC-W-6, RC-F-3, RC-F-4). */
function allowedForWrite(r: TraceRun, tracks: readonly number[]): Outcome[] {
  const allowed = new Set<Outcome>(['ok']);
  const linkUp = r.ctx.model.linkUp('S', 'T');
  const tFailed = r.ctx.model.systems.get('T')!.failed;
  for (const p of pairs(r)) {
    if (!touches(p, tracks) || p.fence === 'never') continue;
    if (live(p) && !linkUp) allowed.add('LINK_DOWN');
    if (live(p) && tFailed) allowed.add('SYSTEM_FAILED');
    if (p.fence === 'data' && ((live(p) && targetLost(r)) || p.state === 'suspendedByError')) allowed.add('DATA_LOSS');
  }
  return [...allowed];
}

/** A host write to the source: refused only as the fence levels say (RC-W-6, RC-F-3, RC-F-4). */
class WriteCommand extends TraceCommand<Reference> {
  constructor(readonly offset: number, readonly length: number, readonly seed: number) {
    super();
  }
  protected apply(m: Reference, r: TraceRun): void {
    const tracks = tracksOf(this.offset, this.length);
    const before = m.states(r);
    const data = pattern(this.length, this.seed);
    const out = exec(r, { op: 'write', system: 'S', volume: 'V', offset: this.offset, data: { hex: toHex(data) } }, allowedForWrite(r, tracks));
    bump(m.reached, 'commands');
    if (out.ok) {
      m.bytes.set(data, this.offset);
      this.judge(m, r, out as unknown as { acknowledgedAfter: string[]; suspendedByError?: string[] }, tracks, before);
    } else bump(m.reached, `refused:${out.error!.code}`);
    verifySource(m, r, this.offset, this.length);
  }
  private judge(m: Reference, r: TraceRun, f: { acknowledgedAfter: string[]; suspendedByError?: string[] }, tracks: number[], before: Map<string, string>): void {
    for (const id of f.suspendedByError ?? []) {
      const p = r.ctx.model.remote.pair(id);
      if (p.fence === 'data') throw new CommandFailure(`write: data pair ${id} was suspended by error; fence data refuses instead (RC-F-3)`, [], true);
      if (f.acknowledgedAfter.includes(p.targetKey)) throw new CommandFailure(`write: acknowledged after ${p.targetKey}, whose pair ${id} it suspended by error`, [], true);
      bump(m.reached, `storageLost:write:${before.get(id)}`);
      bump(m.reached, `storageLost:fence:${p.fence}`);
    }
    for (const p of pairs(r)) {
      if (p.state !== 'suspendedByError' || !touches(p, tracks)) continue;
      if (!(f.suspendedByError ?? []).includes(p.id)) bump(m.reached, 'write:whileSuspendedByError');
      for (const t of tracks) {
        const inside = p.area.some(([a, b]) => t >= a && t <= b);
        if (inside && !p.bits.get(t)) throw new CommandFailure(`write: pair ${p.id} is suspended by error but track ${t} of the write is not set in its bitmap (RC-F-3, RC-W-5)`, [], true);
      }
    }
  }
  toString(): string {
    return `write(${this.offset}, ${this.length})`;
  }
}

const reachable = (r: TraceRun): Outcome[] => {
  const out: Outcome[] = [];
  if (!r.ctx.model.linkUp('S', 'T')) out.push('LINK_DOWN');
  if (r.ctx.model.systems.get('T')!.failed) out.push('SYSTEM_FAILED');
  return out;
};

function copyStep(id: string, tracks: number): Cmd {
  return new StepCommand({ op: 'step', pair: id, tracks }, (r) => ['ok', 'NOT_FOUND', ...reachable(r)], `step(${id}, ${tracks})`, (m, r, b) => transitions(m, r, b, 'step'));
}

function request(op: 'pairResync' | 'pairSuspend' | 'pairDelete', id: string): Cmd {
  return new StepCommand({ op, pair: id }, (r) => ['ok', 'INVALID_STATE', 'NOT_FOUND', ...(op === 'pairResync' ? reachable(r) : [])], `${op}(${id})`, (m, r, b) => {
    transitions(m, r, b, op);
    if (op === 'pairResync' && b.get(id) === 'suspendedByError' && r.ctx.model.remote.pairs.get(id)?.state === 'copying') m.resynced.add(id);
    if (op === 'pairDelete') m.resynced.delete(id);
  });
}

function deviceFail(d: number): Cmd {
  return new StepCommand({ op: 'deviceFail', system: 'T', raidGroup: 'RG', device: d }, (r) => (r.ctx.model.systems.get('T')!.failed ? ['SYSTEM_FAILED'] : ['ok', 'INVALID_STATE']), `deviceFail(T, ${d})`, (m, r) => {
    if (targetLost(r)) bump(m.reached, 'targetGroupLost');
  });
}

/** RAID-F-6: replacing a device of the lost group re-creates it and suspends its pairs by error. */
function deviceReplace(d: number): Cmd {
  return new StepCommand({ op: 'deviceReplace', system: 'T', raidGroup: 'RG', device: d }, () => ['ok', 'INVALID_STATE', 'SYSTEM_FAILED'], `deviceReplace(T, ${d})`, (m, r, b) => {
    if (targetGroup(r).hasLostBytes()) bump(m.reached, 'targetGroupRecreated');
    transitions(m, r, b, 'deviceReplace');
  });
}

const rebuildStep = (n: number): Cmd => new StepCommand({ op: 'step', process: 'rebuild:T:RG', tracks: n }, () => ['ok', 'NOT_FOUND', 'SYSTEM_FAILED', 'DATA_LOSS', 'INVALID_STATE'], `rebuild(${n})`);
const link = (up: boolean): Cmd => new StepCommand({ op: up ? 'linkUp' : 'linkDown', between: ['S', 'T'] }, () => ['ok', 'INVALID_STATE'], up ? 'linkUp' : 'linkDown', (m, r, b) => transitions(m, r, b, up ? 'linkUp' : 'linkDown'));
const failTarget = (): Cmd => new StepCommand({ op: 'systemFail', system: 'T' }, () => ['ok', 'SYSTEM_FAILED'], 'systemFail(T)', (m, r, b) => transitions(m, r, b, 'systemFail'));

/** The operator's repair (RAID-F-2, RAID-F-6), then a resynchronisation of one pair run to its end (RC-R-2). */
const repairAndResync = (id: string): Cmd =>
  new SequenceCommand([...Array.from({ length: DEVICES }, (_, d) => deviceReplace(d)), rebuildStep(64), request('pairResync', id), copyStep(id, TRACKS), check()], `repairAndResync(${id})`);

/** Offsets biased to the areas' edges and track boundaries (CHK-6). */
const offsetArb = fc.oneof(
  fc.nat({ max: TRACKS * TRACK - 1 }),
  fc.tuple(fc.nat({ max: TRACKS }), fc.integer({ min: -512, max: 512 })).map(([t, d]) => Math.min(TRACKS * TRACK - 1, Math.max(0, t * TRACK + d))),
);

function commandsArb(ids: readonly string[]): fc.Arbitrary<Iterable<Cmd>> {
  const id = fc.constantFrom(...ids);
  const write = fc.tuple(offsetArb, fc.integer({ min: 1, max: 2 * TRACK }), fc.nat()).map(([o, n, s]) => new WriteCommand(o, Math.min(n, TRACKS * TRACK - o), s));
  return fc.commands(
    [
      write, write, write, write,
      fc.tuple(id, fc.integer({ min: 1, max: 4 })).map(([p, n]) => copyStep(p, n)),
      fc.tuple(id, fc.integer({ min: 1, max: 4 })).map(([p, n]) => copyStep(p, n)),
      fc.nat({ max: DEVICES - 1 }).map(deviceFail),
      fc.nat({ max: DEVICES - 1 }).map(deviceFail),
      fc.nat({ max: DEVICES - 1 }).map(deviceReplace),
      fc.integer({ min: 1, max: 8 }).map(rebuildStep),
      id.map((p) => request('pairResync', p)),
      id.map((p) => request('pairResync', p)),
      id.map((p) => request('pairSuspend', p)),
      fc.constant(null).map(() => request('pairDelete', ids[0]!)),
      fc.boolean().map(link),
      fc.nat({ max: 5 }).map((n) => (n === 0 ? failTarget() : check())),
      fc.constant(null).map(check),
      id.map(repairAndResync),
    ],
    { size: '+1', maxCommands: 80 },
  );
}

interface Scenario {
  readonly fences: readonly Fence[];
  /** Area of pair i: tracks [cuts[i], cuts[i+1]-1]. */
  readonly cuts: readonly number[];
  readonly copied: readonly number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(fc.array(fc.constantFrom<Fence>('never', 'data', 'status'), { minLength: 1, maxLength: 3 }), fc.uniqueArray(fc.integer({ min: 1, max: TRACKS - 1 }), { maxLength: 2 }), fc.array(fc.nat({ max: 4 }), { minLength: 3, maxLength: 3 }))
  .map(([fences, inner, copied]) => {
    const cuts = [0, ...[...inner].sort((a, b) => a - b).slice(0, fences.length - 1), TRACKS];
    return { fences: fences.slice(0, cuts.length - 1), cuts, copied };
  });

function setup(s: Scenario, m: Reference, r: TraceRun): void {
  const group = { id: 'RG', level: 'raid5', devices: DEVICES, deviceBytes: 16 * TRACK, stripeUnitBytes: 16384 };
  const steps: Step[] = [
    { op: 'system', id: 'S', ldevBytes: 4 * TRACK, raidGroups: [group] },
    { op: 'system', id: 'T', ldevBytes: 4 * TRACK, raidGroups: [group] },
    { op: 'link', between: ['S', 'T'] },
    { op: 'volume', system: 'S', id: 'V', emulation: 'OPEN-V', bytes: TRACKS * TRACK },
    { op: 'write', system: 'S', volume: 'V', offset: 0, data: { fill: 1, length: TRACKS * TRACK } },
  ];
  s.fences.forEach((fence, i) => {
    steps.push({ op: 'pairCreate', kind: 'remote', id: `P${i}`, source: 'S:V', target: 'T', extents: [[s.cuts[i]!, s.cuts[i + 1]! - 1]], fence });
    if (s.copied[i]! > 0) steps.push({ op: 'step', pair: `P${i}`, tracks: s.copied[i]! });
  });
  traced(r, () => {
    for (const step of steps) exec(r, step, ['ok']);
  });
  m.bytes.fill(1);
}

/** No acknowledged write lost: the source reads back [offset, offset+length) as acknowledged. */
function verifySource(m: Reference, r: TraceRun, offset: number, length: number): void {
  const got = r.ctx.model.systems.get('S')!.volume('V').read(offset, length);
  const i = firstDiff(got, m.bytes.subarray(offset, offset + got.length));
  if (i >= 0) throw new CommandFailure(`source byte ${offset + i} reads ${got[i]}, the host was acknowledged ${m.bytes[offset + i]}`, [], true);
}

/**
 * Resync complete (RC-F-3, RAID-F-6): a pair back in `duplex` after a resynchronisation out of
 * `suspendedByError` reads on the target exactly what the source holds in its area, byte for
 * byte and with no lost byte, while the target's group still holds its data.
 */
function verifyResynced(m: Reference, r: TraceRun): void {
  if (r.ctx.model.systems.get('T')!.failed || targetLost(r)) return;
  for (const p of pairs(r)) {
    if (p.state !== 'duplex' || !m.resynced.has(p.id)) continue;
    for (const [a, b] of p.area) {
      const offset = a * TRACK;
      const length = (b - a + 1) * TRACK;
      const got = attempt(() => p.target.read(offset, length));
      if (!got.ok) throw new CommandFailure(`pair ${p.id} is duplex after a resync out of suspendedByError, but its target refuses tracks ${a}-${b}: ${got.message}`, [], true);
      const i = firstDiff(got.value, m.bytes.subarray(offset, offset + got.value.length));
      if (i >= 0) throw new CommandFailure(`pair ${p.id} is duplex after a resync out of suspendedByError, but target byte ${offset + i} reads ${got.value[i]}, the source holds ${m.bytes[offset + i]}`, [], true);
    }
    bump(m.reached, 'resyncComplete');
  }
}

/** The model's own invariants (`check`), as a command and at the end of every run. */
function verify(m: Reference, r: TraceRun): void {
  verifySource(m, r, 0, TRACKS * TRACK);
  verifyResynced(m, r);
  const c = checkWitness(r);
  if (c) throw new CommandFailure(c.message, [c.witness], true);
}

const check = (): Cmd => ({ check: () => true, run: (m, r) => traced(r, () => verify(m, r)), toString: () => 'check' });

type Run = [Scenario, Iterable<Cmd>];

const runArb: fc.Arbitrary<Run> = scenarioArb.chain((s) => fc.tuple(fc.constant(s), commandsArb(s.fences.map((_, i) => `P${i}`))));

export function storageLostProperty(o: StorageLostOptions = {}): fc.IPropertyWithHooks<[Run]> {
  return fc.property(runArb, ([s, cmds]) => {
    const m: Reference = { bytes: new Uint8Array(TRACKS * TRACK), resynced: new Set(), reached: o.reached, states: (x) => new Map(pairs(x).map((p) => [p.id, p.state])), gone: 'simplex' };
    const r = new TraceRun('corrected');
    setup(s, m, r);
    bump(o.reached, 'runs');
    fc.modelRun(() => ({ model: m, real: r }), cmds);
    finalCheck(r, () => traced(r, () => verify(m, r)));
  });
}

export const STORAGE_LOST_WITNESSES: readonly string[] = [
  'targetGroupLost', 'storageLost:write:duplex', 'storageLost:write:copying', 'storageLost:step:copying', 'storageLost:fence:never', 'storageLost:fence:status',
  'refused:DATA_LOSS', 'refused:LINK_DOWN', 'write:whileSuspendedByError', 'via:suspendedByError-pairResync->copying', 'via:suspendedByError-pairDelete->simplex',
  'targetGroupRecreated', 'storageLost:deviceReplace:suspended', 'resyncComplete',
];

export const rcFStorageLost: readonly PropertyDefinition[] = [
  harnessDefinition(storageLostProperty, 'RC-F-3.productionAvailability', 'target storage lost: never and status pairs suspend by error and keep acknowledging, data pairs refuse, no acknowledged write is lost', {}, 200, STORAGE_LOST_WITNESSES),
];
