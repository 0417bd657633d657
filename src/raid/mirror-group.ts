import { StorageDevice } from '../device/storage-device.ts';
import { fail } from '../errors.ts';
import { Arena, CHUNK_BYTES } from '../kernels/arena.ts';
import { requireRange } from '../validate.ts';
import { DeviceHealthTable } from './device-health.ts';
import { IoTally } from './io-tally.ts';
import { type RaidGroup, type RebuildProgress, REBUILD_UNIT_BYTES_MIN } from './raid-group.ts';

/**
 * RAID1, an n-way mirror (spec/raid.md, RAID-M-1, RAID-M-2). Writes go to every device
 * that is not failed; reads come from the first device valid over the whole range.
 * Rebuild positions are in bytes.
 */
export class MirrorGroup implements RaidGroup {
  readonly level = 'raid1' as const;
  readonly devices: StorageDevice[];
  readonly health: DeviceHealthTable;
  readonly capacityBytes: number;

  constructor(
    readonly id: string,
    deviceCount: number,
    readonly deviceBytes: number,
    readonly stripeUnitBytes: number,
    readonly arena: Arena = new Arena(),
  ) {
    this.devices = Array.from({ length: deviceCount }, () => new StorageDevice(deviceBytes, arena));
    this.health = new DeviceHealthTable(deviceCount, deviceCount - 1);
    this.capacityBytes = deviceBytes;
  }

  checkAccess(offset: number, length: number): void {
    requireRange('access', offset, length, this.capacityBytes);
    this.readableDevice(offset, length);
  }

  read(offset: number, length: number): Uint8Array {
    requireRange('read', offset, length, this.capacityBytes);
    const out = new Uint8Array(length);
    this.readInto(offset, length, out, 0);
    return out;
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

  failDevice(device: number): void {
    for (const aborted of this.health.fail(device)) this.devices[aborted]!.fail();
    this.devices[device]!.fail();
  }

  replaceDevice(device: number): void {
    this.health.checkReplace(device);
    this.devices[device]!.replaceMedia();
    this.health.startRebuild(device);
  }

  rebuildStep(units: number): number {
    const tally = new IoTally();
    let done = 0;
    while (done < units) {
      const d = this.health.nextRebuilding();
      if (d < 0) break;
      const from = this.skipUnwritten(this.health.position[d]!);
      const to = Math.min(this.capacityBytes, from + REBUILD_UNIT_BYTES_MIN);
      if (from < to) {
        this.copyRange(d, from, to - from, tally);
        done++;
      }
      this.health.position[d] = to;
      if (to >= this.capacityBytes) this.health.finishRebuild(d);
    }
    tally.commit();
    return done;
  }

  rebuildProgress(): RebuildProgress[] {
    const total = Math.ceil(this.capacityBytes / REBUILD_UNIT_BYTES_MIN);
    const list: RebuildProgress[] = [];
    this.health.health.forEach((h, device) => {
      if (h === 'rebuilding') list.push({ device, done: Math.ceil(this.health.position[device]! / REBUILD_UNIT_BYTES_MIN), total });
    });
    return list;
  }

  /** RAID-INV-1 for mirrors: every readable copy holds the same bytes. */
  checkRedundancy(): string[] {
    const readable = this.devices.map((_, d) => d).filter((d) => this.health.readable(d, this.capacityBytes - 1));
    const problems: string[] = [];
    const [first, ...rest] = readable;
    if (first === undefined) return problems;
    for (const c of this.writtenChunks()) {
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

  /** RAID-M-2: a read needs one device valid over the whole range; an empty one touches none. */
  private readableDevice(offset: number, length: number): number {
    if (length === 0) return 0;
    const last = offset + length - 1;
    for (let d = 0; d < this.devices.length; d++) if (this.health.readable(d, last)) return d;
    return fail('DATA_LOSS', `bytes ${offset}..${last} are lost: every device of mirror ${this.id} has failed`);
  }

  private skipUnwritten(from: number): number {
    let next = Number.POSITIVE_INFINITY;
    this.devices.forEach((dev, d) => {
      if (!this.health.writable(d)) return;
      const c = dev.nextChunkFrom(Math.floor(from / CHUNK_BYTES));
      if (c !== null) next = Math.min(next, c);
    });
    if (next === Number.POSITIVE_INFINITY) return this.capacityBytes;
    return Math.max(from, Math.min(this.capacityBytes, next * CHUNK_BYTES));
  }

  private copyRange(d: number, offset: number, length: number, tally: IoTally): void {
    const source = this.readableDevice(offset, length);
    const [buf] = this.arena.scratchBuffers(1, length) as [number];
    this.devices[source]!.mediaToArena(offset, length, buf);
    tally.read(this.devices[source]!, length);
    this.devices[d]!.mediaFromArena(offset, buf, length, true);
    tally.write(this.devices[d]!, length);
  }

  private writtenChunks(): number[] {
    const chunks = new Set<number>();
    this.devices.forEach((dev, d) => {
      if (!this.health.writable(d)) return;
      for (let c = dev.nextChunkFrom(0); c !== null; c = dev.nextChunkFrom(c + 1)) chunks.add(c);
    });
    return [...chunks].sort((a, b) => a - b);
  }
}
