import { CHUNK_BYTES } from '../kernels/arena.ts';
import { IoTally } from './io-tally.ts';
import { ParityIo } from './parity-io.ts';
import type { ByteRange, RaidGroup } from './raid-group.ts';
import { computeParity, type RunImages } from './recover.ts';
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

  /** Compares stored parity with parity computed from the stored data; no I/O is counted. */
  private checkRun(run: Run): string | null {
    const k = this.layout.dataCount;
    const roles = k + this.layout.parityCount;
    const length = this.imageLength(run);
    const ptr = this.arena.scratchBuffers(2 * roles, Math.max(1, length));
    const uncounted = new IoTally();
    for (let role = 0; role < roles; role++) this.loadRole(run, role, ptr[role]!, uncounted);
    const expected: RunImages = { arena: this.arena, ptr: ptr.slice(roles), dataCount: k, length };
    for (let j = 0; j < k; j++) this.arena.bytes().copyWithin(expected.ptr[j]!, ptr[j]!, ptr[j]! + length);
    computeParity(expected, this.layout.parityCount);
    for (let p = k; p < roles; p++) {
      this.arena.xorInto(expected.ptr[p]!, ptr[p]!, length);
      if (this.arena.isZero(expected.ptr[p]!, length)) continue;
      const rows = run.rows > 1 ? `rows ${run.row}..${run.row + run.rows - 1}` : `row ${run.row}`;
      return `${this.id}: ${rows}: ${p === k ? 'P' : 'Q'} on device ${this.roleDevice(run.row, p)} does not match the data`;
    }
    return null;
  }
}
