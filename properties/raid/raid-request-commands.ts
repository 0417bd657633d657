/**
 * The RAID harness's host requests (properties/raid/raid-model.ts): writes and reads (readInto
 * too), checked byte for byte against the reference, with the refusals of RAID-D-5 and the
 * device I/O they cost (RAID-IO-1, the write penalty, RAID-M-1/M-2).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Target } from './raid-aim.ts';
import { verifySurvivors } from './raid-checks.ts';
import { noteRebuildInterleave, RequestCommand } from './raid-command-base.ts';
import { assertIoEqual, assertIoPerRequest, assertNoIo, healthyReadIo, type Io, ioDelta, penaltyCase, totals } from './raid-io.ts';
import type { RaidReal } from './raid-real.ts';
import type { RaidModel } from './raid-reference.ts';
import { noteStraddle, readsAroundDevice } from './raid-witness.ts';
import { assertBytes, bump, expectCode, pattern } from '../harness/support.ts';

/** Some device cannot be read in a row the request touches: the degraded write path (RAID-W-4). */
function rowsDegraded(m: RaidModel, r: RaidReal, offset: number, length: number): boolean {
  if (m.allHealthy) return false;
  const L = m.layout;
  if (L.level === 'raid1') return true;
  const h = r.group.health;
  for (let row = Math.floor(offset / L.rowBytes); row * L.rowBytes < offset + length; row++) {
    for (let d = 0; d < L.devices; d++) if (!h.readable(d, row)) return true;
  }
  return false;
}

export class WriteCommand extends RequestCommand {
  constructor(
    target: Target,
    readonly seed: number,
  ) {
    super(target);
  }

  toString(): string {
    return this.describe('write');
  }

  [fc.cloneMethod](): WriteCommand {
    return new WriteCommand(this.target, this.seed);
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    const data = pattern(this.length, this.seed);
    const expected = m.expectedAccess(this.offset, this.length);
    bump(m.reached, 'writes');
    if (expected !== 'ok') {
      expectCode(expected, () => r.group.write(this.offset, data), what);
      assertNoIo(ioDelta(before, r.group), `${what} (refused)`);
      if (expected === 'DATA_LOSS') {
        bump(m.reached, 'writeDataLossRefusals');
        verifySurvivors(m, r, this.offset, this.length, `${what} (refused, must change nothing)`);
      } else bump(m.reached, 'outOfRangeRefusals');
      return;
    }
    if (this.length === 0) {
      r.group.write(this.offset, data);
      assertNoIo(ioDelta(before, r.group), `${what}: an empty write touches no device`);
      bump(m.reached, 'zeroLengthRequests');
      return;
    }
    const L = m.layout;
    const healthy = m.allHealthy;
    if (m.lost) bump(m.reached, 'writesOnLostGroup');
    else if (rowsDegraded(m, r, this.offset, this.length)) bump(m.reached, 'degradedWrite');
    else if (L.level !== 'raid1') {
      const end = this.offset + this.length;
      if (Math.floor(end / L.rowBytes) > Math.ceil(this.offset / L.rowBytes)) bump(m.reached, 'fullStripeWrite');
      if (this.offset % L.rowBytes !== 0 || end % L.rowBytes !== 0) bump(m.reached, 'rmwWrite');
    }
    noteRebuildInterleave(m, r);
    noteStraddle(m.reached, 'write', L, r.group.health, this.offset, this.length);
    r.group.write(this.offset, data);
    m.ref.set(data, this.offset);
    if (m.lostBytes.subarray(this.offset, this.offset + this.length).includes(1)) bump(m.reached, 'lostBytesRewritten');
    m.lostBytes.fill(0, this.offset, this.offset + this.length); // RAID-F-6
    if (!m.checkIo) return;
    const io = ioDelta(before, r.group);
    assertIoPerRequest(io, what, m.failedSet());
    const t = totals(io);
    if (L.level === 'raid1') {
      // RAID-M-1: one write per device that is not failed, no reads.
      io.forEach((x, d) => {
        const want = m.health[d] === 'failed' ? 0 : this.length;
        if (x.bytesWritten !== want || x.reads !== 0) assert.fail(`${what}: raid1 device ${d} did ${JSON.stringify(x)}, expected ${want} bytes written and no read`);
      });
    } else if (healthy) {
      const rule = penaltyCase(L, this.offset, this.length);
      if (rule && (t.reads !== rule.reads || t.writes !== rule.writes)) {
        assert.fail(`${what}: write penalty (${rule.name}): ${t.reads} reads + ${t.writes} writes, expected ${rule.reads} + ${rule.writes}`);
      }
    }
  }
}

/** Bytes around a readInto target: they must stay as they were. */
const SENTINEL = 0xa5;

export class ReadCommand extends RequestCommand {
  /** `into` > 0: readInto a buffer with `into` sentinel bytes on either side of the target. */
  constructor(
    target: Target,
    readonly into = 0,
  ) {
    super(target);
  }

  toString(): string {
    return this.into > 0 ? this.describe('readInto', `, at ${this.into}`) : this.describe('read');
  }

  [fc.cloneMethod](): ReadCommand {
    return new ReadCommand(this.target, this.into);
  }

  private perform(r: RaidReal): Uint8Array {
    if (this.into === 0) return r.group.read(this.offset, this.length);
    const buffer = new Uint8Array(this.length + 2 * this.into).fill(SENTINEL);
    r.group.readInto(this.offset, this.length, buffer, this.into);
    for (const [from, to] of [[0, this.into], [this.into + this.length, buffer.length]] as const) {
      for (let i = from; i < to; i++) {
        if (buffer[i] !== SENTINEL) assert.fail(`${this.toString()}: wrote byte ${i} of the buffer, outside [${this.into}, ${this.into + this.length})`);
      }
    }
    return buffer.subarray(this.into, this.into + this.length);
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    const expected = m.expectedAccess(this.offset, this.length, true);
    bump(m.reached, 'reads');
    if (expected !== 'ok') {
      expectCode(expected, () => this.perform(r), what);
      assertNoIo(ioDelta(before, r.group), `${what} (refused)`);
      bump(m.reached, expected === 'DATA_LOSS' ? 'readDataLossRefusals' : 'outOfRangeRefusals');
      if (!m.lost && expected === 'DATA_LOSS') bump(m.reached, 'lostBytesRefused');
      return;
    }
    if (this.into > 0) bump(m.reached, 'readIntos');
    if (this.length === 0) {
      assert.equal(this.perform(r).length, 0, `${what}: returned bytes`);
      assertNoIo(ioDelta(before, r.group), `${what}: an empty read touches no device`);
      bump(m.reached, 'zeroLengthRequests');
      return;
    }
    const L = m.layout;
    if (m.lost) bump(m.reached, 'readsOnLostGroup');
    else if (readsAroundDevice(L, r.group.health, this.offset, this.length)) bump(m.reached, 'degradedRead');
    noteRebuildInterleave(m, r);
    noteStraddle(m.reached, 'read', L, r.group.health, this.offset, this.length);
    const out = this.perform(r);
    assertBytes(out, m.ref.subarray(this.offset, this.offset + this.length), this.offset, what);
    if (!m.checkIo) return;
    const io = ioDelta(before, r.group);
    assertIoPerRequest(io, what, m.failedSet());
    const t = totals(io);
    if (t.writes !== 0) assert.fail(`${what}: a read wrote ${t.writes} device(s)`);
    if (L.level === 'raid1') {
      // RAID-M-2: exactly one device, valid over the whole range, serves the read.
      if (t.reads !== 1) assert.fail(`${what}: raid1 read used ${t.reads} devices, expected exactly 1`);
      const d = io.findIndex((x) => x.reads === 1);
      if (io[d]!.bytesRead !== this.length) assert.fail(`${what}: raid1 device ${d} read ${io[d]!.bytesRead} bytes, expected ${this.length}`);
      if (!r.group.health.readable(d, this.offset + this.length - 1)) assert.fail(`${what}: raid1 read from device ${d}, which is not valid there`);
    } else if (m.allHealthy) {
      assertIoEqual(io, healthyReadIo(L, this.offset, this.length), `${what}: healthy read I/O`);
    }
  }
}
