/**
 * The reference model of VOL-INV-2.addressTranslation (properties/vol/vol-address-translation.ts):
 * a flat reference per volume, the group of every table entry, the failed devices of every
 * group; how a request cuts at LDEV boundaries (VOL-A-2) and which pieces touch lost units
 * (RAID-D-5).
 */
import type fc from 'fast-check';
import type { RaidGroup } from '../../src/raid/raid-group.ts';
import type { StorageSystem } from '../../src/system/storage-system.ts';
import type { LogicalVolume } from '../../src/volume/logical-volume.ts';
import { type RefLayout, survivingSpans, unitPieces } from '../raid/raid-model.ts';
import { assertBytes, type Counters, spread } from '../harness/support.ts';
import type { VolumeSpec } from './vol-scenario.ts';

export interface VolGroup {
  readonly id: string;
  readonly layout: RefLayout;
  readonly group: RaidGroup;
  readonly failed: Set<number>;
}

export interface Vol {
  readonly id: string;
  readonly spec: VolumeSpec;
  readonly volume: LogicalVolume;
  readonly ref: Uint8Array;
  /** Group index of each table entry. */
  readonly entryGroups: number[];
}

export class VolModel {
  constructor(
    readonly L: number,
    readonly groups: readonly VolGroup[],
    readonly vols: readonly Vol[],
    readonly reached: Counters | undefined,
  ) {}

  lost(gi: number): boolean {
    const g = this.groups[gi]!;
    return g.failed.size > g.layout.tolerance;
  }

  /** The request cut at LDEV boundaries, with group and group offset of each piece (model's own account). */
  pieces(v: Vol, offset: number, length: number): { gi: number; at: number; groupOffset: number; length: number }[] {
    const list = [];
    for (let at = offset; at < offset + length; ) {
      const e = Math.floor(at / this.L);
      const len = Math.min((e + 1) * this.L, offset + length) - at;
      const ldev = v.volume.table[e]!.ldev;
      list.push({ gi: v.entryGroups[e]!, at, groupOffset: ldev.groupOffset + (at - e * this.L), length: len });
      at += len;
    }
    return list;
  }

  /** Whether a piece touches a lost unit (RAID-D-5): raid1 all of it, striped its units on failed devices. */
  pieceLost(p: { gi: number; groupOffset: number; length: number }): boolean {
    if (!this.lost(p.gi)) return false;
    const g = this.groups[p.gi]!;
    if (g.layout.level === 'raid1') return true;
    for (const u of unitPieces(g.layout, p.groupOffset, p.length)) if (g.failed.has(g.layout.dataDevice(u.row, u.unit))) return true;
    return false;
  }

  /** Reads every surviving byte of the range, piece by piece, and compares it with the reference. */
  verifySurvivors(v: Vol, offset: number, length: number, what: string): void {
    for (const p of this.pieces(v, offset, length)) {
      const g = this.groups[p.gi]!;
      const spans = this.lost(p.gi) ? survivingSpans(g.layout, p.groupOffset, p.length, g.failed) : [[p.groupOffset, p.length] as [number, number]];
      for (const [go, len] of spread(spans, 16)) {
        const at = p.at + (go - p.groupOffset);
        assertBytes(v.volume.read(at, len), v.ref.subarray(at, at + len), at, `${what}: ${v.id} bytes ${at}+${len} (${g.id})`);
      }
    }
  }
}

export interface VolReal {
  readonly system: StorageSystem;
}

export type VolCommand = fc.Command<VolModel, VolReal>;
