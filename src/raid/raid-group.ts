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
  /** RAID-F-6: some bytes were lost when the group was re-created and have not been written since. */
  hasLostBytes(): boolean;
  /** Advances the rebuild by up to `units` rebuild units; returns how many it did. */
  rebuildStep(units: number): number;
  rebuildProgress(): RebuildProgress[];
  /**
   * Invariant RAID-INV-1: every row whose devices are all readable is redundant; with
   * `stripes` (device offset ranges [from, to), CHK-3), only those bytes of the rows they touch.
   */
  checkRedundancy(stripes?: readonly ByteRange[]): string[];
  /**
   * CHK-2: what may have changed since the last call, from the devices' own records: `'all'`
   * after a device failed or was replaced. Only a checker calls it.
   */
  takeChanges(): GroupChanges;
}

/** A half-open byte range [from, to). */
export type ByteRange = readonly [number, number];

/** CHK-2: logical byte ranges, merged and ascending. */
export interface RangeChanges {
  /** Bytes a host read may now return differently (data stored; parity of a row read degraded). */
  readonly data: readonly ByteRange[];
  /**
   * Device offsets (the same on every device of the group) whose redundancy may have changed
   * (RAID-INV-1): parity is per device offset, so only these bytes of each row need checking.
   */
  readonly stripes: readonly ByteRange[];
}

export type GroupChanges = 'all' | RangeChanges;

/** Rebuilds move in units of at least this many device bytes (RAID-R-1). */
export const REBUILD_UNIT_BYTES_MIN = 65536;
