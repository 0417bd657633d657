/**
 * The commands of VOL-INV-2.addressTranslation (properties/vol/vol-address-translation.ts):
 * writes and reads checked against the flat reference, refused whole with DATA_LOSS when a
 * piece touches a lost unit (VOL-A-3); locate and pieces (VOL-A-1, VOL-A-2); device failures.
 */
import assert from 'node:assert/strict';
import type { Vol, VolCommand, VolModel, VolReal } from './vol-reference.ts';
import { assertBytes, bump, expectCode, pattern } from '../harness/support.ts';

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

export class VolWrite implements VolCommand {
  constructor(
    readonly vi: number,
    readonly offset: number,
    readonly length: number,
    readonly seed: number,
  ) {}

  check(m: Readonly<VolModel>): boolean {
    return this.vi < m.vols.length;
  }

  toString(): string {
    return `write(v${this.vi}, ${this.offset}, ${bytes(this.length)})`;
  }

  run(m: VolModel, _r: VolReal): void {
    const v = m.vols[this.vi]!;
    const what = this.toString();
    const data = pattern(this.length, this.seed);
    bump(m.reached, 'commands');
    if (this.offset + this.length > v.spec.bytes) {
      expectCode('OUT_OF_RANGE', () => v.volume.write(this.offset, data), what);
      bump(m.reached, 'outOfRangeRefusals');
      return;
    }
    const pieces = m.pieces(v, this.offset, this.length);
    const crossing = pieces.length > 1;
    if (pieces.some((p) => m.pieceLost(p))) {
      expectCode('DATA_LOSS', () => v.volume.write(this.offset, data), what);
      m.verifySurvivors(v, this.offset, this.length, `${what} refused, must change nothing`);
      bump(m.reached, 'writesRefused');
      if (crossing) bump(m.reached, 'crossingWritesRefused');
      if (crossing && pieces.some((p) => !m.pieceLost(p))) bump(m.reached, 'crossingRefusedWithGoodPiece');
      if (crossing && new Set(pieces.map((p) => p.gi)).size > 1) bump(m.reached, 'crossingRefusedAcrossGroups');
      return;
    }
    v.volume.write(this.offset, data);
    v.ref.set(data, this.offset);
    bump(m.reached, crossing ? 'crossingWrites' : 'writes');
    if (crossing && new Set(pieces.map((p) => p.gi)).size > 1) bump(m.reached, 'writesAcrossGroups');
    if (pieces.some((p) => m.lost(p.gi))) bump(m.reached, 'writesOnLostGroupSurvivors');
  }
}

export class VolRead implements VolCommand {
  /** `into` > 0: readInto a buffer with `into` sentinel bytes on either side of the target. */
  constructor(
    readonly vi: number,
    readonly offset: number,
    readonly length: number,
    readonly into = 0,
  ) {}

  check(m: Readonly<VolModel>): boolean {
    return this.vi < m.vols.length;
  }

  toString(): string {
    const args = `v${this.vi}, ${this.offset}, ${bytes(this.length)}`;
    return this.into > 0 ? `readInto(${args}, at ${this.into})` : `read(${args})`;
  }

  private perform(v: Vol): Uint8Array {
    if (this.into === 0) return v.volume.read(this.offset, this.length);
    const buffer = new Uint8Array(this.length + 2 * this.into).fill(0xa5);
    v.volume.readInto(this.offset, this.length, buffer, this.into);
    for (let i = 0; i < buffer.length; i++) {
      if ((i < this.into || i >= this.into + this.length) && buffer[i] !== 0xa5) {
        assert.fail(`${this.toString()}: wrote byte ${i} of the buffer, outside [${this.into}, ${this.into + this.length})`);
      }
    }
    return buffer.subarray(this.into, this.into + this.length);
  }

  run(m: VolModel, _r: VolReal): void {
    const v = m.vols[this.vi]!;
    const what = this.toString();
    bump(m.reached, 'commands');
    if (this.offset + this.length > v.spec.bytes) {
      expectCode('OUT_OF_RANGE', () => this.perform(v), what);
      bump(m.reached, 'outOfRangeRefusals');
      return;
    }
    const pieces = m.pieces(v, this.offset, this.length);
    if (pieces.some((p) => m.pieceLost(p))) {
      expectCode('DATA_LOSS', () => this.perform(v), what);
      bump(m.reached, 'readsRefused');
      return;
    }
    assertBytes(this.perform(v), v.ref.subarray(this.offset, this.offset + this.length), this.offset, what);
    bump(m.reached, pieces.length > 1 ? 'crossingReads' : 'reads');
    if (this.into > 0) bump(m.reached, 'readIntos');
  }
}

export class Locate implements VolCommand {
  constructor(
    readonly vi: number,
    readonly address: number,
    readonly length: number,
  ) {}

  check(m: Readonly<VolModel>): boolean {
    return this.vi < m.vols.length;
  }

  toString(): string {
    return `locate(v${this.vi}, ${this.address})`;
  }

  run(m: VolModel, _r: VolReal): void {
    const v = m.vols[this.vi]!;
    const what = this.toString();
    bump(m.reached, 'commands');
    bump(m.reached, 'locates');
    const { entry, ldevOffset } = v.volume.locate(this.address);
    const e = Math.floor(this.address / m.L);
    assert.equal(entry, v.volume.table[e], `${what}: entry ${e} = floor(address / ldevBytes)`);
    assert.equal(ldevOffset, this.address % m.L, `${what}: LDEV offset = address mod ldevBytes`);
    assert.ok(entry.first <= this.address && this.address <= entry.last, `${what}: address inside the entry's range [${entry.first}, ${entry.last}]`);
    const length = Math.min(this.length, v.spec.bytes - this.address);
    const pieces = v.volume.pieces(this.address, length);
    const mine = m.pieces(v, this.address, length);
    assert.equal(pieces.length, mine.length, `${what}: pieces(${this.address}, ${length}) count`);
    pieces.forEach((p, i) => {
      const q = mine[i]!;
      assert.equal(p.hostOffset, q.at - this.address, `${what}: piece ${i} host offset`);
      assert.equal(p.length, q.length, `${what}: piece ${i} length`);
      assert.equal(p.ldev.groupOffset + p.ldevOffset, q.groupOffset, `${what}: piece ${i} group offset`);
      assert.ok(p.ldevOffset + p.length <= m.L, `${what}: piece ${i} stays inside its LDEV`);
    });
  }
}

/** Fails the listed devices of a group that are not failed yet (a list past tolerance loses data). */
export class FailDevices implements VolCommand {
  constructor(
    readonly gi: number,
    readonly devices: readonly number[],
  ) {}

  check(m: Readonly<VolModel>): boolean {
    const g = m.groups[this.gi];
    return g !== undefined && this.devices.some((d) => d < g.layout.devices && !g.failed.has(d));
  }

  toString(): string {
    return `failDevices(rg${this.gi}, [${this.devices.join(', ')}])`;
  }

  run(m: VolModel, _r: VolReal): void {
    const g = m.groups[this.gi]!;
    bump(m.reached, 'commands');
    const wasLost = m.lost(this.gi);
    for (const d of this.devices) {
      if (d >= g.layout.devices || g.failed.has(d)) continue;
      g.group.failDevice(d);
      g.failed.add(d);
    }
    assert.equal(g.group.health.lost, m.lost(this.gi), `${this.toString()}: health.lost`);
    if (!wasLost && m.lost(this.gi)) bump(m.reached, 'lostGroups');
  }
}
