/**
 * The RAID harness's reference model (properties/raid/raid-model.ts): a flat reference
 * `Uint8Array` of the group's capacity, the stripe layout recomputed (raid-layout.ts) and
 * device health; which requests must be refused and with which code (RAID-D-5), and what a
 * failure does to the rebuilds under way (RAID-F-1/F-3).
 */
import type { DeviceHealth } from '../../src/raid/device-health.ts';
import { type Geometry, type RefLayout, refLayout, unitPieces } from './raid-layout.ts';
import { bump, type Counters } from '../harness/support.ts';

export class RaidModel {
  readonly layout: RefLayout;
  readonly ref: Uint8Array;
  readonly health: DeviceHealth[];
  /** RAID-F-6: 1 where a byte was lost at a re-creation and not written since (reads refuse it). */
  readonly lostBytes: Uint8Array;

  constructor(
    readonly geometry: Geometry,
    readonly reached: Counters | undefined,
    /** Check device I/O counts (RAID-IO-1, write penalty, which devices a healthy read uses). */
    readonly checkIo = true,
  ) {
    this.layout = refLayout(geometry);
    this.ref = new Uint8Array(this.layout.capacity);
    this.health = Array.from({ length: geometry.devices }, () => 'healthy' as DeviceHealth);
    this.lostBytes = new Uint8Array(this.layout.capacity);
  }

  count(state: DeviceHealth): number {
    return this.health.filter((h) => h === state).length;
  }

  /** More devices failed than the level survives (RAID-F-4): some data is gone for good. */
  get lost(): boolean {
    return this.count('failed') > this.layout.tolerance;
  }

  get allHealthy(): boolean {
    return this.health.every((h) => h === 'healthy');
  }

  failedSet(): Set<number> {
    const s = new Set<number>();
    this.health.forEach((h, d) => {
      if (h === 'failed') s.add(d);
    });
    return s;
  }

  /**
   * What a read or write of the range must do (RAID-D-5: refuse touching lost data, nothing
   * else; RAID-F-6: a read refuses bytes lost at a re-creation, a write stores them).
   */
  expectedAccess(offset: number, length: number, read = false): 'ok' | 'OUT_OF_RANGE' | 'DATA_LOSS' {
    if (offset + length > this.layout.capacity) return 'OUT_OF_RANGE';
    if (read && length > 0 && this.lostBytes.subarray(offset, offset + length).includes(1)) return 'DATA_LOSS';
    if (!this.lost || length === 0) return 'ok';
    if (this.layout.level === 'raid1') return 'DATA_LOSS';
    const failed = this.failedSet();
    for (const p of unitPieces(this.layout, offset, length)) {
      if (failed.has(this.layout.dataDevice(p.row, p.unit))) return 'DATA_LOSS';
    }
    return 'ok';
  }

  /** RAID-F-6: every failed device is replaced at once; the data units they held are lost. */
  recreate(): void {
    const L = this.layout;
    this.health.forEach((h, d) => {
      if (h !== 'failed') return;
      for (let row = 0; row < L.rows; row++) {
        for (let j = 0; j < L.dataCount; j++) {
          if (L.dataDevice(row, j) === d) this.lostBytes.fill(1, row * L.rowBytes + j * L.unit, row * L.rowBytes + (j + 1) * L.unit);
        }
      }
      this.health[d] = 'healthy';
    });
    bump(this.reached, 'recreatedGroups');
  }

  /** The sub-ranges of [offset, offset+length) no re-creation lost (RAID-F-6), as [at, length]. */
  readableSpans(offset: number, length: number): [number, number][] {
    const out: [number, number][] = [];
    let start = -1;
    for (let i = offset; i <= offset + length; i++) {
      const readable = i < offset + length && this.lostBytes[i] === 0;
      if (readable && start < 0) start = i;
      if (!readable && start >= 0) {
        out.push([start, i - start]);
        start = -1;
      }
    }
    return out;
  }

  /** Applies RAID-F-1/F-3: a failure beyond what the level survives aborts every rebuild. */
  fail(device: number): void {
    const wasLost = this.lost;
    this.health[device] = 'failed';
    if (this.count('failed') + this.count('rebuilding') > this.layout.tolerance) {
      this.health.forEach((h, d) => {
        if (h === 'rebuilding') {
          this.health[d] = 'failed';
          bump(this.reached, 'rebuildsAborted');
        }
      });
    }
    if (!wasLost && this.lost) bump(this.reached, 'lostGroups');
  }
}
