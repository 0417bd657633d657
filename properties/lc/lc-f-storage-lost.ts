/**
 * LC-F-1.productionAvailability (spec/local-copy.md LC-F-1, LC-F-2): failures on the copy side
 * never stop production. A local pair (whole volume, or on extents) goes through every request
 * of the seventh to ninth embodiments while the copy volume's RAID5 group loses devices,
 * within and beyond what it survives, at any point, with replacements and rebuilds; the
 * original's own group stays healthy.
 *
 * Proved after every command, as trace-v1 steps:
 * - **production availability**: every host write to the original is acknowledged;
 * - **no acknowledged write lost**: the original reads back every acknowledged byte;
 * - **suspension by error records**: a write into the area of a pair suspended by error sets
 *   `gen` for each track it touches there, and reads of its copy volume are refused
 *   (`INVALID_STATE`: no point-in-time image);
 * - the model's own invariants (`check`: LC-INV-1..LC-INV-4 where the copy still reads).
 * The pair states are the model's own; whether a copy meets lost data depends on the RAID
 * layout, so it is the model's to say, and the claims hold either way.
 */
import { toHex } from '../../src/trace/data.ts';
import { firstDiff } from '../harness/bytes.ts';
import fc from 'fast-check';
import { attempt, exec, TraceRun, type Outcome, type Step } from '../rc/rc-trace.ts';
import { checkWitness } from '../rc/rc-trace.ts';
import { SequenceCommand, StepCommand, type StepReference, TraceCommand, transitions } from '../rc/rc-step-command.ts';
import { bump, type Counters, harnessDefinition, pattern, type PropertyDefinition } from '../harness/support.ts';
import { CommandFailure, finalCheck, traced } from '../harness/trace-failure.ts';
import type { LocalPair } from '../../src/local-copy/local-pair.ts';

const TRACK = 8192;
const TRACKS = 16;
const DEVICES = 4;
const BYTES = TRACK * TRACKS;

export interface LocalStorageLostOptions {
  readonly reached?: Counters | undefined;
}

interface Reference extends StepReference {
  readonly bytes: Uint8Array;
  /** Whether pair P was resynchronised out of `suspendedByError`. */
  resynced: boolean;
}

type Cmd = fc.Command<Reference, TraceRun>;

const pairOf = (r: TraceRun): LocalPair | undefined => r.ctx.model.localCopy.pairs.get('P');
const inArea = (p: LocalPair, t: number): boolean => p.area === null || p.area.some(([a, b]) => t >= a && t <= b);

/** No acknowledged write lost: the original reads back [offset, offset+length) as acknowledged. */
function verifyOriginal(m: Reference, r: TraceRun, offset: number, length: number): void {
  const got = r.ctx.model.systems.get('S')!.volume('ORIG').read(offset, length);
  const i = firstDiff(got, m.bytes.subarray(offset, offset + got.length));
  if (i >= 0) throw new CommandFailure(`original byte ${offset + i} reads ${got[i]}, the host was acknowledged ${m.bytes[offset + i]}`, [], true);
}

/** A host write to the original: always acknowledged (LC-F-1), recorded while suspended by error. */
class WriteCommand extends TraceCommand<Reference> {
  constructor(readonly offset: number, readonly length: number, readonly seed: number) {
    super();
  }
  protected apply(m: Reference, r: TraceRun): void {
    const before = m.states(r);
    const data = pattern(this.length, this.seed);
    const out = exec(r, { op: 'write', system: 'S', volume: 'ORIG', offset: this.offset, data: { hex: toHex(data) } }, ['ok']);
    bump(m.reached, 'commands');
    m.bytes.set(data, this.offset);
    const p = pairOf(r);
    if ((out as { suspendedByError?: string[] }).suspendedByError?.includes('P')) bump(m.reached, `storageLost:write:${before.get('P')}`);
    else if (p?.machineState === 'suspendedByError') bump(m.reached, 'write:whileSuspendedByError');
    if (p?.machineState === 'suspendedByError') this.judge(p);
    verifyOriginal(m, r, this.offset, this.length);
  }
  private judge(p: LocalPair): void {
    for (let t = Math.floor(this.offset / TRACK); t * TRACK < this.offset + this.length; t++) {
      if (inArea(p, t) && !p.bits.gen.get(t)) throw new CommandFailure(`write: pair P is suspended by error but track ${t} of the write is not set in gen (LC-F-1)`, [], true);
    }
  }
  toString(): string {
    return `write(${this.offset}, ${this.length})`;
  }
}

const copyGroupLost = (r: TraceRun): boolean => r.ctx.model.systems.get('S')!.groups.get('RGC')!.health.lost;

const step = (op: string, fields: Record<string, unknown>, allowed: Outcome[], label: string): Cmd =>
  new StepCommand<Reference>({ op, ...fields } as Step, () => allowed, label, (m, r, b) => {
    transitions(m, r, b, op);
    if (op === 'pairResync' && b.get('P') === 'suspendedByError' && pairOf(r)?.machineState === 'generating') m.resynced = true;
    if (op === 'pairDelete' && pairOf(r) === undefined) m.resynced = false;
    if (op === 'deviceReplace' && r.ctx.model.systems.get('S')!.groups.get('RGC')!.hasLostBytes()) bump(m.reached, 'copyGroupRecreated');
  });

const REQUEST: Outcome[] = ['ok', 'INVALID_STATE', 'INVALID_ARGUMENT', 'NOT_FOUND'];
const extentArb = fc.tuple(fc.nat({ max: TRACKS - 1 }), fc.nat({ max: 5 })).map(([a, n]) => [a, Math.min(TRACKS - 1, a + n)]);

/** A read of the copy volume: inside the area of a pair suspended by error refused (LC-F-1), else as the state says (LC-W-9). */
function copyRead(t: number): Cmd {
  const refused = (r: TraceRun) => {
    const p = pairOf(r);
    return p !== undefined && p.machineState === 'suspendedByError' && inArea(p, t);
  };
  return new StepCommand<Reference>({ op: 'read', system: 'S', volume: 'COPY', offset: t * TRACK, length: TRACK }, (r) => (refused(r) ? ['INVALID_STATE'] : ['ok', 'INVALID_STATE', 'DATA_LOSS']), `readCopy(${t})`, (m, r) => {
    if (refused(r)) bump(m.reached, 'copyRead:refused');
  });
}

/**
 * Resync complete (LC-F-2, RAID-F-6): pair P back in `generated` after a resynchronisation out
 * of `suspendedByError` reads on the copy, on every track of its area whose `gen` bit is 0,
 * exactly what the original holds, byte for byte and with no lost byte, while the copy's group
 * still holds its data (LC-INV-4 without its DATA_LOSS skip).
 */
function verifyResynced(m: Reference, r: TraceRun): void {
  const p = pairOf(r);
  if (!m.resynced || p?.machineState !== 'generated' || copyGroupLost(r)) return;
  for (let t = 0; t < TRACKS; t++) {
    if (!inArea(p, t) || p.bits.gen.get(t)) continue;
    const got = attempt(() => r.ctx.model.systems.get('S')!.volume('COPY').read(t * TRACK, TRACK));
    if (!got.ok) throw new CommandFailure(`pair P is generated after a resync out of suspendedByError, but its copy refuses track ${t} (gen 0): ${got.message}`, [], true);
    const i = firstDiff(got.value, m.bytes.subarray(t * TRACK, t * TRACK + got.value.length));
    if (i >= 0) throw new CommandFailure(`pair P is generated after a resync out of suspendedByError, but copy byte ${t * TRACK + i} (gen 0) reads ${got.value[i]}, the original holds ${m.bytes[t * TRACK + i]}`, [], true);
  }
  bump(m.reached, 'resyncComplete');
}

function check(): Cmd {
  return {
    check: () => true,
    run: (m, r) => traced(r, () => {
      verifyOriginal(m, r, 0, BYTES);
      verifyResynced(m, r);
      const c = checkWitness(r);
      if (c) throw new CommandFailure(c.message, [c.witness], true);
    }),
    toString: () => 'check',
  };
}

const replace = (d: number): Cmd => step('deviceReplace', { system: 'S', raidGroup: 'RGC', device: d }, ['ok', 'INVALID_STATE'], `deviceReplace(RGC, ${d})`);

/** The operator's repair (RAID-F-2, RAID-F-6), then a resynchronisation run to its end (LC-F-2). */
const repairAndResync = (): Cmd =>
  new SequenceCommand(
    [...Array.from({ length: DEVICES }, (_, d) => replace(d)), step('step', { process: 'rebuild:S:RGC', tracks: 64 }, ['ok', 'NOT_FOUND', 'DATA_LOSS', 'INVALID_STATE'], 'rebuild(64)'), step('pairResync', { pair: 'P' }, REQUEST, 'pairResync'), step('step', { pair: 'P', tracks: TRACKS }, ['ok', 'NOT_FOUND'], `step(${TRACKS})`), check()],
    'repairAndResync',
  );

const offsetArb = fc.oneof(
  fc.nat({ max: BYTES - 1 }),
  fc.tuple(fc.nat({ max: TRACKS }), fc.integer({ min: -64, max: 64 })).map(([t, d]) => Math.min(BYTES - 1, Math.max(0, t * TRACK + d))),
);

function commandsArb(): fc.Arbitrary<Iterable<Cmd>> {
  const write = fc.tuple(offsetArb, fc.integer({ min: 1, max: 2 * TRACK }), fc.nat()).map(([o, n, s]) => new WriteCommand(o, Math.min(n, BYTES - o), s));
  const device = fc.nat({ max: DEVICES - 1 });
  return fc.commands(
    [
      write, write, write, write,
      fc.integer({ min: 1, max: 4 }).map((n) => step('step', { pair: 'P', tracks: n }, ['ok', 'NOT_FOUND'], `step(${n})`)),
      fc.integer({ min: 1, max: 4 }).map((n) => step('step', { pair: 'P', tracks: n }, ['ok', 'NOT_FOUND'], `step(${n})`)),
      fc.constant(null).map(() => step('pairDivide', { pair: 'P' }, REQUEST, 'pairDivide')),
      extentArb.map((e) => step('extentUpdate', { pair: 'P', extents: [e] }, REQUEST, `extentUpdate(${e})`)),
      extentArb.map((e) => step('extentDivide', { pair: 'P', extents: [e] }, REQUEST, `extentDivide(${e})`)),
      fc.constant(null).map(() => step('extentCouple', { pair: 'P' }, REQUEST, 'extentCouple')),
      fc.constant(null).map(() => step('settle', {}, ['ok'], 'settle')),
      fc.constant(null).map(() => step('pairResync', { pair: 'P' }, REQUEST, 'pairResync')),
      device.map((d) => step('deviceFail', { system: 'S', raidGroup: 'RGC', device: d }, ['ok', 'INVALID_STATE'], `deviceFail(RGC, ${d})`)),
      device.map((d) => step('deviceFail', { system: 'S', raidGroup: 'RGC', device: d }, ['ok', 'INVALID_STATE'], `deviceFail(RGC, ${d})`)),
      device.map(replace),
      fc.integer({ min: 1, max: 8 }).map((n) => step('step', { process: 'rebuild:S:RGC', tracks: n }, ['ok', 'NOT_FOUND', 'DATA_LOSS', 'INVALID_STATE'], `rebuild(${n})`)),
      fc.nat({ max: TRACKS - 1 }).map(copyRead),
      fc.constant(null).map(repairAndResync),
      fc.nat({ max: 7 }).map((n) => (n === 0 ? step('pairDelete', { pair: 'P' }, REQUEST, 'pairDelete') : check())),
    ],
    { size: '+1', maxCommands: 80 },
  );
}

interface Scenario {
  /** A pair on extents (eighth embodiment), else the whole volume. */
  readonly extents: readonly number[][] | null;
  readonly copied: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  extents: fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(extentArb, { minLength: 1, maxLength: 2 }).filter((es) => es.every((e, i) => es.every((f, j) => i === j || e[1]! < f[0]! || f[1]! < e[0]!))) },
  ),
  copied: fc.nat({ max: TRACKS }),
});

function setup(s: Scenario, m: Reference, r: TraceRun): void {
  const group = (id: string) => ({ id, level: 'raid5', devices: DEVICES, deviceBytes: 2 * BYTES, stripeUnitBytes: 4096 });
  const steps: Step[] = [
    { op: 'system', id: 'S', ldevBytes: BYTES, raidGroups: [group('RGO'), group('RGC')] },
    { op: 'volume', system: 'S', id: 'ORIG', emulation: 'OPEN-V', bytes: BYTES, trackBytes: TRACK, raidGroup: 'RGO' },
    { op: 'volume', system: 'S', id: 'COPY', emulation: 'OPEN-V', bytes: BYTES, trackBytes: TRACK, raidGroup: 'RGC' },
    { op: 'write', system: 'S', volume: 'ORIG', offset: 0, data: { fill: 1, length: BYTES } },
    { op: 'pairCreate', kind: 'local', id: 'P', original: 'S:ORIG', copy: 'S:COPY', ...(s.extents ? { extents: s.extents } : {}) },
  ];
  if (s.copied > 0) steps.push({ op: 'step', pair: 'P', tracks: s.copied });
  traced(r, () => {
    for (const x of steps) exec(r, x, ['ok']);
  });
  m.bytes.fill(1);
}

type Run = [Scenario, Iterable<Cmd>];

export function localStorageLostProperty(o: LocalStorageLostOptions = {}): fc.IPropertyWithHooks<[Run]> {
  return fc.property(fc.tuple(scenarioArb, commandsArb()), ([s, cmds]) => {
    const states = (x: TraceRun) => new Map([...x.ctx.model.localCopy.pairs.values()].map((p) => [p.id, p.machineState as string]));
    const m: Reference = { bytes: new Uint8Array(BYTES), resynced: false, reached: o.reached, states, gone: 'deleted' };
    const r = new TraceRun('corrected');
    setup(s, m, r);
    bump(o.reached, 'runs');
    bump(o.reached, s.extents ? 'pair:extents' : 'pair:wholeVolume');
    fc.modelRun(() => ({ model: m, real: r }), cmds);
    finalCheck(r, () => check().run(m, r));
  });
}

export const LOCAL_STORAGE_LOST_WITNESSES: readonly string[] = [
  'pair:extents', 'pair:wholeVolume', 'storageLost:write:dividing', 'storageLost:step:generating', 'storageLost:step:dividing',
  'write:whileSuspendedByError', 'copyRead:refused', 'via:suspendedByError-pairResync->generating',
  'copyGroupRecreated', 'resyncComplete',
];

export const lcFStorageLost: readonly PropertyDefinition[] = [
  harnessDefinition(localStorageLostProperty, 'LC-F-1.productionAvailability', 'copy storage lost: the pair suspends by error, the original keeps taking writes, nothing acknowledged is lost, the copy is refused', {}, 200, LOCAL_STORAGE_LOST_WITNESSES),
];
