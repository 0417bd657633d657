/**
 * The world of the consistency-group properties (spec/consistency-groups.md): a source
 * system P with three volumes, a local group of three in-system pairs, or a remote group of
 * three pairs to two target systems S and T. Small tracks, so a run crosses many of them.
 */
import { isModelError } from '../../src/errors.ts';
import { routedRead } from '../../src/model/host-io.ts';
import { bump, type Counters } from '../harness/support.ts';
import { firstDiff } from '../harness/bytes.ts';
import { CommandFailure, exec, type Step, TraceRun } from '../rc/rc-trace.ts';

export const TRACK = 4096;
export const TRACKS = 12;
export const VOLUMES = ['a', 'b', 'c'] as const;
/**
 * Remote members: a to S, b to T, and c in two areas, to S and to T (two paths, so one path's
 * failure is not every pair's; one write across c's track 5/6 boundary concerns two members).
 */
export const REMOTE_PAIRS = [
  { volume: 0, target: 'S', area: [0, TRACKS - 1] },
  { volume: 1, target: 'T', area: [0, TRACKS - 1] },
  { volume: 2, target: 'S', area: [0, TRACKS / 2 - 1] },
  { volume: 2, target: 'T', area: [TRACKS / 2, TRACKS - 1] },
] as const;

/** The members of each kind's group. */
export const memberCount = (kind: 'local' | 'remote'): number => (kind === 'local' ? VOLUMES.length : REMOTE_PAIRS.length);
export const GROUP = 'g';

const raid5 = (id: string) => ({ id, level: 'raid5', devices: 4, deviceBytes: 8 * TRACKS * TRACK });

/** The reference of a run: the images the group invariants promise, and what the run reached. */
export interface CgModel {
  readonly reached: Counters | undefined;
  /** CG-INV-1 / CG-INV-2: per member index, the image its copy or target must show; null while none is promised. */
  images: (Uint8Array | null)[];
}

export function setup(kind: 'local' | 'remote'): TraceRun {
  const r = new TraceRun('corrected');
  const steps: Step[] = [{ op: 'system', id: 'P', ldevBytes: TRACKS * TRACK, raidGroups: [raid5('p0')] }];
  if (kind === 'remote') {
    steps.push({ op: 'system', id: 'S', ldevBytes: TRACKS * TRACK, raidGroups: [raid5('s0')] }, { op: 'system', id: 'T', ldevBytes: TRACKS * TRACK, raidGroups: [raid5('t0')] });
    steps.push({ op: 'link', between: ['P', 'S'] }, { op: 'link', between: ['P', 'T'] });
  }
  for (const v of VOLUMES) {
    steps.push(volume(v));
    if (kind === 'local') steps.push(volume(`${v}copy`));
  }
  steps.push(...createSteps(kind));
  for (const s of steps) exec(r, s, ['ok']);
  return r;
}

function volume(id: string): Step {
  return { op: 'volume', system: 'P', id, emulation: 'OPEN-V', bytes: TRACKS * TRACK, trackBytes: TRACK };
}

/** CG-G-1: the group's three pairs, created in order. */
export function createSteps(kind: 'local' | 'remote'): Step[] {
  if (kind === 'local') return VOLUMES.map((v, i) => ({ op: 'pairCreate', id: `p${i}`, kind: 'local', original: `P:${v}`, copy: `P:${v}copy`, group: GROUP }));
  return REMOTE_PAIRS.map((p, i) => ({ op: 'pairCreate', id: `p${i}`, kind: 'remote', source: `P:${VOLUMES[p.volume]}`, target: p.target, extents: [[...p.area]], group: GROUP, targetVolume: `p${i}T` }));
}

/** The source (original) volume's bytes now. */
export function sourceBytes(r: TraceRun, i: number): Uint8Array {
  return r.ctx.model.system('P').volume(VOLUMES[i]!).read(0, TRACKS * TRACK);
}

/** Each member's state, in creation order ('gone' once deleted). */
export function states(r: TraceRun, kind: 'local' | 'remote'): string[] {
  return Array.from({ length: memberCount(kind) }, (_, i) => {
    const id = `p${i}`;
    const kind = r.ctx.model.pairKind(id);
    if (kind === 'remote') return r.ctx.model.remote.pair(id).state;
    if (kind === 'local') return r.ctx.model.localCopy.pair(id).machineState;
    return 'gone';
  });
}

/** CG-INV-1: a divided member's copy, read as the host reads it (quick split), equals its image. */
export function verifyLocal(m: CgModel, r: TraceRun): void {
  m.images.forEach((image, i) => {
    if (!image) return;
    const got = routedRead(r.ctx.model, 'P', `${VOLUMES[i]}copy`, 0, TRACKS * TRACK);
    const t = firstTrackDiff(got, image);
    if (t !== null) throw new CommandFailure(`CG-INV-1: copy of pair p${i} differs from its original at the group's division, track ${t}`, [], false);
    bump(m.reached, 'imageChecked');
  });
}

/** CG-INV-2: a member's target equals the source at the group's suspension, wherever the target is readable. */
export function verifyRemote(m: CgModel, r: TraceRun): void {
  m.images.forEach((image, i) => {
    if (!image) return;
    const target = r.ctx.model.remote.pair(`p${i}`).target;
    const [first, last] = REMOTE_PAIRS[i]!.area;
    for (let t = first; t <= last; t++) {
      let got: Uint8Array;
      try {
        got = target.read(t * TRACK, TRACK);
      } catch (e) {
        if (isModelError(e) && e.code === 'DATA_LOSS') continue; // lost at the target: no claim (RC-F-3)
        throw e;
      }
      if (firstTrackDiff(got, image.subarray(t * TRACK, (t + 1) * TRACK)) !== null) {
        throw new CommandFailure(`CG-INV-2: target of pair p${i} differs at track ${t} from its source at the group's suspension`, [], false);
      }
    }
    bump(m.reached, 'imageChecked');
  });
}

function firstTrackDiff(a: Uint8Array, b: Uint8Array): number | null {
  const i = firstDiff(a, b.subarray(0, a.length));
  return i < 0 ? null : Math.floor(i / TRACK);
}
