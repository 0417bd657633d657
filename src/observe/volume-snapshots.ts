import type { ReferenceVolumes } from '../check/reference-volumes.ts';
import { tracksThatMayHoldData } from '../check/unwritten-tracks.ts';
import type { Extent } from '../local-copy/extents.ts';
import { isUnavailable, viewRead } from '../model/host-io.ts';
import type { Model } from '../model/model.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { mappedTracks } from './mapped-tracks.ts';
import type { VolumeSnapshot } from './snapshot.ts';

/**
 * Reads compare this many bytes at a time (at least one track): whole slabs are compared
 * with one `Buffer.equals`, and only a slab that differs is looked at track by track, so a
 * volume of thousands of tracks costs about one pass of memcmp per step.
 */
export const COMPARE_SLAB_BYTES_MAX = 1 << 20;

/**
 * Every volume of every system, with the tracks whose host-visible bytes (`viewRead`: the
 * same routing the checker uses, VOL-INV-2) differ from what the checker's reference says
 * the host must see, and a partial volume's mapped tracks. Volumes the reference does not
 * track (a local copy volume, a remote target before takeover: their pair's checker owns
 * them, and keeps its image private) are not compared: `tracked: false` and no differing
 * tracks. A failed system's volumes stay listed, `onFailedSystem`, from their tables only:
 * nothing is read through a failed system.
 */
export function volumeSnapshots(model: Model, reference: ReferenceVolumes): VolumeSnapshot[] {
  const out: VolumeSnapshot[] = [];
  for (const system of model.systems.values()) {
    for (const volume of system.volumes.values()) {
      const key = `${system.id}:${volume.id}`;
      const mapped = mappedTracks(volume);
      const shape = { key, tracks: volume.tracks, trackBytes: volume.emulation.trackBytes };
      const extra = mapped === null ? {} : { mapped };
      if (system.failed) {
        out.push({ ...shape, tracked: false, differing: [], ...extra, onFailedSystem: true });
        continue;
      }
      const tracked = reference.isTracked(key);
      const differing = tracked ? differingTracks(model, reference, system.id, volume, key) : [];
      out.push({ ...shape, tracked, differing, ...extra });
    }
  }
  return out;
}

/** Tracks whose view differs from the reference, ascending; an unreadable track (DATA_LOSS) is refused, never wrong, so it does not differ. */
export function differingTracks(model: Model, reference: ReferenceVolumes, systemId: string, volume: LogicalVolume, key: string): number[] {
  const found: number[] = [];
  const slabTracks = Math.max(1, Math.floor(COMPARE_SLAB_BYTES_MAX / volume.emulation.trackBytes));
  for (const first of slabsToCompare(model, reference, volume, key, slabTracks)) {
    const last = Math.min(volume.tracks, first + slabTracks) - 1;
    found.push(...differingInSlab(model, reference, systemId, volume, key, first, last));
  }
  return found;
}

/**
 * The first tracks of the slabs to compare, ascending. LIM-8: on a whole volume whose view is
 * its own (no migration or takeover copy routes it elsewhere), only slabs where the host wrote
 * or a device may hold data: everywhere else both sides read zero.
 */
function slabsToCompare(model: Model, reference: ReferenceVolumes, volume: LogicalVolume, key: string, slabTracks: number): number[] {
  const slabs = new Set<number>();
  const all: Extent[] = [[0, volume.tracks - 1]];
  const routed = !volume.whole || model.migration.ofTarget(volume) !== undefined || model.remote.takeoverCopyOf(volume) !== null;
  const tracks = routed ? null : tracksThatMayHoldData(all, [volume], reference.writtenTracks(key, volume.emulation.trackBytes, all));
  if (tracks === null) for (let t = 0; t < volume.tracks; t += slabTracks) slabs.add(t);
  else for (const t of tracks) slabs.add(t - (t % slabTracks));
  return [...slabs].sort((x, y) => x - y);
}

/** Tracks first..last: one read and one comparison when they agree, track by track otherwise. */
function differingInSlab(model: Model, reference: ReferenceVolumes, systemId: string, volume: LogicalVolume, key: string, first: number, last: number): number[] {
  const offset = volume.trackRange(first).offset;
  const end = trackEnd(volume, last);
  const expected = reference.bytes(key, offset, end - offset);
  const actual = tryView(model, systemId, volume.id, offset, end - offset);
  if (actual !== null && sameBytes(actual, expected)) return [];
  const found: number[] = [];
  for (let t = first; t <= last; t++) {
    const r = volume.trackRange(t);
    const want = expected.subarray(r.offset - offset, r.offset - offset + r.length);
    const got = actual === null ? tryView(model, systemId, volume.id, r.offset, r.length) : actual.subarray(r.offset - offset, r.offset - offset + r.length);
    if (got !== null && !sameBytes(got, want)) found.push(t);
  }
  return found;
}

function trackEnd(volume: LogicalVolume, track: number): number {
  const r = volume.trackRange(track);
  return r.offset + r.length;
}

/** The host's view, or null where the model refuses it (DATA_LOSS, a failed old system). */
function tryView(model: Model, systemId: string, volumeId: string, offset: number, length: number): Uint8Array | null {
  try {
    return viewRead(model, systemId, volumeId, offset, length);
  } catch (e) {
    if (isUnavailable(e)) return null;
    throw e;
  }
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
}
