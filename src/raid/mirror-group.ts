import { StorageDevice } from '../device/storage-device.ts';
import { fail } from '../errors.ts';
import { Arena, CHUNK_BYTES } from '../kernels/arena.ts';
import { requireRange } from '../validate.ts';
import { DeviceHealthTable } from './device-health.ts';
import { IoTally } from './io-tally.ts';
import { type ByteRange, type RaidGroup, REBUILD_UNIT_BYTES_MIN } from './raid-group.ts';
import { RebuildingGroup } from './rebuilding-group.ts';

/**
 * RAID1, an n-way mirror (spec/raid.md, RAID-M-1, RAID-M-2). Writes go to every device
 * that is not failed; reads come from the first device valid over the whole range.
 * Rebuild positions are in bytes.
 */
export class MirrorGroup extends RebuildingGroup implements RaidGroup {
  readonly level = 'raid1' as const;
  readonly devices: StorageDevice[];
  readonly health: DeviceHealthTable;
  readonly capacityBytes: number;
  protected readonly positionBytes = 1;
  protected readonly rebuildUnit = REBUILD_UNIT_BYTES_MIN;
  protected get rebuildEnd(): number {
    return this.capacityBytes;
  }

  constructor(
    readonly id: string,
    deviceCount: number,
    readonly deviceBytes: number,
    readonly stripeUnitBytes: number,
    readonly arena: Arena = new Arena(),
  ) {
    super();
    this.devices = Array.from({ length: deviceCount }, () => new StorageDevice(deviceBytes, arena));
    this.health = new DeviceHealthTable(deviceCount, deviceCount - 1);
    this.capacityBytes = deviceBytes;
  }

  checkAccess(offset: number, length: number): void {
    requireRange('access', offset, length, this.capacityBytes);
    this.readableDevice(offset, length);
  }

  readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void {
    requireRange('read', offset, length, this.capacityBytes);
    if (length === 0) return;
    const source = this.readableDevice(offset, length);
    const tally = new IoTally();
    this.devices[source]!.mediaRead(offset, out, outOffset, length);
    tally.read(this.devices[source]!, length);
    tally.commit();
  }

  write(offset: number, data: Uint8Array): void {
    requireRange('write', offset, data.length, this.capacityBytes);
    if (data.length === 0) return;
    this.readableDevice(offset, data.length);
    const tally = new IoTally();
    this.devices.forEach((dev, d) => {
      if (!this.health.writable(d)) return;
      dev.mediaWrite(offset, data, 0, data.length);
      tally.write(dev, data.length);
    });
    tally.commit();
  }

  /** RAID-INV-1 for mirrors: every readable copy holds the same bytes (CHK-3: in `stripes` only). */
  checkRedundancy(stripes?: readonly ByteRange[]): string[] {
    const readable = this.devices.map((_, d) => d).filter((d) => this.health.readable(d, this.capacityBytes - 1));
    const problems: string[] = [];
    const [first, ...rest] = readable;
    if (first === undefined) return problems;
    for (const c of stripes ? chunksIn(stripes) : this.writtenChunks()) {
      const at = c * CHUNK_BYTES;
      const len = Math.min(CHUNK_BYTES, this.capacityBytes - at);
      if (len <= 0) continue;
      const [a, b] = this.arena.scratchBuffers(2, len) as [number, number];
      this.devices[first]!.mediaToArena(at, len, a);
      for (const d of rest) {
        this.devices[d]!.mediaToArena(at, len, b);
        this.arena.xorInto(b, a, len);
        if (!this.arena.isZero(b, len)) problems.push(`${this.id}: device ${d} differs from device ${first} at bytes ${at}..${at + len - 1}`);
      }
    }
    return problems;
  }

  /** CHK-2: a mirror's device bytes are its logical bytes. */
  protected logicalOf(_d: number, from: number, to: number, data: ByteRange[]): void {
    data.push([Math.min(from, this.capacityBytes), Math.min(to, this.capacityBytes)]);
  }

  /** RAID-M-2: a read needs one device valid over the whole range; an empty one touches none. */
  private readableDevice(offset: number, length: number): number {
    if (length === 0) return 0;
    const last = offset + length - 1;
    for (let d = 0; d < this.devices.length; d++) if (this.health.readable(d, last)) return d;
    return fail('DATA_LOSS', `bytes ${offset}..${last} are lost: every device of mirror ${this.id} has failed`);
  }

  /** RAID-R-1 for mirrors: copy the range from a valid copy. */
  protected rebuildRange(d: number, from: number, to: number, tally: IoTally): void {
    const offset = from;
    const length = to - from;
    const source = this.readableDevice(offset, length);
    const [buf] = this.arena.scratchBuffers(1, length) as [number];
    this.devices[source]!.mediaToArena(offset, length, buf);
    tally.read(this.devices[source]!, length);
    this.devices[d]!.mediaFromArena(offset, buf, length);
    tally.write(this.devices[d]!, length);
  }


}

/** The 4 KiB chunks that half-open ranges touch, ascending, each once. */
function chunksIn(ranges: readonly ByteRange[]): number[] {
  const out: number[] = [];
  for (const [a, b] of ranges) {
    for (let c = Math.floor(a / CHUNK_BYTES); c * CHUNK_BYTES < b; c++) if (out[out.length - 1] !== c) out.push(c);
  }
  return out;
}
