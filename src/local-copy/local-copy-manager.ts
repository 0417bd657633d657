import { fail } from '../errors.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import { requireVolumeRange } from '../validate.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { type Extent, requireExtents } from './extents.ts';
import { LocalPair, type Variant } from './local-pair.ts';
import { routeCopyRead } from './read-routing.ts';
import { commitLocalWrite, type LocalWritePlan, planLocalWrite } from './write-plan.ts';

/** Resolves `"SYSTEM:VOLUME"`. */
export type VolumeResolver = (key: string) => { system: StorageSystem; volume: LogicalVolume };

/**
 * The in-system copy pairs of the model and the host I/O that passes through them
 * (spec/local-copy.md). Host reads and writes consult a pair's state through the pure
 * routing functions; they never become machine events.
 */
export class LocalCopyManager {
  readonly pairs = new Map<string, LocalPair>();
  private readonly systems = new Map<string, StorageSystem>();
  private readonly byOriginal = new Map<LogicalVolume, LocalPair>();
  private readonly byCopy = new Map<LogicalVolume, LocalPair>();

  constructor(
    private readonly resolve: VolumeResolver,
    private readonly variant: Variant,
    /** The role a volume has in a remote copy or migration, if any (LC-G-3). */
    private readonly otherRole: (volume: LogicalVolume) => string | undefined = () => undefined,
  ) {}

  pair(id: string): LocalPair {
    const p = this.pairs.get(id);
    if (!p) fail('NOT_FOUND', `no pair ${id}`);
    return p;
  }

  /** A pair whose system is usable: requests to a pair of a failed system are SYSTEM_FAILED. */
  livePair(id: string): LocalPair {
    const p = this.pair(id);
    const system = this.systemOf(p);
    if (system.failed) fail('SYSTEM_FAILED', `pair ${id}: system ${system.id} has failed`);
    return p;
  }

  /** LC-G-1..LC-G-3 (Figs. 16, 26, 34). */
  create(id: string, originalKey: string, copyKey: string, extents?: readonly (readonly number[])[], group?: string): LocalPair {
    if (this.pairs.has(id)) fail('ALREADY_EXISTS', `pair ${id} already exists`);
    const o = this.resolve(originalKey);
    const c = this.resolve(copyKey);
    if (o.system !== c.system) fail('INVALID_ARGUMENT', `a local pair stays inside one system: ${originalKey} and ${copyKey}`);
    if (o.volume === c.volume) fail('INVALID_ARGUMENT', `original and copy are the same volume ${originalKey}`);
    if (c.volume.emulation.trackBytes !== o.volume.emulation.trackBytes || c.volume.tracks < o.volume.tracks || c.volume.bytes < o.volume.bytes) {
      fail('INVALID_ARGUMENT', `copy ${copyKey} must have the original's track size and at least its ${o.volume.tracks} tracks`);
    }
    const area = extents === undefined ? null : requireExtents(extents, o.volume.tracks);
    for (const v of [o.volume, c.volume]) {
      if (this.pairOf(v)) fail('INVALID_STATE', `volume ${v.id} is already in pair ${this.pairOf(v)!.id}`);
    }
    for (const [v, key] of [[o.volume, originalKey], [c.volume, copyKey]] as const) {
      const role = this.otherRole(v);
      // A remote copy's source may also be a local pair's original (its writes pass through both).
      if (role && !(v === o.volume && role.startsWith('the source of remote'))) fail('INVALID_STATE', `volume ${key} is ${role}`);
    }
    o.system.pairTablePool.take(id, area ? area.length : 1);
    const pair = new LocalPair(id, o.volume, c.volume, area, this.variant);
    pair.group = group ?? null; // CG-G-1
    this.pairs.set(id, pair);
    this.systems.set(id, o.system);
    this.byOriginal.set(o.volume, pair);
    this.byCopy.set(c.volume, pair);
    return pair;
  }

  extents(id: string, extents: readonly (readonly number[])[]): Extent[] {
    return requireExtents(extents, this.pair(id).original.tracks);
  }

  delete(id: string): void {
    const pair = this.livePair(id);
    pair.delete();
    this.systemOf(pair).pairTablePool.release(id);
    this.pairs.delete(id);
    this.systems.delete(id);
    this.byOriginal.delete(pair.original);
    this.byCopy.delete(pair.copy);
  }

  /**
   * LC-W-1..LC-W-8: the local part of a host write to `volume` (range already validated at
   * the way in), refused here when the volume is a pair's copy.
   */
  planWrite(volume: LogicalVolume, offset: number, length: number): LocalWritePlan {
    const asCopy = this.byCopy.get(volume);
    if (asCopy) fail('INVALID_STATE', `volume ${volume.id} is the copy volume of pair ${asCopy.id}; it takes no host writes`);
    return planLocalWrite(this.byOriginal.get(volume) ?? null, volume, offset, length);
  }

  /** Carries out a planned local write: copy-before-write first where the pair says so. */
  commitWrite(plan: LocalWritePlan, data: Uint8Array): void {
    commitLocalWrite(plan, data);
  }

  /** Plans and commits at once: the local part alone, as the bench drives it (bench/local-pair.ts). */
  write(volume: LogicalVolume, offset: number, data: Uint8Array): void {
    this.commitWrite(this.planWrite(volume, offset, data.length), data);
  }

  /** LC-W-9: reads of a copy volume are served per track (quick split). */
  read(volume: LogicalVolume, offset: number, length: number): Uint8Array {
    requireVolumeRange(volume.id, 'read', offset, length, volume.bytes);
    const out = new Uint8Array(length); // allocated only once the range is known to be sane
    this.readInto(volume, offset, length, out);
    return out;
  }

  /** `read` into `out` from index 0 (a checker's scratch buffer): the same routing and refusals, no allocation. */
  readInto(volume: LogicalVolume, offset: number, length: number, out: Uint8Array): void {
    requireVolumeRange(volume.id, 'read', offset, length, volume.bytes);
    const pair = this.byCopy.get(volume);
    if (!pair || length === 0) return volume.readInto(offset, length, out, 0);
    const trackBytes = volume.emulation.trackBytes;
    const first = Math.floor(offset / trackBytes);
    const last = Math.floor((offset + length - 1) / trackBytes);
    const sources = [];
    for (let t = first; t <= last; t++) {
      const source = t < pair.original.tracks ? routeCopyRead(pair, t) : 'copy';
      if (source === 'refused') fail('INVALID_STATE', `pair ${pair.id} is ${pair.machineState}: track ${t} of copy volume ${volume.id} is not a settled image`);
      sources.push(source);
    }
    volume.readInto(offset, length, out, 0);
    sources.forEach((source, i) => {
      if (source !== 'original') return;
      const t = first + i;
      const a = Math.max(offset, t * trackBytes);
      const b = Math.min(offset + length, (t + 1) * trackBytes, pair.original.bytes);
      if (b > a) pair.original.readInto(a, b - a, out, a - offset); // past the original's end: the copy's own bytes
    });
  }

  pairOf(volume: LogicalVolume): LocalPair | undefined {
    return this.byOriginal.get(volume) ?? this.byCopy.get(volume);
  }

  private systemOf(pair: LocalPair): StorageSystem {
    return this.systems.get(pair.id)!;
  }

  /** The system a pair lives in (its processes stop when that system fails). */
  systemOfPair(id: string): StorageSystem {
    return this.systemOf(this.pair(id));
  }
}
