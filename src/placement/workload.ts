import { fail } from '../errors.ts';
import { hostRead, hostWrite } from '../model/host-io.ts';
import type { Model } from '../model/model.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * A reproducible host workload for the fourth embodiment's statistics and planner: OLTP-like
 * random small reads and writes whose areas are Zipf-popular, mixed with sequential streams
 * (a log written, a batch scan read). Same spec and seed, same I/Os, in the same order.
 */

/** One host I/O; a write stores the byte `fill` repeated. */
export interface HostIo {
  readonly op: 'read' | 'write';
  readonly system: string;
  readonly volume: string;
  readonly offset: number;
  readonly length: number;
  readonly fill?: number;
}

/** Random I/O over fixed-size areas of some volumes; the area of popularity rank k has weight 1/k^zipf. */
export interface RandomLoad {
  readonly system: string;
  readonly volumes: ReadonlyArray<{ readonly volume: string; readonly bytes: number }>;
  readonly areaBytes: number;
  readonly zipf: number;
  /** Share of the random I/Os that read. */
  readonly readShare: number;
  readonly ioBytes: number;
  /** Ranks areas in a seeded random order (default) rather than in address order, volume by volume. */
  readonly shuffle?: boolean;
}

/** A sequential stream over `bytes` from `first` of one volume, wrapping around at the end. */
export interface StreamLoad {
  readonly system: string;
  readonly volume: string;
  readonly op: 'read' | 'write';
  readonly first: number;
  readonly bytes: number;
  readonly ioBytes: number;
  /** Share of all I/Os that this stream issues. */
  readonly share: number;
}

export interface WorkloadSpec {
  readonly seed: number;
  readonly ios: number;
  /** Issues the share of I/Os the streams leave. */
  readonly random: RandomLoad;
  readonly streams?: readonly StreamLoad[];
}

interface Area {
  readonly volume: string;
  readonly first: number;
  readonly bytes: number;
}

/** The workload's host I/Os, in issue order. */
export function generateWorkload(spec: WorkloadSpec): HostIo[] {
  validate(spec);
  const rng = new SeededRandom(spec.seed);
  const pickArea = zipfAreas(spec.random, rng);
  const streams = (spec.streams ?? []).map((s) => ({ s, cursor: s.first }));
  const ios: HostIo[] = [];
  for (let i = 0; i < spec.ios; i++) {
    const fill = 1 + (i % 255);
    const stream = pickStream(streams, rng.uniform());
    if (stream) ios.push(streamIo(stream, fill));
    else ios.push(randomIo(spec.random, pickArea(), rng, fill));
  }
  return ios;
}

/** The stream whose slice of [0, 1) holds `u`, or undefined: the random load's turn. */
function pickStream<T extends { s: StreamLoad }>(streams: readonly T[], u: number): T | undefined {
  let below = 0;
  for (const x of streams) if (u < (below += x.s.share)) return x;
  return undefined;
}

function streamIo(st: { s: StreamLoad; cursor: number }, fill: number): HostIo {
  const { s } = st;
  const length = Math.min(s.ioBytes, s.first + s.bytes - st.cursor);
  const io = { op: s.op, system: s.system, volume: s.volume, offset: st.cursor, length };
  st.cursor = st.cursor + length >= s.first + s.bytes ? s.first : st.cursor + length;
  return s.op === 'write' ? { ...io, fill } : io;
}

function randomIo(r: RandomLoad, area: Area, rng: SeededRandom, fill: number): HostIo {
  const length = Math.min(r.ioBytes, area.bytes);
  const offset = area.first + rng.below(Math.floor(area.bytes / length)) * length;
  const io = { system: r.system, volume: area.volume, offset, length };
  return rng.uniform() < r.readShare ? { op: 'read', ...io } : { op: 'write', ...io, fill };
}

/** A sampler of areas by Zipf popularity (inverse of the cumulative weights, by bisection). */
function zipfAreas(r: RandomLoad, rng: SeededRandom): () => Area {
  const areas: Area[] = r.volumes.flatMap(({ volume, bytes }) =>
    Array.from({ length: Math.ceil(bytes / r.areaBytes) }, (_, k) => ({ volume, first: k * r.areaBytes, bytes: Math.min(r.areaBytes, bytes - k * r.areaBytes) })),
  );
  const ranked = r.shuffle === false ? areas : rng.shuffle(areas);
  const cumulative: number[] = [];
  let total = 0;
  ranked.forEach((_, k) => cumulative.push((total += 1 / (k + 1) ** r.zipf)));
  return () => {
    const x = rng.uniform() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return ranked[lo]!;
  };
}

function validate(spec: WorkloadSpec): void {
  const bad = (what: string) => fail('INVALID_ARGUMENT', `workload: ${what}`);
  const r = spec.random;
  if (!Number.isSafeInteger(spec.ios) || spec.ios < 0) bad(`ios must be a whole number ≥ 0, got ${spec.ios}`);
  if (r.volumes.length === 0 || r.volumes.some((v) => !(v.bytes > 0))) bad('random I/O needs volumes of positive size');
  if (!(r.areaBytes > 0) || !(r.ioBytes > 0) || !(r.zipf >= 0)) bad('areaBytes and ioBytes must be positive, zipf ≥ 0');
  if (!(r.readShare >= 0 && r.readShare <= 1)) bad(`readShare must be in [0, 1], got ${r.readShare}`);
  const streams = spec.streams ?? [];
  if (streams.some((s) => !(s.share >= 0) || !(s.bytes > 0) || !(s.ioBytes > 0) || !(s.first >= 0))) bad('streams need share ≥ 0, first ≥ 0 and positive bytes and ioBytes');
  if (streams.reduce((sum, s) => sum + s.share, 0) > 1) bad('the streams\' shares add up to more than 1');
}

/** Runs the I/Os through the host path (hostRead, hostWrite), so they count as host I/O (PL-S-1). */
export function runWorkload(model: Model, ios: readonly HostIo[]): void {
  const buffers = new Map<number, Uint8Array>();
  for (const io of ios) {
    if (io.op === 'read') {
      hostRead(model, io.system, io.volume, io.offset, io.length);
      continue;
    }
    let data = buffers.get(io.length);
    if (!data) buffers.set(io.length, (data = new Uint8Array(io.length)));
    hostWrite(model, io.system, io.volume, io.offset, data.fill(io.fill ?? 0));
  }
}

/** The I/Os as trace steps (spec/trace-format.md `write`, `read`). */
export function traceSteps(ios: readonly HostIo[]): Array<Record<string, unknown>> {
  return ios.map((io) => {
    const where = { system: io.system, volume: io.volume, offset: io.offset };
    return io.op === 'read' ? { op: 'read', ...where, length: io.length } : { op: 'write', ...where, data: { fill: io.fill ?? 0, length: io.length } };
  });
}
