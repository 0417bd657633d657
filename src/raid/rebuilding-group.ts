import type { StorageDevice } from '../device/storage-device.ts';
import { CHUNK_BYTES } from '../kernels/arena.ts';
import { requireRange } from '../validate.ts';
import type { DeviceHealthTable } from './device-health.ts';
import { IoTally } from './io-tally.ts';
import type { ByteRange, GroupChanges, RebuildProgress } from './raid-group.ts';
import { mergeRanges } from '../device/changed-ranges.ts';

/**
 * What every RAID level shares: reads into a new buffer, device faults, replacement and the stepped rebuild
 * (spec/raid.md, RAID-F-1..RAID-F-5, RAID-R-1, RAID-R-2). Positions count rows on striped
 * levels and bytes on mirrors; `positionBytes` converts.
 */
export abstract class RebuildingGroup {
  abstract readonly devices: readonly StorageDevice[];
  abstract readonly health: DeviceHealthTable;
  /** Device bytes per rebuild position (a row's unit, or 1). */
  protected abstract readonly positionBytes: number;
  /** Positions a device is rebuilt over. */
  protected abstract readonly rebuildEnd: number;
  /** Positions per rebuild unit (RAID-R-1). */
  protected abstract readonly rebuildUnit: number;

  abstract readonly capacityBytes: number;
  abstract readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void;

  /** Rebuilds device `d` on positions [from, to). */
  protected abstract rebuildRange(d: number, from: number, to: number, tally: IoTally): void;

  /** CHK-2: the logical bytes a host read may now see differently when device `d`'s bytes [from, to) changed. */
  protected abstract logicalOf(d: number, from: number, to: number, data: ByteRange[]): void;

  takeChanges(): GroupChanges {
    const data: ByteRange[] = [];
    const stripes: ByteRange[] = [];
    let all = false;
    this.devices.forEach((dev, d) => {
      const c = dev.takeChanges();
      if (c.all) all = true;
      else {
        for (const [a, b] of c.ranges) this.logicalOf(d, a, b, data);
        stripes.push(...c.ranges);
      }
    });
    return all ? 'all' : { data: mergeRanges(data), stripes: mergeRanges(stripes) };
  }

  read(offset: number, length: number): Uint8Array {
    requireRange('read', offset, length, this.capacityBytes);
    const out = new Uint8Array(length); // allocated only once the range is known to be sane
    this.readInto(offset, length, out, 0);
    return out;
  }

  failDevice(device: number): void {
    for (const aborted of this.health.fail(device)) this.devices[aborted]!.fail();
    this.devices[device]!.fail();
  }

  replaceDevice(device: number): void {
    if (this.health.checkReplace(device, this.recreatable) === 'recreate') return this.recreate();
    this.devices[device]!.replaceMedia();
    this.health.startRebuild(device);
  }

  /** RAID-F-6: whether a group that lost data is re-created by a replacement (else refused, RAID-F-4). */
  protected readonly recreatable: boolean = false;

  /** RAID-F-6: re-creates a group that lost data; only levels that are `recreatable`. */
  protected recreate(): void {
    throw new Error('internal: this level is not re-created');
  }

  hasLostBytes(): boolean {
    return false;
  }

  rebuildStep(units: number): number {
    const tally = new IoTally();
    let done = 0;
    while (done < units) {
      const d = this.health.nextRebuilding();
      if (d < 0) break;
      const was = this.health.position[d]!;
      const from = this.skipUnwritten(was);
      const to = Math.min(this.rebuildEnd, from + this.rebuildUnit);
      this.devices[d]!.noteChanged(was * this.positionBytes, (to - was) * this.positionBytes); // CHK-2: now readable
      if (from < to) {
        this.rebuildRange(d, from, to, tally);
        done++;
      }
      this.health.position[d] = to;
      if (to >= this.rebuildEnd) this.health.finishRebuild(d);
    }
    tally.commit();
    return done;
  }

  rebuildProgress(): RebuildProgress[] {
    const total = Math.ceil(this.rebuildEnd / this.rebuildUnit);
    const list: RebuildProgress[] = [];
    this.health.health.forEach((h, device) => {
      if (h === 'rebuilding') list.push({ device, done: Math.ceil(this.health.position[device]! / this.rebuildUnit), total });
    });
    return list;
  }

  /** RAID-R-2: space no device that has not failed has written is zero; skip it at no cost. */
  private skipUnwritten(position: number): number {
    const chunk = Math.floor((position * this.positionBytes) / CHUNK_BYTES);
    let next = Number.POSITIVE_INFINITY;
    this.devices.forEach((dev, d) => {
      if (!this.health.writable(d)) return;
      const c = dev.nextChunkFrom(chunk);
      if (c !== null) next = Math.min(next, c);
    });
    if (next === Number.POSITIVE_INFINITY) return this.rebuildEnd;
    return Math.max(position, Math.min(this.rebuildEnd, Math.floor((next * CHUNK_BYTES) / this.positionBytes)));
  }

  /** Chunk indexes written on any device that has not failed, ascending. */
  protected writtenChunks(): number[] {
    const chunks = new Set<number>();
    this.devices.forEach((dev, d) => {
      if (!this.health.writable(d)) return;
      for (let c = dev.nextChunkFrom(0); c !== null; c = dev.nextChunkFrom(c + 1)) chunks.add(c);
    });
    return [...chunks].sort((a, b) => a - b);
  }
}
