/** The relocation harness's host I/O, faults and local-pair commands (properties/pl/pl-model.ts). */
import { sha256Hex } from '../../src/trace/data.ts';
import { describeShape, type Shape } from '../rc/rc-area.ts';
import { dataOf, json, CommandFailure, type Step, TraceRun } from '../rc/rc-trace.ts';
import { bump } from '../harness/support.ts';
import { COPY, type Health, KNOWN_MODEL_BUGS, ORIGINAL, shortLastTrack, SYSTEM } from './pl-vocabulary.ts';
import { PlModel } from './pl-reference.ts';
import { firstKnownDiff, observe } from './pl-verify.ts';
import { PlCommand, type PlTarget, request, volumeOf } from './pl-commands.ts';

export function pointerShown(r: TraceRun, volume: string): number | null {
  const out = observe(r, { op: 'volumeInfo', system: SYSTEM, volume });
  const rel = out.ok ? (out.relocation as { pointer?: number } | undefined) : undefined;
  return typeof rel?.pointer === 'number' ? rel.pointer : null;
}

export function shapeAt(t: number, shape: Shape, bytes: number, T: number): { offset: number; length: number } {
  let offset: number;
  let length: number;
  switch (shape.at) {
    case 'start': offset = t * T; length = Math.min(shape.len, T); break;
    case 'end': length = Math.min(shape.len, T); offset = (t + 1) * T - length; break;
    case 'whole': offset = t * T; length = T; break;
    case 'mid': length = Math.min(shape.len, T); offset = t * T + (shape.x % (T - length + 1)); break;
    case 'span': offset = (t + 1) * T - shape.before; length = shape.before + shape.after; break;
  }
  return clip(offset, length, bytes);
}

export function clip(offset: number, length: number, bytes: number): { offset: number; length: number } {
  const at = Math.max(0, Math.min(offset, bytes - 1));
  return { offset: at, length: Math.max(1, Math.min(length, bytes - at)) };
}

export function resolveIo(m: Readonly<PlModel>, r: TraceRun, vi: number, target: PlTarget): { offset: number; length: number } {
  const v = m.volumes[vi]!;
  const clamp = (t: number) => Math.max(0, Math.min(v.tracks - 1, t));
  const rel = m.running(v);
  switch (target.kind) {
    case 'pointer': {
      const p = pointerShown(r, v.id) ?? target.d + 2;
      return shapeAt(clamp(p + target.d), target.shape, v.bytes, m.T);
    }
    case 'uncopied': {
      const list = rel ? m.movedTracks(v, rel).filter((t) => t >= rel.pointer) : [];
      const t = list.length > 0 ? list[target.k % list.length]! : clamp(target.k);
      return shapeAt(t, target.shape, v.bytes, m.T);
    }
    case 'edge': {
      // An edge of a moving entry while a relocation runs, else of any entry.
      const indexes = rel ? rel.moves.filter((mv) => !mv.done).map((mv) => mv.index) : v.ldevs.map((_, i) => i);
      const i = indexes.length > 0 ? indexes[target.i % indexes.length]! : 0;
      const [first, last] = m.entryRange(v, i);
      const at = target.end ? last + 1 : first;
      return clip(at - target.before, target.before + target.after, v.bytes);
    }
    case 'track': return shapeAt(target.t % v.tracks, target.shape, v.bytes, m.T);
  }
}

export function describeTarget(t: PlTarget): string {
  switch (t.kind) {
    case 'pointer': return `pointer ${t.d >= 0 ? '+' : ''}${t.d}, ${describeShape(t.shape)}`;
    case 'uncopied': return `uncopied #${t.k}, ${describeShape(t.shape)}`;
    case 'edge': return `${t.end ? 'end' : 'start'} of entry #${t.i} -${t.before}+${t.after}`;
    case 'track': return `track ${t.t}, ${describeShape(t.shape)}`;
  }
}

/** Counts where an I/O fell relative to the copy pointer (PL-W-1, PL-W-2). */
export function countSides(m: PlModel, vi: number, offset: number, length: number, what: 'writes' | 'reads'): void {
  const v = m.volumes[vi]!;
  const sides = new Set<string>();
  for (let t = m.trackOf(offset); t <= m.trackOf(offset + length - 1); t++) {
    for (const x of [Math.max(offset, t * m.T), Math.min(offset + length, (t + 1) * m.T) - 1]) {
      const s = m.side(v, x);
      if (s) sides.add(s);
    }
  }
  if (sides.has('below')) bump(m.reached, `${what}BelowPointer`);
  if (sides.has('above')) bump(m.reached, `${what}AbovePointer`);
  if (sides.size === 2) bump(m.reached, `${what}AcrossPointer`);
  if (m.running(v) && Math.floor(offset / m.L) !== Math.floor((offset + length - 1) / m.L)) bump(m.reached, `${what}AcrossEntries:relocating`);
  if (m.anyRunning() && m.levels.some((_, g) => m.degraded(g))) bump(m.reached, `${what}:degradedWhileRelocating`);
}

export class WriteCommand extends PlCommand {
  constructor(
    readonly volume: number,
    readonly target: PlTarget,
    readonly fill: number,
  ) {
    super();
  }

  /** Mostly while a relocation runs. */
  override check(m: Readonly<PlModel>): boolean {
    return m.anyRunning() || this.fill % 3 === 0;
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const vi = volumeOf(m, this.volume);
    const v = m.volumes[vi]!;
    const { offset, length } = resolveIo(m, r, vi, this.target);
    const step: Step = { op: 'write', system: SYSTEM, volume: v.id, offset, data: { fill: this.fill, length } };
    const out = request(m, r, step, m.isPairCopy(vi) ? ['INVALID_STATE'] : ['ok']);
    if (!out.ok) return;
    countSides(m, vi, offset, length, 'writes');
    m.applyWrite(vi, offset, new Uint8Array(length).fill(this.fill));
  }

  toString(): string {
    return `write(V${this.volume}, ${describeTarget(this.target)}, fill ${this.fill})`;
  }
}

export class ReadCommand extends PlCommand {
  constructor(
    readonly volume: number,
    readonly target: PlTarget,
  ) {
    super();
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const vi = volumeOf(m, this.volume);
    const v = m.volumes[vi]!;
    const { offset, length } = resolveIo(m, r, vi, this.target);
    const want = m.view(vi, offset, length);
    const step: Step = { op: 'read', system: SYSTEM, volume: v.id, offset, length };
    const out = request(m, r, step, want ? ['ok'] : ['INVALID_STATE']);
    if (!out.ok || !want) return;
    countSides(m, vi, offset, length, 'reads');
    if (m.isPairCopy(vi)) bump(m.reached, m.running(m.volumes[ORIGINAL]!) ? 'copyReads:originalRelocating' : 'copyReads');
    if (want.known.every((k) => k === 1)) {
      if (out.sha256 === sha256Hex(want.bytes)) return;
    } else {
      const got = typeof out.hex === 'string' ? new Uint8Array(Buffer.from(out.hex, 'hex')) : r.ctx.model.localCopy.read(r.ctx.model.system(SYSTEM).volume(v.id), offset, length);
      if (firstKnownDiff(got, want.bytes, want.known) < 0) return;
    }
    const actual = typeof out.hex === 'string' ? dataOf(Buffer.from(out.hex, 'hex')) : { sha256: out.sha256 };
    throw new CommandFailure(`PL-INV-1: ${json(step)}: read ${json(actual)}, expected ${json(dataOf(want.bytes))}`, [{ actual: { ...step, expect: actual }, expected: { ...step, expect: dataOf(want.bytes) } }], true);
  }

  toString(): string {
    return `read(V${this.volume}, ${describeTarget(this.target)})`;
  }
}

export class DeviceFailCommand extends PlCommand {
  constructor(
    readonly group: number,
    readonly device: number,
  ) {
    super();
  }

  override check(m: Readonly<PlModel>): boolean {
    const g = this.group % m.groupIds.length;
    return m.canFail(g, this.device % m.health[g]!.length);
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const g = this.group % m.groupIds.length;
    const d = this.device % m.health[g]!.length;
    request(m, r, { op: 'deviceFail', system: SYSTEM, raidGroup: m.groupIds[g]!, device: d }, ['ok']);
    m.health[g]![d] = 'failed';
    for (const v of m.volumes) {
      const rel = m.running(v);
      if (!rel) continue;
      bump(m.reached, 'deviceFailsDuringRelocation');
      if (rel.group === g) bump(m.reached, 'deviceFail:destinationGroup');
      if (rel.moves.some((mv) => !mv.done && m.ldevGroup[mv.from] === g)) bump(m.reached, 'deviceFail:sourceGroup');
    }
    if (m.health[g]!.filter((x) => x !== 'healthy').length === 2) bump(m.reached, 'deviceFail:secondDevice');
  }

  toString(): string {
    return `deviceFail(group ${this.group}, ${this.device})`;
  }
}

export class DeviceReplaceCommand extends PlCommand {
  constructor(
    readonly group: number,
    readonly device: number,
  ) {
    super();
  }

  override check(m: Readonly<PlModel>): boolean {
    return m.health[this.group % m.groupIds.length]!.includes('failed');
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const g = this.group % m.groupIds.length;
    const failed = m.health[g]!.map((x, i) => (x === 'failed' ? i : -1)).filter((i) => i >= 0);
    const d = failed[this.device % failed.length]!;
    request(m, r, { op: 'deviceReplace', system: SYSTEM, raidGroup: m.groupIds[g]!, device: d }, ['ok']);
    m.health[g]![d] = 'rebuilding';
  }

  toString(): string {
    return `deviceReplace(group ${this.group}, ${this.device})`;
  }
}

export class RebuildStepCommand extends PlCommand {
  constructor(
    readonly group: number,
    readonly units: number,
  ) {
    super();
  }

  override check(m: Readonly<PlModel>): boolean {
    return m.health[this.group % m.groupIds.length]!.includes('rebuilding');
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const g = this.group % m.groupIds.length;
    const out = request(m, r, { op: 'step', process: `rebuild:${SYSTEM}:${m.groupIds[g]}`, tracks: this.units }, ['ok']);
    const health = out.health as Health[] | undefined;
    // The RAID layer is not under test here: the rebuild's progress is taken as shown.
    if (health) health.forEach((h, i) => { if (m.health[g]![i] === 'rebuilding' && h === 'healthy') m.health[g]![i] = 'healthy'; });
    if (m.anyRunning()) bump(m.reached, 'rebuildStepsDuringRelocation');
  }

  toString(): string {
    return `rebuildStep(group ${this.group}, ${this.units})`;
  }
}

export class PairCreateCommand extends PlCommand {
  override check(m: Readonly<PlModel>): boolean {
    if (KNOWN_MODEL_BUGS.has('lc-short-last-track') && shortLastTrack(m)) return false;
    return m.volumes.length > 1 && m.pair === null && m.pairsCreated < 3;
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const id = `P${m.pairsCreated + 1}`;
    const step: Step = { op: 'pairCreate', id, kind: 'local', original: `${SYSTEM}:${m.volumes[ORIGINAL]!.id}`, copy: `${SYSTEM}:${m.volumes[COPY]!.id}` };
    request(m, r, step, ['ok']);
    m.applyPairCreate(id);
    if (m.anyRunning()) bump(m.reached, 'pairCreatedWhileRelocating');
  }

  toString(): string {
    return 'pairCreate(local V0 -> V1)';
  }
}

export class PairDivideCommand extends PlCommand {
  override check(m: Readonly<PlModel>): boolean {
    return m.pair !== null;
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const divided = m.pair!.image !== null;
    request(m, r, { op: 'pairDivide', pair: m.pairId }, divided ? ['INVALID_STATE'] : ['ok']);
    if (divided) return;
    m.applyPairDivide();
    if (m.running(m.volumes[ORIGINAL]!)) bump(m.reached, 'dividedWhileOriginalRelocating');
    if (m.running(m.volumes[COPY]!)) bump(m.reached, 'dividedWhileCopyRelocating');
  }

  toString(): string {
    return 'pairDivide';
  }
}

export class PairDeleteCommand extends PlCommand {
  override check(m: Readonly<PlModel>): boolean {
    return m.pair !== null;
  }

  protected apply(m: PlModel, r: TraceRun): void {
    const id = m.pairId;
    const status = observe(r, { op: 'status', pair: id });
    request(m, r, { op: 'pairDelete', pair: id }, ['ok']);
    const settled = status.ok && status.state === 'divided';
    m.applyPairDelete(settled);
    bump(m.reached, `pairDeleted:${settled ? 'divided' : 'unsettled'}`);
  }

  toString(): string {
    return 'pairDelete';
  }
}

// ---------------------------------------------------------------------------
