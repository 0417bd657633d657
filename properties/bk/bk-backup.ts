/**
 * The backup properties (spec/backup.md), as trace-v1 steps on the world of bk-world.ts:
 *
 * - **BK-INV-1.pointInTime**: host writes to the original, copy steps, reads of the copy, pair
 *   divisions, re-creations of the pair, notifications, a full backup stepped a few tracks at a time and
 *   restores interleave; every backup that completes restores to the original's image at the
 *   division, and a backup whose copy was formed again is aborted, never written.
 * - **BK-INV-2.incrementalChain**: after a division and a full backup, extent updates, their
 *   notifications and backups of just the updated extents; restoring every file in order gives
 *   each extent's image at its last update and the division's elsewhere. A truncated image of
 *   the tape is refused on load (or, cut after a whole file, holds only what was written), and
 *   a restore changes `restored` on exactly the file's extents (BK-INV-3).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ERROR_CODES } from '../../src/errors.ts';
import type { Extent } from '../../src/local-copy/extents.ts';
import { writeAwsTape } from '../../src/tape/tape-image.ts';
import { BACKUP_BLOCK_BYTES } from '../../src/backup/backup-file.ts';
import { bump, type Counters, harnessDefinition, pattern, type PropertyDefinition } from '../harness/support.ts';
import { CommandFailure } from '../harness/trace-failure.ts';
import { exec, type Outcome, type Step, type TraceRun } from '../rc/rc-trace.ts';
import { SequenceCommand, TraceCommand } from '../rc/rc-step-command.ts';
import { type BkModel, newModel, place, PROCESS, setup, TAPE, TRACK, verifyRestored, volumeBytes } from './bk-world.ts';

type Cmd = fc.Command<BkModel, TraceRun>;
const ANY: Outcome[] = ['ok', ...ERROR_CODES];
function fail(message: string): never {
  throw new CommandFailure(message, [], false);
}

/** One step and what the reference makes of it; then the tape and the backup are synced with the model. */
class BkCommand extends TraceCommand<BkModel> {
  constructor(readonly step: Step, readonly label: string, readonly after: (m: BkModel, r: TraceRun, ok: boolean, fields: Record<string, unknown>, before: Uint8Array) => void = () => {}) {
    super();
  }
  protected apply(m: BkModel, r: TraceRun): void {
    const before = volumeBytes(r, 'db');
    const out = exec(r, this.step, this.step.op === 'write' ? ['ok'] : ANY);
    bump(m.reached, 'commands');
    if (m.pending && (this.step.op === 'write' || this.step.op === 'read' || (this.step.op === 'step' && this.step.pair === 'bk'))) bump(m.reached, `${this.step.op}DuringBackup`);
    this.after(m, r, out.ok, out as Record<string, unknown>, before);
    sync(m, r);
  }
  toString(): string {
    return this.label;
  }
}

/** The backup's end as the model has it, the tape's file count, and an extent update settling. */
function sync(m: BkModel, r: TraceRun): void {
  const run = r.ctx.model.backup.backups.get(PROCESS);
  if (m.pending && run?.state === 'done') {
    if (run.file !== m.files.length + 1) fail(`BK-B-2: the backup wrote file ${run.file}, the tape held ${m.files.length}`);
    m.files.push(m.pending);
    bump(m.reached, 'backupDone');
    if (m.pending.extents.reduce((n, [a, b]) => n + b - a + 1, 0) * TRACK > BACKUP_BLOCK_BYTES) bump(m.reached, 'multiBlockFile');
    if (m.pending.extents.length !== 1 || m.pending.extents[0]![0] !== 0 || m.pending.extents[0]![1] !== m.tracks - 1) bump(m.reached, 'extentBackup');
    m.pending = null;
  }
  if (m.pending && run?.state === 'aborted') {
    if (m.formations === m.formationsAtStart) fail(`BK-B-3: the backup aborted (${run.abortReason}) though its copy was not formed again`);
    m.pending = null;
    bump(m.reached, 'backupAborted');
  }
  const files = r.ctx.model.backup.tapes.get(TAPE)?.files.length ?? 0;
  if (files !== m.files.length) fail(`BK-T-2: tape ${TAPE} holds ${files} files, the completed backups are ${m.files.length}`);
  // An extent is formed once its update copy ended (LC-C-3): the reference drops it when the pair does.
  const pair = r.ctx.model.localCopy.pairs.get('bk')!;
  const still = m.updating.filter(([a, b]) => pair.machineState === 'extentUpdating' && pair.updateExtents.some(([x, y]) => x === a && y === b));
  if (still.length < m.updating.length) bump(m.reached, 'updateSettled');
  m.updating = still;
}

/** The tracks the reference says are formed now: all but those being updated, or none. */
function formedTracks(m: BkModel): Extent[] {
  if (m.formed === null) return [];
  const out: Extent[] = [];
  let from = 0;
  for (const [a, b] of [...m.updating].sort((x, y) => x[0] - y[0])) {
    if (a > from) out.push([from, a - 1]);
    from = Math.max(from, b + 1);
  }
  if (from < m.tracks) out.push([from, m.tracks - 1]);
  return out;
}

const within = (area: readonly Extent[], e: Extent) => area.some(([x, y]) => x <= e[0] && e[1] <= y);

function divide(): Cmd {
  return new BkCommand({ op: 'pairDivide', pair: 'bk' }, 'pairDivide', (m, r, ok, _f, before) => {
    if (!ok) return;
    m.formed = before;
    m.updating = [];
    m.notified = null;
    m.formations++;
    bump(m.reached, 'divide');
  });
}

/** The pair deleted and created again: its copy is no longer the image told of (BK-N-2, BK-B-3). */
function recreate(): Cmd {
  return new BkCommand({ op: 'pairDelete', pair: 'bk' }, 'recreatePair', (m, r, ok) => {
    if (!ok) return;
    exec(r, { op: 'pairCreate', id: 'bk', kind: 'local', original: 'P:db', copy: 'P:dbcopy' }, ['ok']);
    m.formed = null;
    m.updating = [];
    m.notified = null;
    m.formations++;
  });
}

function extentUpdate(e: Extent): Cmd {
  return new BkCommand({ op: 'extentUpdate', pair: 'bk', extents: [e] }, `extentUpdate(${e[0]}-${e[1]})`, (m, _r, ok, _f, before) => {
    if (!ok) return;
    if (m.formed === null) fail('LC-R-3: an extent update was accepted of a pair the reference says is not divided');
    m.formed.set(before.subarray(e[0] * TRACK, (e[1] + 1) * TRACK), e[0] * TRACK); // LC-INV-2: the original at the request
    m.updating.push(e);
    m.notified = null;
    m.formations++;
    bump(m.reached, 'extentUpdate');
  });
}

/** BK-N-1: accepted exactly where the reference has a formed copy. */
function notify(e: Extent | null): Cmd {
  const step: Step = { op: 'notify', from: 'main', to: 'bkup', volume: 'P:dbcopy', ...(e ? { extents: [e] } : {}) };
  return new BkCommand(step, `notify(${e ? `${e[0]}-${e[1]}` : 'all'})`, (m, _r, ok, fields) => {
    const area = formedTracks(m);
    const want = area.length > 0 && (e === null || within(area, e));
    if (ok !== want) fail(`BK-N-1: notify of ${e ? `tracks ${e[0]}-${e[1]}` : 'the copy'} was ${ok ? 'accepted' : 'refused'}; the reference has ${area.length > 0 ? `formed ${JSON.stringify(area)}` : 'no formed copy'}`);
    if (ok) m.notified = fields.extents as Extent[];
  });
}

function backup(e: Extent | null): Cmd {
  const step: Step = { op: 'backup', host: 'bkup', tape: TAPE, volume: 'P:dbcopy', ...(e ? { extents: [e] } : {}) };
  return new BkCommand(step, `backup(${e ? `${e[0]}-${e[1]}` : 'notified'})`, (m, r, ok, fields) => {
    if (!ok) return;
    if (m.pending) fail('BK-B-1: a second backup to the tape started while one runs');
    if (m.formed === null || m.notified === null) fail('BK-N-3: a backup started without a notification of a formed copy');
    m.pending = { extents: fields.extents as Extent[], image: m.formed.slice() };
    m.formationsAtStart = m.formations;
    bump(m.reached, 'backupStarted');
    if (r.ctx.model.localCopy.pairs.get('bk')!.machineState === 'dividing') bump(m.reached, 'backupDuringDivision');
  });
}

function restore(k: number): Cmd {
  return new BkCommand({ op: 'restore', tape: TAPE, file: k, volume: 'P:restored' }, `restore(${k})`, (m, r, ok) => {
    const f = m.files[k - 1];
    const want = f !== undefined && m.pending === null; // a tape a backup is writing is busy
    if (ok !== want) fail(`BK-R-1: restore of file ${k} was ${ok ? 'accepted' : 'refused'}; the tape holds ${m.files.length} files${m.pending ? ' and a backup is writing it' : ''}`);
    if (!f || !ok) return;
    place(m.restored, f);
    verifyRestored(m, r);
  });
}

/** BK-INV-2: every file restored in order. */
class RestoreAll extends TraceCommand<BkModel> {
  protected apply(m: BkModel, r: TraceRun): void {
    for (let k = 1; k <= m.files.length; k++) restore(k).run(m, r);
    if (m.files.length >= 2 && m.files.some((f) => f.extents[0]![0] !== 0 || f.extents.at(-1)![1] !== m.tracks - 1)) bump(m.reached, 'chainRestored');
  }
  toString(): string {
    return 'restoreAll';
  }
}

/** The newest file restored (the point-in-time check right after a backup ends). */
class RestoreLast extends TraceCommand<BkModel> {
  protected apply(m: BkModel, r: TraceRun): void {
    if (m.files.length > 0) restore(m.files.length).run(m, r);
  }
  toString(): string {
    return 'restoreLast';
  }
}

/** BK-INV-3: a truncated image of the tape is refused on load, or (cut after a whole file) holds only files written. */
class LoadTruncated extends TraceCommand<BkModel> {
  constructor(readonly cut: number) {
    super();
  }
  protected apply(m: BkModel, r: TraceRun): void {
    const tape = r.ctx.model.backup.tapes.get(TAPE);
    if (!tape || tape.files.length === 0) return;
    const image = writeAwsTape({ volser: tape.volser, files: tape.files });
    const path = join(mkdtempSync(join(tmpdir(), 'bk-')), 'cut.aws');
    writeFileSync(path, image.subarray(0, Math.floor(this.cut * (image.length - 1))));
    const out = exec(r, { op: 'tapeLoad', tape: 'T2', path }, ['TAPE_DAMAGED', 'ok']);
    if (out.ok) {
      const loaded = r.ctx.model.backup.tapes.get('T2')!;
      if (loaded.files.length >= tape.files.length) fail(`BK-INV-3: a truncated image of ${tape.files.length} files loaded with ${loaded.files.length}`);
      exec(r, { op: 'tapeLoad', tape: 'T2', path: join(path, '..', 'none.aws') }, ['NOT_FOUND']);
    } else bump(m.reached, 'damagedRefused');
    verifyRestored(m, r);
  }
  toString(): string {
    return `loadTruncated(${this.cut.toFixed(3)})`;
  }
}

/** Tracks biased to the edges: the first and last track, and about the tape's block boundary (32,760 bytes: track 63). */
const trackArb = (tracks: number) => fc.oneof(fc.nat({ max: tracks - 1 }), fc.constantFrom(0, tracks - 1, Math.min(63, tracks - 1), Math.min(64, tracks - 1)));
const extentArb = (tracks: number) => fc.tuple(trackArb(tracks), fc.nat({ max: 8 })).map(([a, n]) => [a, Math.min(tracks - 1, a + n)] as Extent);

function write(tracks: number): fc.Arbitrary<Cmd> {
  return fc.tuple(trackArb(tracks), fc.integer({ min: -8, max: 8 }), fc.integer({ min: 1, max: 3 * TRACK }), fc.nat()).map(([t, d, n, seed]) => {
    const offset = Math.max(0, Math.min(tracks * TRACK - 1, t * TRACK + d));
    const length = Math.min(n, tracks * TRACK - offset);
    return new BkCommand({ op: 'write', system: 'P', volume: 'db', offset, data: { hex: Buffer.from(pattern(length, seed)).toString('hex') } }, `write(${offset}, ${length})`);
  });
}

function commands(tracks: number, chain: boolean): fc.Arbitrary<Cmd>[] {
  const step = (what: Step, label: string) => new BkCommand(what, label);
  const common = [
    write(tracks), write(tracks),
    fc.integer({ min: 1, max: 6 }).map((n) => step({ op: 'step', pair: 'bk', tracks: n }, `copyStep(${n})`)),
    fc.integer({ min: 1, max: 6 }).map((n) => step({ op: 'step', process: PROCESS, tracks: n }, `backupStep(${n})`)),
    fc.tuple(trackArb(tracks), fc.integer({ min: 1, max: 2 * TRACK })).map(([t, n]) => step({ op: 'read', system: 'P', volume: 'dbcopy', offset: t * TRACK, length: Math.min(n, (tracks - t) * TRACK) }, `readCopy(${t})`)),
    fc.constant(divide()), fc.constant(notify(null)), fc.constant(backup(null)),
    fc.constant(new SequenceCommand<BkModel>([notify(null), backup(null)], 'notifyAndBackup')),
    fc.constant(new RestoreLast()),
    fc.constant(step({ op: 'settle' }, 'settle')),
  ];
  // A backup, then the pair re-created before it ends: BK-B-3's abort.
  const interrupted = fc.constant(new SequenceCommand<BkModel>([divide(), notify(null), backup(null), step({ op: 'step', process: PROCESS, tracks: 1 }, 'backupStep(1)'), recreate(), step({ op: 'step', process: PROCESS, tracks: 1 }, 'backupStep(1)')], 'backupThenRecreate'));
  const rare = fc.oneof({ weight: 1, arbitrary: interrupted }, { weight: 1, arbitrary: fc.constant(recreate()) }, { weight: 4, arbitrary: fc.constant(step({ op: 'settle' }, 'settle')) });
  if (!chain) return [...common, rare, fc.integer({ min: 1, max: 3 }).map(restore), fc.integer({ min: 1, max: 3 }).map(restore)];
  return [
    ...common,
    extentArb(tracks).map(extentUpdate), extentArb(tracks).map(notify), extentArb(tracks).map(backup),
    fc.constant(new RestoreAll()),
    fc.double({ min: 0, max: 1, noNaN: true }).map((c) => new LoadTruncated(c)),
  ];
}

function property(chain: boolean, reached: Counters | undefined): fc.IProperty<any> {
  return fc.property(fc.constantFrom(12, 40, 70, 130).chain((tracks) => fc.tuple(fc.constant(tracks), fc.commands(commands(tracks, chain), { size: '+1', maxCommands: 60 }))), ([tracks, cmds]) => {
    const r = setup(tracks);
    exec(r, { op: 'write', system: 'P', volume: 'db', offset: 0, data: { fill: 17, length: tracks * TRACK } }, ['ok']);
    bump(reached, 'runs');
    fc.modelRun(() => ({ model: newModel(reached, tracks), real: r }), cmds);
  });
}

const POINT_WITNESSES = ['backupDone', 'backupDuringDivision', 'writeDuringBackup', 'stepDuringBackup', 'readDuringBackup', 'backupAborted', 'multiBlockFile', 'restoreChecked'];
const CHAIN_WITNESSES = ['backupDone', 'extentUpdate', 'updateSettled', 'extentBackup', 'chainRestored', 'damagedRefused', 'restoreChecked'];

export const bkInvPointInTime: PropertyDefinition[] = [
  harnessDefinition((o: { reached?: Counters }) => property(false, o.reached), 'BK-INV-1.pointInTime', 'backup is a point in time: a completed backup restores to the original at the division', {}, 200, POINT_WITNESSES),
];

export const bkInvIncrementalChain: PropertyDefinition[] = [
  harnessDefinition((o: { reached?: Counters }) => property(true, o.reached), 'BK-INV-2.incrementalChain', 'incremental chain: a full backup and extent-update backups restore to each extent at its last update', {}, 200, CHAIN_WITNESSES),
];
