/**
 * The world of the backup properties (spec/backup.md): system P with an original volume `db`,
 * its copy `dbcopy` (local pair `bk`) and a volume `restored`; host `main` forms copies and
 * tells host `bkup` over the LAN, which backs them up to tape T1. Small tracks; the geometry
 * is drawn per run, so some runs' tape files span several 32,760-byte blocks (BK-T-2).
 */
import { routedRead } from '../../src/model/host-io.ts';
import type { Extent } from '../../src/local-copy/extents.ts';
import { bump, type Counters } from '../harness/support.ts';
import { CommandFailure, exec, type Step, TraceRun } from '../rc/rc-trace.ts';

export const TRACK = 512;
export const TAPE = 'T1';
export const PROCESS = `backup:bkup:${TAPE}`;

/** A backup the reference expects on tape: its tracks and the image they must hold. */
export interface ExpectedFile {
  readonly extents: readonly Extent[];
  readonly image: Uint8Array;
}

/** The reference of a run (BK-INV-1..3). */
export interface BkModel {
  readonly reached: Counters | undefined;
  readonly tracks: number;
  /** The copy's promised point-in-time image (BK-INV-1: at the division; BK-INV-2: updated extents at their update), or null while none is formed. */
  formed: Uint8Array | null;
  /** Extents an extent update is still bringing up to date: formed only when it settles. */
  updating: Extent[];
  /** The extents notified since the last formation (what a backup may take), or null. */
  notified: Extent[] | null;
  /** The backup running, with the image it must write. */
  pending: ExpectedFile | null;
  /** The tape's files, in order. */
  readonly files: ExpectedFile[];
  /** What `restored` must read. */
  readonly restored: Uint8Array;
  /** The formation count when the running backup started (an abort needs a formation since). */
  formationsAtStart: number;
  formations: number;
}

export function setup(tracks: number): TraceRun {
  const r = new TraceRun('corrected');
  const bytes = tracks * TRACK;
  const ldev = Math.min(16, tracks) * TRACK;
  const steps: Step[] = [
    { op: 'system', id: 'P', ldevBytes: ldev, raidGroups: [{ id: 'g', level: 'raid5', devices: 4, deviceBytes: 4 * Math.ceil(bytes / ldev) * ldev }] },
    ...['db', 'dbcopy', 'restored'].map((id) => ({ op: 'volume', system: 'P', id, emulation: 'OPEN-V', bytes, trackBytes: TRACK })),
    { op: 'host', id: 'main', system: 'P' },
    { op: 'host', id: 'bkup', system: 'P' },
    { op: 'lan', between: ['main', 'bkup'] },
    { op: 'pairCreate', id: 'bk', kind: 'local', original: 'P:db', copy: 'P:dbcopy' },
  ];
  for (const s of steps) exec(r, s, ['ok']);
  return r;
}

export function newModel(reached: Counters | undefined, tracks: number): BkModel {
  return { reached, tracks, formed: null, updating: [], notified: null, pending: null, files: [], restored: new Uint8Array(tracks * TRACK), formationsAtStart: 0, formations: 0 };
}

/** The bytes of a volume as the host reads them now (an observation: no host I/O is counted). */
export function volumeBytes(r: TraceRun, volume: string): Uint8Array {
  const v = r.ctx.model.systems.get('P')!.volume(volume);
  return routedRead(r.ctx.model, 'P', volume, 0, v.bytes);
}

/** BK-INV-3: `restored` reads exactly what the restores so far wrote, byte for byte. */
export function verifyRestored(m: BkModel, r: TraceRun): void {
  const got = volumeBytes(r, 'restored');
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== m.restored[i]) {
      const step = { op: 'read', system: 'P', volume: 'restored', offset: i, length: 1 };
      throw new CommandFailure(`BK-INV-1/2: restored byte ${i} (track ${Math.floor(i / TRACK)}) is ${got[i]}, the backups restored so far say ${m.restored[i]}`,
        [{ actual: { ...step, expect: { hex: got[i]!.toString(16).padStart(2, '0') } }, expected: { ...step, expect: { hex: m.restored[i]!.toString(16).padStart(2, '0') } } }], false);
    }
  }
  bump(m.reached, 'restoreChecked');
}

/** The image's bytes on `extents` written into `into` (a restore, as the reference sees it). */
export function place(into: Uint8Array, f: ExpectedFile): void {
  for (const [a, b] of f.extents) into.set(f.image.subarray(a * TRACK, (b + 1) * TRACK), a * TRACK);
}
