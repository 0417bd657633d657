import { requireRange } from '../validate.ts';
import type { Emulation } from './emulation.ts';
import type { Ldev } from './ldev-pool.ts';

/** One entry of the seed's logical volume information table 300 (Fig. 3): LDEV 301 + range 308. */
export interface VolumeTableEntry {
  readonly ldev: Ldev;
  /** Inclusive logical address range of the volume mapped on this LDEV. */
  readonly first: number;
  readonly last: number;
}

/** A host I/O cut at LDEV boundaries. */
export interface VolumePiece {
  readonly ldev: Ldev;
  readonly ldevOffset: number;
  readonly hostOffset: number;
  readonly length: number;
}

/**
 * A logical volume mapped on logical storage devices (spec/volumes.md, VOL-A-1..VOL-A-3).
 * Entry i maps logical addresses [i·ldevBytes, (i+1)·ldevBytes); the last entry may be used
 * in part.
 */
export class LogicalVolume {
  readonly table: VolumeTableEntry[];

  constructor(
    readonly id: string,
    readonly emulation: Emulation,
    readonly ldevBytes: number,
    ldevs: readonly Ldev[],
  ) {
    this.table = ldevs.map((ldev, i) => ({
      ldev,
      first: i * ldevBytes,
      last: Math.min((i + 1) * ldevBytes, emulation.bytes) - 1,
    }));
  }

  get bytes(): number {
    return this.emulation.bytes;
  }

  get tracks(): number {
    return this.emulation.tracks;
  }

  /** Bytes of LDEV capacity the volume holds (whole LDEVs). */
  get allocatedBytes(): number {
    return this.table.length * this.ldevBytes;
  }

  /** VOL-A-1: the seed's division: quotient = table entry, remainder = LDEV address. */
  locate(address: number): { entry: VolumeTableEntry; ldevOffset: number } {
    const entry = this.table[Math.floor(address / this.ldevBytes)]!;
    return { entry, ldevOffset: address % this.ldevBytes };
  }

  /** VOL-A-2: a request cut into pieces that each stay inside one LDEV. */
  pieces(offset: number, length: number): VolumePiece[] {
    const list: VolumePiece[] = [];
    let at = offset;
    while (at < offset + length) {
      const { entry, ldevOffset } = this.locate(at);
      const len = Math.min(this.ldevBytes - ldevOffset, offset + length - at);
      list.push({ ldev: entry.ldev, ldevOffset, hostOffset: at - offset, length: len });
      at += len;
    }
    return list;
  }

  /** VOL-A-3: refused pieces are found before any piece is touched, so a refusal changes nothing. */
  read(offset: number, length: number): Uint8Array {
    requireRange(`volume ${this.id} read`, offset, length, this.bytes);
    const out = new Uint8Array(length); // allocated only once the range is known to be sane
    this.readInto(offset, length, out, 0);
    return out;
  }

  /** `read` into a caller's buffer at `outOffset` (a controller's cache slot): no allocation. */
  readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void {
    requireRange(`volume ${this.id} read`, offset, length, this.bytes);
    requireRange('read buffer', outOffset, length, out.length);
    const pieces = this.pieces(offset, length);
    for (const p of pieces) p.ldev.group.checkAccess(p.ldev.groupOffset + p.ldevOffset, p.length);
    for (const p of pieces) p.ldev.group.readInto(p.ldev.groupOffset + p.ldevOffset, p.length, out, outOffset + p.hostOffset);
  }

  /** What `read`/`write` of this range would refuse with, touching nothing (VOL-A-3). */
  checkAccess(offset: number, length: number): void {
    requireRange(`volume ${this.id} access`, offset, length, this.bytes);
    for (const p of this.pieces(offset, length)) p.ldev.group.checkAccess(p.ldev.groupOffset + p.ldevOffset, p.length);
  }

  write(offset: number, data: Uint8Array): void {
    requireRange(`volume ${this.id} write`, offset, data.length, this.bytes);
    const pieces = this.pieces(offset, data.length);
    for (const p of pieces) p.ldev.group.checkAccess(p.ldev.groupOffset + p.ldevOffset, p.length);
    for (const p of pieces) {
      p.ldev.group.write(p.ldev.groupOffset + p.ldevOffset, data.subarray(p.hostOffset, p.hostOffset + p.length));
    }
  }

  trackRange(track: number): { offset: number; length: number } {
    const offset = track * this.emulation.trackBytes;
    return { offset, length: Math.min(this.emulation.trackBytes, this.bytes - offset) };
  }
}
