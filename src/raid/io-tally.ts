import type { StorageDevice } from '../device/storage-device.ts';

/**
 * Counts the I/O of one request: each device does at most one read and one write per
 * request (its touched range is contiguous), however many rows the request spans
 * (spec/raid.md, RAID-IO-1).
 */
export class IoTally {
  private readonly readBytes = new Map<StorageDevice, number>();
  private readonly writeBytes = new Map<StorageDevice, number>();

  read(device: StorageDevice, bytes: number): void {
    this.readBytes.set(device, (this.readBytes.get(device) ?? 0) + bytes);
  }

  write(device: StorageDevice, bytes: number): void {
    this.writeBytes.set(device, (this.writeBytes.get(device) ?? 0) + bytes);
  }

  /** Adds this request's I/O to the devices' counters. */
  commit(): void {
    for (const [device, bytes] of this.readBytes) {
      device.counters.reads++;
      device.counters.bytesRead += bytes;
    }
    for (const [device, bytes] of this.writeBytes) {
      device.counters.writes++;
      device.counters.bytesWritten += bytes;
    }
  }
}
