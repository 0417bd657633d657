import type { StorageDevice } from '../device/storage-device.ts';
import type { DeviceHealthTable } from './device-health.ts';
import type { RaidLevel } from './levels.ts';

/** Progress of one device's rebuild, in rebuild units. */
export interface RebuildProgress {
  readonly device: number;
  readonly done: number;
  readonly total: number;
}

/**
 * A RAID group: storage devices exposing one flat address space (seed Fig. 2A;
 * spec/raid.md, RAID-G-1). Reads never return a wrong byte: what cannot be read or
 * reconstructed is refused with DATA_LOSS before anything changes.
 */
export interface RaidGroup {
  readonly id: string;
  readonly level: RaidLevel;
  readonly devices: readonly StorageDevice[];
  readonly deviceBytes: number;
  readonly stripeUnitBytes: number;
  readonly capacityBytes: number;
  readonly health: DeviceHealthTable;
  /** Throws what `read`/`write` of this range would refuse with, touching nothing (RAID-D-5). */
  checkAccess(offset: number, length: number): void;
  read(offset: number, length: number): Uint8Array;
  /** Reads into `out` at `outOffset` (no allocation: volumes read straight into the host buffer). */
  readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void;
  write(offset: number, data: Uint8Array): void;
  failDevice(device: number): void;
  replaceDevice(device: number): void;
  /** Advances the rebuild by up to `units` rebuild units; returns how many it did. */
  rebuildStep(units: number): number;
  rebuildProgress(): RebuildProgress[];
  /** Invariant RAID-INV-1: every row whose devices are all readable is redundant. */
  checkRedundancy(): string[];
}

/** Rebuilds move in units of at least this many device bytes (RAID-R-1). */
export const REBUILD_UNIT_BYTES_MIN = 65536;
