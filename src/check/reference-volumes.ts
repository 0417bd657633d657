import { firstDifference } from './bytes-equal.ts';
import type { Extent } from '../local-copy/extents.ts';
import { inArea } from '../remote-copy/area.ts';
import { viewReadInto } from '../model/host-io.ts';
import { ScratchBuffer } from './scratch-buffer.ts';
import type { Model } from '../model/model.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import type { Violation } from '../violation.ts';
import { type CheckScope, FULL } from './check-scope.ts';
import { forEachTrackRead, type TrackReader } from './track-runs.ts';
import type { Checker } from './checker.ts';

const REF_CHUNK = 4096;

/**
 * What the host last wrote to each volume, kept apart from the model (the checker is not
 * the system it checks). Sparse: 4 KiB chunks, zero where never written.
 */
export class ReferenceVolumes {
  private readonly volumes = new Map<string, Map<number, Uint8Array>>();
  /** Volumes whose bytes a pair now owns (copy volumes): no longer compared here. */
  private readonly untracked = new Set<string>();

  /** `onWrite` hears every host write, tracked or not (CHK-1: the checker's side of a change). */
  constructor(private readonly onWrite: (volumeKey: string, offset: number, length: number) => void = () => {}) {}

  /** A copy volume's content now comes from its pair; the pair checker takes over. */
  forget(volumeKey: string): void {
    this.volumes.delete(volumeKey);
    this.untracked.add(volumeKey);
  }

  /** RC-T-5: a taken-over target is the host's volume again, starting from `image`. */
  adopt(volumeKey: string, image: ReadonlyMap<number, Uint8Array>, trackBytes: number): void {
    this.untracked.delete(volumeKey);
    this.volumes.delete(volumeKey);
    for (const [t, bytes] of image) this.write(volumeKey, t * trackBytes, bytes);
  }

  isTracked(volumeKey: string): boolean {
    return !this.untracked.has(volumeKey);
  }

  /** What the host last wrote to [offset, offset+length) of a volume (zero where never written). */
  bytes(volumeKey: string, offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const chunks = this.volumes.get(volumeKey);
    if (!chunks) return out;
    for (let rel = 0; rel < length; ) {
      const at = offset + rel;
      const inChunk = at % REF_CHUNK;
      const len = Math.min(REF_CHUNK - inChunk, length - rel);
      const chunk = chunks.get(Math.floor(at / REF_CHUNK));
      if (chunk) out.set(chunk.subarray(inChunk, inChunk + len), rel);
      rel += len;
    }
    return out;
  }

  write(volumeKey: string, offset: number, data: Uint8Array): void {
    this.onWrite(volumeKey, offset, data.length);
    this.store(volumeKey, offset, data);
  }

  /**
   * LIM-8: the tracks of `area` that hold a byte the host wrote, ascending: the keys of a
   * sparse image (every other track of the area reads zero), found from the written chunks,
   * so capturing an image costs what was written, not the area's size.
   */
  writtenTracks(volumeKey: string, trackBytes: number, area: readonly Extent[]): number[] {
    const tracks = new Set<number>();
    for (const c of this.volumes.get(volumeKey)?.keys() ?? []) {
      const first = Math.floor((c * REF_CHUNK) / trackBytes);
      const last = Math.floor(((c + 1) * REF_CHUNK - 1) / trackBytes);
      for (let t = first; t <= last; t++) if (inArea(area, t)) tracks.add(t);
    }
    return [...tracks].sort((a, b) => a - b);
  }

  /**
   * MG-INV-1 at a migration's start, sparse (LIM-8): over `area`, volume `to` now reads what
   * `from` holds (zero where `from` was never written).
   */
  copyArea(from: string, to: string, trackBytes: number, volumeBytes: number, area: readonly Extent[]): void {
    for (const [a, b] of area) {
      const start = a * trackBytes;
      const end = Math.min((b + 1) * trackBytes, volumeBytes);
      this.onWrite(to, start, end - start);
      if (this.untracked.has(to)) continue;
      for (const [at, bytes] of this.slices(to, start, end)) this.store(to, at, new Uint8Array(bytes.length));
      for (const [at, bytes] of this.slices(from, start, end)) this.store(to, at, bytes.slice());
    }
  }

  /** The written parts of [start, end) of a volume, as (offset, bytes) views into its chunks. */
  private slices(volumeKey: string, start: number, end: number): Array<[number, Uint8Array]> {
    const chunks = this.volumes.get(volumeKey);
    if (!chunks) return [];
    const out: Array<[number, Uint8Array]> = [];
    for (const [c, chunk] of chunks) {
      const from = Math.max(start, c * REF_CHUNK);
      const to = Math.min(end, (c + 1) * REF_CHUNK);
      if (from < to) out.push([from, chunk.subarray(from - c * REF_CHUNK, to - c * REF_CHUNK)]);
    }
    return out;
  }

  private store(volumeKey: string, offset: number, data: Uint8Array): void {
    if (this.untracked.has(volumeKey)) return;
    let chunks = this.volumes.get(volumeKey);
    if (!chunks) this.volumes.set(volumeKey, (chunks = new Map()));
    for (let rel = 0; rel < data.length; ) {
      const at = offset + rel;
      const index = Math.floor(at / REF_CHUNK);
      const inChunk = at % REF_CHUNK;
      const len = Math.min(REF_CHUNK - inChunk, data.length - rel);
      let chunk = chunks.get(index);
      if (!chunk) chunks.set(index, (chunk = new Uint8Array(REF_CHUNK)));
      chunk.set(data.subarray(rel, rel + len), inChunk);
      rel += len;
    }
  }

  /**
   * VOL-INV-2: every written byte reads back as written, or is refused with DATA_LOSS;
   * never a wrong byte. Under a partial scope, only the chunks of changed tracks (CHK-1).
   */
  compare(model: Model, scope: CheckScope = FULL): Violation[] {
    const found: Violation[] = [];
    for (const [key, chunks] of this.volumes) {
      const [systemId, volumeId] = key.split(':') as [string, string];
      if (model.systems.get(systemId)?.failed) continue; // a failed system shows the host nothing
      const volume = model.system(systemId).volumes.get(volumeId);
      if (!volume) {
        found.push({ invariant: 'VOL-INV-2', message: `${key}: the volume the host wrote to is gone` });
        continue;
      }
      // The host's view: through a migration or a takeover copy's routing (MG-INV-1, RC-INV-5).
      // DATA_LOSS: refused, never wrong. SYSTEM_FAILED: a migration's old system holds the track and is gone.
      const reader: TrackReader = {
        trackBytes: REF_CHUNK,
        bytes: volume.bytes,
        read: (offset, length) => {
          const out = scratch.take(length);
          viewReadInto(model, systemId, volumeId, offset, length, out);
          return out;
        },
        skips: (e) => e.code === 'DATA_LOSS' || e.code === 'SYSTEM_FAILED',
      };
      const also = alsoBroken(model, systemId, volume);
      forEachTrackRead(reader, scopedChunks(chunks, scope.tracks(volume), volume.emulation.trackBytes), (c, actual) => {
        const i = firstDifference(chunks.get(c)!.subarray(0, actual.length), actual);
        if (i < 0) return false;
        const message = `${key} bytes ${c * REF_CHUNK + i}: differs from what the host wrote`;
        found.push({ invariant: 'VOL-INV-2', message }, ...also.map((invariant) => ({ invariant, message })));
        return false;
      });
    }
    return found;
  }
}

/** What the host views are read into while compared (CHK-1). */
const scratch = new ScratchBuffer();

/**
 * The invariants a wrong host view of this volume breaks besides VOL-INV-2: LC-INV-5 on a
 * local pair's original (NoWriteLost), PL-INV-1 on a volume under online relocation.
 */
function alsoBroken(model: Model, systemId: string, volume: LogicalVolume): string[] {
  const ids: string[] = [];
  if (model.localCopy.pairOf(volume)?.original === volume) ids.push('LC-INV-5');
  const relocation = model.placement.of(systemId, volume.id);
  if (relocation && !relocation.done) ids.push('PL-INV-1');
  return ids;
}

/** The written chunks holding a scoped track (all of them under 'all'), ascending: each compared in one read per run (CHK-1). */
function scopedChunks(chunks: ReadonlyMap<number, Uint8Array>, tracks: 'all' | readonly number[], trackBytes: number): number[] {
  if (tracks === 'all') return [...chunks.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  let last = -1;
  for (const t of tracks) {
    const first = Math.max(last + 1, Math.floor((t * trackBytes) / REF_CHUNK));
    const end = Math.floor(((t + 1) * trackBytes - 1) / REF_CHUNK);
    for (let c = first; c <= end; c++) {
      if (chunks.has(c)) out.push(c);
    }
    last = Math.max(last, end);
  }
  return out;
}

/** The `check` op's checker of the host's views against the reference volumes. */
export const hostViewChecker: Checker<{ readonly model: Model; readonly reference: ReferenceVolumes }> = {
  name: 'host views',
  invariants: ['VOL-INV-2', 'LC-INV-5', 'PL-INV-1'],
  check: (target, scope) => target.reference.compare(target.model, scope),
};
