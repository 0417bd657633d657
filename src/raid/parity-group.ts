import { CHUNK_BYTES } from '../kernels/arena.ts';
import { pieceLength } from '../device/storage-device.ts';
import { ParityIo } from './parity-io.ts';
import type { ByteRange, RaidGroup } from './raid-group.ts';
import type { Run } from './runs.ts';

/**
 * A RAID3, RAID5 or RAID6 group (spec/raid.md): the requests of ParityIo (parity-io.ts), and
 * what a checker asks of it — RAID-INV-1 over the written rows or the changed device offsets
 * (CHK-3), and which logical bytes its devices' changes touch (CHK-2).
 */
export class ParityGroup extends ParityIo implements RaidGroup {
  checkRedundancy(stripes?: readonly ByteRange[]): string[] {
    if (this.health.lost) return [];
    const problems: string[] = [];
    for (const run of stripes ? this.runsIn(stripes) : this.writtenRuns()) {
      if (this.missing(run.row).length > 0) continue;
      const problem = this.checkRun(run);
      if (problem) problems.push(problem);
    }
    return problems;
  }

  /**
   * CHK-2: a data unit's bytes are its logical bytes; P or Q changes the row's data where
   * the row reads degraded (a unit is reconstructed from them).
   */
  protected logicalOf(d: number, from: number, to: number, data: ByteRange[]): void {
    const u = this.stripeUnitBytes;
    const R = this.rowBytes();
    const end = Math.min(this.layout.rows, Math.ceil(to / u));
    for (let row = Math.floor(from / u); row < end; row++) {
      const lo = Math.max(from, row * u) - row * u;
      const hi = Math.min(to, (row + 1) * u) - row * u;
      const role = this.roleOf(row, d);
      if (role < this.layout.dataCount) data.push([row * R + role * u + lo, row * R + role * u + hi]);
      else if (this.missing(row).length > 0) data.push([row * R, (row + 1) * R]);
    }
  }

  /** Runs covering every row some device has written (the rest is all zero, hence redundant). */
  private *writtenRuns(): Generator<Run> {
    const u = this.stripeUnitBytes;
    let nextRow = 0;
    for (const c of this.writtenChunks()) {
      const first = Math.max(nextRow, Math.floor((c * CHUNK_BYTES) / u));
      const end = Math.min(this.layout.rows, Math.ceil(((c + 1) * CHUNK_BYTES) / u));
      yield* this.rowRuns(first, end);
      nextRow = Math.max(nextRow, end);
    }
  }

  /** CHK-3: one run per row of device offsets [a, b), over those bytes of the row only (ranges ascending, disjoint). */
  private *runsIn(stripes: readonly ByteRange[]): Generator<Run> {
    const u = this.stripeUnitBytes;
    for (const [a, b] of stripes) {
      const end = Math.min(this.layout.rows, Math.ceil(b / u));
      for (let row = Math.floor(a / u); row < end; row++) {
        const lo = Math.max(a, row * u) - row * u;
        const hi = Math.min(b, (row + 1) * u) - row * u;
        yield { row, rows: 1, lo, hi, full: lo === 0 && hi === u, units: [] };
      }
    }
  }

  private *rowRuns(first: number, end: number): Generator<Run> {
    const u = this.stripeUnitBytes;
    for (let row = first; row < end; ) {
      const rows = this.layout.fixedRoles ? Math.min(end - row, this.readabilityChange(row) - row) : 1;
      yield { row, rows, lo: 0, hi: u, full: true, units: [] };
      row += rows;
    }
  }

  /**
   * Compares stored parity with parity computed from the stored data; no I/O is counted. The
   * kernels read the devices' chunks where they lie (every role of a run has the same device
   * offsets), a piece of at most one chunk at a time; a piece no device has written is redundant.
   */
  private checkRun(run: Run): string | null {
    const k = this.layout.dataCount;
    const parity = this.layout.parityCount;
    const devices = Array.from({ length: k + parity }, (_, role) => this.devices[this.roleDevice(run.row, role)]!);
    for (const d of devices) d.assertUsable();
    const mine = this.arena.scratchBuffers(parity, CHUNK_BYTES);
    const ptr = new Array<number>(k + parity);
    const from = run.row * this.stripeUnitBytes + run.lo;
    const to = from + this.imageLength(run);
    for (let at = from, len = 0; at < to; at += len) {
      len = pieceLength(at, to - at);
      for (let role = 0; role < k + parity; role++) ptr[role] = devices[role]!.readPointer(at);
      const zero = this.arena.zeroChunk + (at % CHUNK_BYTES);
      if (ptr.every((x) => x === zero)) continue; // nothing written here on any device
      const data = ptr.slice(0, k);
      if (parity === 1) this.arena.xorMany(mine[0]!, data, len);
      else this.arena.genPQ(mine[0]!, mine[1]!, data, len);
      for (let j = 0; j < parity; j++) {
        this.arena.xorInto(mine[j]!, ptr[k + j]!, len);
        if (this.arena.isZero(mine[j]!, len)) continue;
        const rows = run.rows > 1 ? `rows ${run.row}..${run.row + run.rows - 1}` : `row ${run.row}`;
        return `${this.id}: ${rows}: ${j === 0 ? 'P' : 'Q'} on device ${this.roleDevice(run.row, k + j)} does not match the data`;
      }
    }
    return null;
  }
}
