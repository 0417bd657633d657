/**
 * Model-based test harness for one RAID group (spec/raid.md): fast-check `fc.commands`
 * named after requests, run against a flat reference `Uint8Array` of the group's capacity
 * and an independent model of device health and of the stripe layout.
 *
 * The model knows the rules, not the implementation: which device holds which stripe unit
 * (RAID-L-1..3, recomputed here), tolerance per level, when a request must be refused and
 * with which code, and how many device I/Os a request costs (RAID-IO-1, write penalty).
 * After every command the group's health must equal the model's, and `checkRedundancy()`
 * must report nothing (RAID-INV-1).
 *
 * The group comes from a factory, so broken variants (properties/raid-broken-variants.test.ts)
 * run through the very same commands.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRaidGroup } from '../src/raid/create-group.ts';
import type { DeviceHealth } from '../src/raid/device-health.ts';
import type { RaidLevel } from '../src/raid/levels.ts';
import type { RaidGroup } from '../src/raid/raid-group.ts';
import { assertBytes, bump, type Counters, expectCode, pattern, spread } from './support.ts';

// ---------------------------------------------------------------------------
// Rules of the levels (restated from the spec, not imported from src/)

export const LEVELS = ['raid1', 'raid3', 'raid5', 'raid6'] as const satisfies readonly RaidLevel[];
export const MIN_DEVICES: Readonly<Record<RaidLevel, number>> = { raid1: 2, raid3: 3, raid5: 3, raid6: 4 };
/** raid1 survives n-1 failed devices, raid3/raid5 one, raid6 two. */
export function toleranceOf(level: RaidLevel, devices: number): number {
  return level === 'raid1' ? devices - 1 : level === 'raid6' ? 2 : 1;
}
/** RAID-R-1: a rebuild unit covers at least this many device bytes. */
export const REBUILD_UNIT_BYTES = 65536;
/** Sparse media are allocated in chunks of this many device bytes (rebuilds skip unwritten ones). */
export const CHUNK_BYTES = 4096;

export interface Geometry {
  readonly level: RaidLevel;
  readonly devices: number;
  readonly deviceBytes: number;
  readonly stripeUnitBytes: number;
}

export type GroupFactory = (g: Geometry) => RaidGroup;

/** The group under test: the real one. */
export const specGroup: GroupFactory = (g) => createRaidGroup({ id: `rg-${g.level}`, ...g });

/** Where the model expects every stripe unit: md left-symmetric RAID5, Q after P, RAID3 parity last. */
export interface RefLayout {
  readonly level: RaidLevel;
  readonly devices: number;
  readonly unit: number;
  /** Data units per row (1 for raid1, whose "row" is just a unit-sized address step). */
  readonly dataCount: number;
  readonly parityCount: number;
  readonly rows: number;
  readonly rowBytes: number;
  readonly capacity: number;
  readonly tolerance: number;
  dataDevice(row: number, unit: number): number;
  parityDevices(row: number): readonly number[];
}

export function refLayout(g: Geometry): RefLayout {
  const n = g.devices;
  const u = g.stripeUnitBytes;
  const rows = Math.floor(g.deviceBytes / u);
  const tolerance = toleranceOf(g.level, n);
  const base = { level: g.level, devices: n, unit: u, rows, tolerance };
  if (g.level === 'raid1') {
    return {
      ...base, dataCount: 1, parityCount: 0, rowBytes: u, capacity: g.deviceBytes,
      dataDevice: () => 0,
      parityDevices: () => [],
    };
  }
  const m = g.level === 'raid6' ? 2 : 1;
  const k = n - m;
  const shape = { ...base, dataCount: k, parityCount: m, rowBytes: k * u, capacity: rows * k * u };
  if (g.level === 'raid3') {
    const parity = [n - 1];
    return { ...shape, dataDevice: (_row, unit) => unit, parityDevices: () => parity };
  }
  const p = (row: number) => n - 1 - (row % n);
  return {
    ...shape,
    dataDevice: (row, unit) => (p(row) + m + unit) % n,
    parityDevices: (row) => (m === 2 ? [p(row), (p(row) + 1) % n] : [p(row)]),
  };
}

/** A request's bytes cut at stripe-unit boundaries (parity levels). `at` is the group address. */
export interface UnitPiece {
  readonly row: number;
  readonly unit: number;
  readonly a: number;
  readonly b: number;
  readonly at: number;
}

export function* unitPieces(L: RefLayout, offset: number, length: number): Generator<UnitPiece> {
  const end = offset + length;
  let at = offset;
  while (at < end) {
    const row = Math.floor(at / L.rowBytes);
    const inRow = at - row * L.rowBytes;
    const unit = Math.floor(inRow / L.unit);
    const a = inRow - unit * L.unit;
    const b = Math.min(L.unit, a + (end - at));
    yield { row, unit, a, b, at };
    at += b - a;
  }
}

/** Maximal spans of [offset, offset+length) whose data units avoid `lost` devices. */
export function survivingSpans(L: RefLayout, offset: number, length: number, lost: ReadonlySet<number>): [number, number][] {
  const spans: [number, number][] = [];
  if (L.level === 'raid1') return lost.size >= L.devices ? spans : [[offset, length]];
  for (const p of unitPieces(L, offset, length)) {
    if (lost.has(L.dataDevice(p.row, p.unit))) continue;
    const last = spans[spans.length - 1];
    if (last && last[0] + last[1] === p.at) last[1] += p.b - p.a;
    else spans.push([p.at, p.b - p.a]);
  }
  return spans;
}

// ---------------------------------------------------------------------------
// I/O expectations (RAID-IO-1 and the write penalty)

export interface Io {
  reads: number;
  writes: number;
  bytesRead: number;
  bytesWritten: number;
}

export function snapshot(g: RaidGroup): Io[] {
  return g.devices.map((d) => ({ ...d.counters }));
}

export function ioDelta(before: readonly Io[], g: RaidGroup): Io[] {
  return g.devices.map((d, i) => {
    const b = before[i]!;
    const c = d.counters;
    return { reads: c.reads - b.reads, writes: c.writes - b.writes, bytesRead: c.bytesRead - b.bytesRead, bytesWritten: c.bytesWritten - b.bytesWritten };
  });
}

export function totals(io: readonly Io[]): Io {
  return io.reduce(
    (t, x) => ({ reads: t.reads + x.reads, writes: t.writes + x.writes, bytesRead: t.bytesRead + x.bytesRead, bytesWritten: t.bytesWritten + x.bytesWritten }),
    { reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0 },
  );
}

function zeroIo(n: number): Io[] {
  return Array.from({ length: n }, () => ({ reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0 }));
}

function countsFromBytes(io: Io[]): Io[] {
  for (const x of io) {
    x.reads = x.bytesRead > 0 ? 1 : 0;
    x.writes = x.bytesWritten > 0 ? 1 : 0;
  }
  return io;
}

/** RAID-IO-1: per request, each device does at most one read and one write, bytes summed. */
export function assertIoPerRequest(io: readonly Io[], what: string, failed: ReadonlySet<number> = new Set()): void {
  io.forEach((x, d) => {
    if (x.reads !== 0 && x.reads !== 1) assert.fail(`${what}: RAID-IO-1: device ${d} counted ${x.reads} reads in one request`);
    if (x.writes !== 0 && x.writes !== 1) assert.fail(`${what}: RAID-IO-1: device ${d} counted ${x.writes} writes in one request`);
    if ((x.bytesRead > 0) !== (x.reads === 1)) assert.fail(`${what}: RAID-IO-1: device ${d}: ${x.reads} reads for ${x.bytesRead} bytes`);
    if ((x.bytesWritten > 0) !== (x.writes === 1)) assert.fail(`${what}: RAID-IO-1: device ${d}: ${x.writes} writes for ${x.bytesWritten} bytes`);
    if (failed.has(d) && (x.reads || x.writes)) assert.fail(`${what}: failed device ${d} was accessed`);
  });
}

export function assertNoIo(io: readonly Io[], what: string): void {
  io.forEach((x, d) => {
    if (x.reads || x.writes || x.bytesRead || x.bytesWritten) {
      assert.fail(`${what}: device ${d} did I/O (${JSON.stringify(x)}) on a request that must not touch devices`);
    }
  });
}

export function assertIoEqual(actual: readonly Io[], expected: readonly Io[], what: string): void {
  actual.forEach((x, d) => {
    const e = expected[d]!;
    if (x.reads !== e.reads || x.writes !== e.writes || x.bytesRead !== e.bytesRead || x.bytesWritten !== e.bytesWritten) {
      assert.fail(`${what}: device ${d} did ${JSON.stringify(x)}, expected ${JSON.stringify(e)}`);
    }
  });
}

/**
 * Device I/O of a write on a healthy group: a whole row writes every device (new data,
 * new P, Q) without reading; a partial row reads old data and old parity over the touched
 * range and writes both (read-modify-write). Per device, bytes add up over rows.
 */
export function healthyWriteIo(L: RefLayout, offset: number, length: number): Io[] {
  const io = zeroIo(L.devices);
  if (L.level === 'raid1') {
    for (const x of io) x.bytesWritten = length;
    return countsFromBytes(io);
  }
  const u = L.unit;
  const R = L.rowBytes;
  const end = offset + length;
  for (let at = offset; at < end; ) {
    const row = Math.floor(at / R);
    const rowEnd = Math.min(end, (row + 1) * R);
    const s = at - row * R;
    const e = rowEnd - row * R;
    if (s === 0 && e === R) {
      for (const x of io) x.bytesWritten += u;
    } else {
      let lo = u;
      let hi = 0;
      for (let j = Math.floor(s / u); j * u < e; j++) {
        const a = Math.max(s, j * u) - j * u;
        const b = Math.min(e, (j + 1) * u) - j * u;
        const x = io[L.dataDevice(row, j)]!;
        x.bytesRead += b - a;
        x.bytesWritten += b - a;
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
      for (const d of L.parityDevices(row)) {
        io[d]!.bytesRead += hi - lo;
        io[d]!.bytesWritten += hi - lo;
      }
    }
    at = rowEnd;
  }
  return countsFromBytes(io);
}

/** Device I/O of a read on a healthy striped group: each touched data device, its bytes. */
export function healthyReadIo(L: RefLayout, offset: number, length: number): Io[] {
  const io = zeroIo(L.devices);
  for (const p of unitPieces(L, offset, length)) io[L.dataDevice(p.row, p.unit)]!.bytesRead += p.b - p.a;
  return countsFromBytes(io);
}

/** The spec's exact write-penalty cases; null when the request is none of them. */
export function penaltyCase(L: RefLayout, offset: number, length: number): { name: string; reads: number; writes: number } | null {
  if (L.level === 'raid1') return { name: 'raid1 write', reads: 0, writes: L.devices };
  const firstUnit = Math.floor(offset / L.unit);
  if (firstUnit === Math.floor((offset + length - 1) / L.unit)) {
    return { name: 'write inside one stripe unit', reads: 1 + L.parityCount, writes: 1 + L.parityCount };
  }
  if (offset % L.rowBytes === 0 && length % L.rowBytes === 0) {
    return { name: `full-stripe write of ${length / L.rowBytes} row(s)`, reads: 0, writes: L.devices };
  }
  return null;
}

// ---------------------------------------------------------------------------
// The model

export class RaidModel {
  readonly layout: RefLayout;
  readonly ref: Uint8Array;
  readonly health: DeviceHealth[];

  constructor(
    readonly geometry: Geometry,
    readonly reached: Counters | undefined,
    /** Check device I/O counts (RAID-IO-1, write penalty, which devices a healthy read uses). */
    readonly checkIo = true,
  ) {
    this.layout = refLayout(geometry);
    this.ref = new Uint8Array(this.layout.capacity);
    this.health = Array.from({ length: geometry.devices }, () => 'healthy' as DeviceHealth);
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

  /** What a read or write of the range must do (RAID-D-5: refuse touching lost data, nothing else). */
  expectedAccess(offset: number, length: number): 'ok' | 'OUT_OF_RANGE' | 'DATA_LOSS' {
    if (offset + length > this.layout.capacity) return 'OUT_OF_RANGE';
    if (!this.lost || length === 0) return 'ok';
    if (this.layout.level === 'raid1') return 'DATA_LOSS';
    const failed = this.failedSet();
    for (const p of unitPieces(this.layout, offset, length)) {
      if (failed.has(this.layout.dataDevice(p.row, p.unit))) return 'DATA_LOSS';
    }
    return 'ok';
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

export interface RaidReal {
  readonly group: RaidGroup;
}

export type RaidCommand = fc.Command<RaidModel, RaidReal>;

/** After every command: health agrees with the model, and RAID-INV-1 holds. */
export function checkInvariants(m: RaidModel, r: RaidReal, what: string): void {
  const h = r.group.health;
  for (let d = 0; d < m.health.length; d++) {
    if (h.health[d] !== m.health[d]) {
      assert.fail(`${what}: device health is [${h.health.join(', ')}], the model says [${m.health.join(', ')}]`);
    }
  }
  assert.equal(h.lost, m.lost, `${what}: health.lost`);
  const problems = r.group.checkRedundancy();
  if (problems.length > 0) {
    const where = m.allHealthy ? 'healthy group' : 'rows whose devices are all readable';
    assert.fail(`${what}: RAID-INV-1 (${where}): ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`);
  }
}

/** Reads the parts of a range that survive (lost group) and compares them with the reference. */
export function verifySurvivors(m: RaidModel, r: RaidReal, offset: number, length: number, what: string, maxSpans = 16): void {
  const spans = survivingSpans(m.layout, offset, length, m.failedSet());
  for (const [at, len] of spread(spans, maxSpans)) {
    assertBytes(r.group.read(at, len), m.ref.subarray(at, at + len), at, `${what}: surviving bytes ${at}+${len}`);
  }
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

/** Host I/O while a rebuild is part way (some rows rebuilt, some not): RAID-F-5 interleaving. */
function noteRebuildInterleave(m: RaidModel, r: RaidReal): void {
  if (!m.health.includes('rebuilding')) return;
  const progress = r.group.rebuildProgress();
  if (progress.some((p) => p.done > 0 && p.done < p.total)) {
    bump(m.reached, 'ioMidRebuild');
    if (progress.length > 1) bump(m.reached, 'ioMidRebuildOfTwo');
  }
}

abstract class BaseCommand implements RaidCommand {
  check(_m: Readonly<RaidModel>): boolean {
    return true;
  }

  run(m: RaidModel, r: RaidReal): void {
    bump(m.reached, 'commands');
    const before = snapshot(r.group);
    this.apply(m, r, before);
    checkInvariants(m, r, this.toString());
  }

  protected abstract apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void;
  abstract toString(): string;
}

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

/** Some data unit the request touches is on a device that cannot be read there: reconstructed (RAID-D-1..4). */
function dataUnreadable(m: RaidModel, r: RaidReal, offset: number, length: number): boolean {
  if (m.allHealthy || m.layout.level === 'raid1') return false;
  const L = m.layout;
  const h = r.group.health;
  for (const p of unitPieces(L, offset, length)) if (!h.readable(L.dataDevice(p.row, p.unit), p.row)) return true;
  return false;
}

export class WriteCommand extends BaseCommand {
  constructor(
    readonly offset: number,
    readonly length: number,
    readonly seed: number,
  ) {
    super();
  }

  toString(): string {
    return `write(${this.offset}, ${bytes(this.length)})`;
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
    else if (rowsDegraded(m, r, this.offset, this.length)) bump(m.reached, 'degradedWrites');
    else if (L.level !== 'raid1') {
      const end = this.offset + this.length;
      if (Math.floor(end / L.rowBytes) > Math.ceil(this.offset / L.rowBytes)) bump(m.reached, 'fullStripeWrites');
      if (this.offset % L.rowBytes !== 0 || end % L.rowBytes !== 0) bump(m.reached, 'rmwWrites');
    }
    noteRebuildInterleave(m, r);
    r.group.write(this.offset, data);
    m.ref.set(data, this.offset);
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

export class ReadCommand extends BaseCommand {
  /** `into` > 0: readInto a buffer with `into` sentinel bytes on either side of the target. */
  constructor(
    readonly offset: number,
    readonly length: number,
    readonly into = 0,
  ) {
    super();
  }

  toString(): string {
    return this.into > 0 ? `readInto(${this.offset}, ${bytes(this.length)}, at ${this.into})` : `read(${this.offset}, ${bytes(this.length)})`;
  }

  private perform(r: RaidReal): Uint8Array {
    if (this.into === 0) return r.group.read(this.offset, this.length);
    const buffer = new Uint8Array(this.length + 2 * this.into).fill(SENTINEL);
    r.group.readInto(this.offset, this.length, buffer, this.into);
    for (let i = 0; i < buffer.length; i++) {
      if ((i < this.into || i >= this.into + this.length) && buffer[i] !== SENTINEL) {
        assert.fail(`${this.toString()}: wrote byte ${i} of the buffer, outside [${this.into}, ${this.into + this.length})`);
      }
    }
    return buffer.subarray(this.into, this.into + this.length);
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    const expected = m.expectedAccess(this.offset, this.length);
    bump(m.reached, 'reads');
    if (expected !== 'ok') {
      expectCode(expected, () => this.perform(r), what);
      assertNoIo(ioDelta(before, r.group), `${what} (refused)`);
      bump(m.reached, expected === 'DATA_LOSS' ? 'readDataLossRefusals' : 'outOfRangeRefusals');
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
    else if (dataUnreadable(m, r, this.offset, this.length)) bump(m.reached, 'readsReconstructed');
    noteRebuildInterleave(m, r);
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

/** `tolerated`: only runs while the failure stays within tolerance; `up`: only on a device not failed. */
export type FailGate = 'tolerated' | 'up' | 'any';

export class FailDeviceCommand extends BaseCommand {
  constructor(
    readonly device: number,
    readonly gate: FailGate,
  ) {
    super();
  }

  override check(m: Readonly<RaidModel>): boolean {
    const h = m.health[this.device];
    if (this.gate === 'any' || h === undefined) return true;
    if (h === 'failed') return false;
    if (this.gate === 'up') return true;
    const down = m.health.filter((x) => x !== 'healthy').length;
    return down + (h === 'healthy' ? 1 : 0) <= m.layout.tolerance;
  }

  toString(): string {
    return `failDevice(${this.device})`;
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    if (this.device >= m.health.length) {
      expectCode('NOT_FOUND', () => r.group.failDevice(this.device), what);
      bump(m.reached, 'notFoundRefusals');
      return;
    }
    if (m.health[this.device] === 'failed') {
      expectCode('INVALID_STATE', () => r.group.failDevice(this.device), what);
      bump(m.reached, 'invalidStateRefusals');
      return;
    }
    r.group.failDevice(this.device);
    m.fail(this.device);
    bump(m.reached, 'deviceFailures');
    assertNoIo(ioDelta(before, r.group), what);
  }
}

export class ReplaceDeviceCommand extends BaseCommand {
  constructor(
    readonly device: number,
    readonly onlyIfFailed: boolean,
  ) {
    super();
  }

  override check(m: Readonly<RaidModel>): boolean {
    return !this.onlyIfFailed || m.health[this.device] === 'failed';
  }

  toString(): string {
    return `replaceDevice(${this.device})`;
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    if (this.device >= m.health.length) {
      expectCode('NOT_FOUND', () => r.group.replaceDevice(this.device), what);
      bump(m.reached, 'notFoundRefusals');
      return;
    }
    if (m.health[this.device] !== 'failed') {
      expectCode('INVALID_STATE', () => r.group.replaceDevice(this.device), what);
      bump(m.reached, 'invalidStateRefusals');
      return;
    }
    if (m.lost) {
      expectCode('DATA_LOSS', () => r.group.replaceDevice(this.device), what);
      bump(m.reached, 'replaceRefusedLost');
      return;
    }
    r.group.replaceDevice(this.device);
    m.health[this.device] = 'rebuilding';
    bump(m.reached, 'replacements');
    assertNoIo(ioDelta(before, r.group), what);
    const p = r.group.rebuildProgress().find((x) => x.device === this.device);
    assert.ok(p && p.done === 0 && p.total >= 1, `${what}: rebuildProgress of the new device: ${JSON.stringify(p)}`);
    // RAID-R-1: a rebuild unit covers at least REBUILD_UNIT_BYTES of the device.
    const deviceBytesUsed = m.layout.level === 'raid1' ? m.layout.capacity : m.layout.rows * m.layout.unit;
    assert.ok(p.total <= Math.ceil(deviceBytesUsed / REBUILD_UNIT_BYTES), `${what}: ${p.total} rebuild units for ${deviceBytesUsed} device bytes`);
  }
}

export class RebuildStepCommand extends BaseCommand {
  constructor(readonly units: number) {
    super();
  }

  toString(): string {
    return `rebuildStep(${this.units})`;
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    const g = r.group;
    const rebuilding = m.health.flatMap((h, d) => (h === 'rebuilding' ? [d] : []));
    const progressBefore = new Map(g.rebuildProgress().map((p) => [p.device, p.done]));
    const done = g.rebuildStep(this.units);
    bump(m.reached, 'rebuildSteps');
    assert.ok(Number.isInteger(done) && done >= 0 && done <= this.units, `${what}: returned ${done}`);
    const io = ioDelta(before, g);
    if (m.checkIo) assertIoPerRequest(io, what, m.failedSet());
    if (rebuilding.length === 0) {
      assert.equal(done, 0, `${what}: nothing to rebuild, but it did ${done} units`);
      assertNoIo(io, what);
      return;
    }
    for (const d of rebuilding) {
      const h = g.health.health[d];
      if (h === 'healthy') {
        m.health[d] = 'healthy';
        bump(m.reached, 'rebuildCompletions');
      } else assert.equal(h, 'rebuilding', `${what}: device ${d} was rebuilding`);
    }
    if (done < this.units) assert.ok(!m.health.includes('rebuilding'), `${what}: did ${done} of ${this.units} units but a device is still rebuilding`);
    const after = g.rebuildProgress();
    assert.deepEqual(after.map((p) => p.device), m.health.flatMap((h, d) => (h === 'rebuilding' ? [d] : [])), `${what}: rebuildProgress devices`);
    if (after.some((p) => p.done > 0 && p.done < p.total)) bump(m.reached, 'partialRebuildSteps');
    for (const p of after) {
      assert.ok(p.done <= p.total && p.done >= (progressBefore.get(p.device) ?? 0), `${what}: progress of device ${p.device} went to ${p.done}/${p.total}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Whole-group checks used at the end of scenarios

/** Every byte reads right (no failure beyond tolerance), or every surviving byte does. */
export function checkAllBytes(m: RaidModel, r: RaidReal, what: string): void {
  if (m.lost) return verifySurvivors(m, r, 0, m.layout.capacity, what, 256);
  assertBytes(r.group.read(0, m.layout.capacity), m.ref, 0, `${what}: whole-capacity read`);
}

/** Replaces every failed device and rebuilds to the end: all healthy, redundant, right. */
export function heal(m: RaidModel, r: RaidReal, what: string): void {
  assert.ok(!m.lost, `${what}: heal needs a group that has not lost data`);
  const g = r.group;
  m.health.forEach((h, d) => {
    if (h === 'failed') g.replaceDevice(d);
  });
  for (let guard = 0; g.health.health.includes('rebuilding'); guard++) {
    assert.ok(guard < 10_000, `${what}: rebuild never finishes`);
    g.rebuildStep(3);
  }
  m.health.fill('healthy');
  assert.ok(g.health.health.every((h) => h === 'healthy'), `${what}: all devices healthy after the rebuild`);
  assert.deepEqual(g.checkRedundancy(), [], `${what}: RAID-INV-1 after the rebuild`);
  assertBytes(g.read(0, m.layout.capacity), m.ref, 0, `${what}: whole-capacity read after the rebuild`);
}

// ---------------------------------------------------------------------------
// Generators

export interface GeometryOptions {
  /** Candidate stripe units per level. */
  readonly units?: Partial<Record<RaidLevel, readonly number[]>>;
  /** Most rows for raid5/raid6 (checkRedundancy walks written rows one by one). */
  readonly maxRows?: number;
  readonly minDeviceBytes?: number;
  readonly maxDeviceBytes?: number;
  readonly maxCapacity?: number;
  /** Devices range over MIN_DEVICES..MIN_DEVICES + extraDevices. */
  readonly extraDevices?: number;
}

export const DEFAULT_UNITS: Readonly<Record<RaidLevel, readonly number[]>> = {
  raid1: [512, 4096, 1536, 16, 65536],
  raid3: [1, 16, 512, 1536, 4096, 65536],
  raid5: [16, 512, 1536, 4096, 65536],
  raid6: [16, 512, 1536, 4096, 65536],
};

export function dataCountOf(level: RaidLevel, devices: number): number {
  return level === 'raid1' ? 1 : devices - (level === 'raid6' ? 2 : 1);
}

/**
 * Random geometry: devices min..min+4, a stripe unit from a set (1 for raid3, 16, 512,
 * 1536, 4096), a few rows up to ~64 KiB per device, sometimes a device tail that is not a
 * whole stripe unit.
 */
export function geometryArb(level: RaidLevel, o: GeometryOptions = {}): fc.Arbitrary<Geometry> {
  const min = MIN_DEVICES[level];
  const candidates = o.units?.[level] ?? DEFAULT_UNITS[level];
  const maxDevice = o.maxDeviceBytes ?? 65536;
  const maxCapacity = o.maxCapacity ?? 262144;
  return fc.integer({ min, max: min + (o.extraDevices ?? 4) }).chain((devices) => {
    const k = dataCountOf(level, devices);
    // Units that leave room for at least one row within the caps (the smallest one otherwise).
    const fitting = candidates.filter((u) => u <= maxDevice && k * u <= maxCapacity);
    const units = fitting.length > 0 ? fitting : [Math.min(...candidates)];
    return fc.constantFrom(...units).chain((unit) => {
      const rowCap = level === 'raid5' || level === 'raid6' ? (o.maxRows ?? 128) : Number.POSITIVE_INFINITY;
      const hi = Math.max(1, Math.min(rowCap, Math.floor(maxDevice / unit), Math.floor(maxCapacity / (k * unit))));
      const lo = Math.min(hi, Math.max(1, Math.ceil((o.minDeviceBytes ?? 1) / unit)));
      const rows = fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 3) }) },
        { weight: 3, arbitrary: fc.integer({ min: lo, max: hi }) },
      );
      const tail = unit === 1 ? fc.constant(0) : fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: unit - 1 }) });
      return fc.tuple(rows, tail).map(([r, t]): Geometry => ({ level, devices, deviceBytes: r * unit + t, stripeUnitBytes: unit }));
    });
  });
}

export interface Range {
  readonly offset: number;
  readonly length: number;
}

/** Host-address period of the device chunk and rebuild-unit boundaries. */
function boundaryBases(L: RefLayout): number[] {
  if (L.level === 'raid1') return [L.unit, CHUNK_BYTES, REBUILD_UNIT_BYTES];
  return [L.unit, L.rowBytes, Math.max(1, Math.floor(CHUNK_BYTES / L.unit)) * L.rowBytes, Math.ceil(REBUILD_UNIT_BYTES / L.unit) * L.rowBytes];
}

/** An index biased to the first few and the last one. */
function indexArb(last: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.min(3, last) }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: last }) },
    { weight: 1, arbitrary: fc.constant(last) },
  );
}

/** A range inside one stripe unit (one byte up to the whole unit), rows biased to the first and last. */
export function inUnitArb(L: RefLayout): fc.Arbitrary<Range> {
  const rows = Math.max(1, Math.floor(L.capacity / L.rowBytes));
  const u = L.unit;
  return fc
    .tuple(indexArb(rows - 1), fc.nat({ max: L.dataCount - 1 }), fc.nat({ max: u - 1 }), fc.nat({ max: u - 1 }))
    .map(([row, j, x, y]) => {
      const offset = Math.min(row * L.rowBytes + j * u + Math.min(x, y), L.capacity - 1);
      return { offset, length: Math.min(Math.abs(x - y) + 1, L.capacity - offset) };
    });
}

/** Whole rows, aligned (full-stripe writes): 1 to 3 rows. */
export function fullRowsArb(L: RefLayout): fc.Arbitrary<Range> {
  const rows = Math.max(1, Math.floor(L.capacity / L.rowBytes));
  return fc
    .tuple(indexArb(rows - 1), fc.integer({ min: 1, max: 3 }))
    .map(([row, k]) => ({ offset: row * L.rowBytes, length: Math.min(k, rows - row) * L.rowBytes }));
}

/**
 * Ranges inside the capacity, biased to where things happen: stripe-unit, row, chunk and
 * rebuild-unit boundaries ±1, one-byte requests, writes inside one unit, whole rows, the
 * capacity end, and the whole capacity.
 */
export function rangeArb(L: RefLayout): fc.Arbitrary<Range> {
  const C = L.capacity;
  const u = L.unit;
  const R = L.rowBytes;
  const rows = Math.max(1, Math.floor(C / R));
  const clamp = (o: number, len: number): Range => {
    const offset = Math.min(Math.max(0, o), C - 1);
    return { offset, length: Math.max(1, Math.min(len, C - offset)) };
  };
  const bases = [...new Set(boundaryBases(L).filter((b) => b <= C))];
  const point = fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 0, max: C - 1 }) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom(...bases), fc.oneof(fc.integer({ min: 0, max: 3 }), fc.nat({ max: Math.floor(C / Math.min(...bases)) })), fc.constantFrom(0, -1, 1))
        .map(([b, i, d]) => (i % (Math.floor(C / b) + 1)) * b + d),
    },
  );
  const length = fc.oneof(
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 16 }) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(u, R), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, -1, 1)).map(([b, k, d]) => k * b + d) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.min(C, 3 * R + 2, 16384)) }) },
    { weight: 1, arbitrary: fc.constant(C) },
  );
  const general = fc.tuple(point, length).map(([o, len]) => clamp(o, len));
  const inUnit = inUnitArb(L);
  const fullRows = fullRowsArb(L);
  const tail = fc
    .tuple(fc.integer({ min: 1, max: Math.min(C, 2 * R + 1) }), fc.integer({ min: 0, max: 4 }))
    .map(([x, short]) => clamp(C - x, Math.max(1, x - short)));
  return fc.oneof(
    { weight: 8, arbitrary: general },
    { weight: 4, arbitrary: inUnit },
    { weight: 3, arbitrary: fullRows },
    { weight: 2, arbitrary: tail },
    { weight: 1, arbitrary: fc.constant(clamp(0, C)) },
  );
}

/** Ranges reaching past the capacity: refused with OUT_OF_RANGE. */
export function outOfRangeArb(L: RefLayout): fc.Arbitrary<Range> {
  const C = L.capacity;
  return fc
    .tuple(fc.integer({ min: 0, max: Math.min(C, 64) }), fc.integer({ min: 1, max: 64 }))
    .map(([x, y]) => ({ offset: C - x, length: x + y }));
}

export interface CommandWeights {
  readonly write: number;
  readonly read: number;
  readonly fail: number;
  readonly replace: number;
  readonly rebuild: number;
  readonly outOfRange: number;
  /** Zero-length reads and writes (they touch nothing: never refused but for OUT_OF_RANGE). */
  readonly zeroLength: number;
  readonly badDevice: number;
  /** Share of failDevice commands gated to stay within tolerance / to hit a device not failed. */
  readonly failGates: readonly FailGate[];
  /** Largest rebuildStep(units) besides 1000 ("to the end"). */
  readonly rebuildUnits: number;
}

export const DEFAULT_WEIGHTS: CommandWeights = {
  write: 40,
  read: 25,
  fail: 9,
  replace: 20,
  rebuild: 10,
  outOfRange: 2,
  zeroLength: 1,
  badDevice: 1,
  failGates: ['tolerated', 'tolerated', 'tolerated', 'tolerated', 'tolerated', 'up', 'any'],
  rebuildUnits: 3,
};

export function raidCommandArb(g: Geometry, w: CommandWeights = DEFAULT_WEIGHTS): fc.Arbitrary<RaidCommand> {
  const L = refLayout(g);
  const n = g.devices;
  const device = fc.integer({ min: 0, max: n - 1 });
  const seed = fc.integer({ min: 1, max: 0x7fffffff });
  const options: fc.WeightedArbitrary<RaidCommand>[] = [
    { weight: w.write, arbitrary: fc.tuple(rangeArb(L), seed).map(([x, s]) => new WriteCommand(x.offset, x.length, s)) },
    {
      weight: w.read,
      arbitrary: fc
        .tuple(rangeArb(L), fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) }))
        .map(([x, into]) => new ReadCommand(x.offset, x.length, into)),
    },
    {
      weight: w.zeroLength,
      arbitrary: fc
        .tuple(fc.oneof(fc.constant(0), fc.constant(L.capacity), fc.integer({ min: 0, max: L.capacity })), fc.boolean(), seed)
        .map(([o, isWrite, s]) => (isWrite ? new WriteCommand(o, 0, s) : new ReadCommand(o, 0, s % 3))),
    },
    {
      weight: w.outOfRange,
      arbitrary: fc.tuple(outOfRangeArb(L), fc.boolean(), seed).map(([x, isWrite, s]) => (isWrite ? new WriteCommand(x.offset, x.length, s) : new ReadCommand(x.offset, x.length))),
    },
    { weight: w.fail, arbitrary: fc.tuple(device, fc.constantFrom(...w.failGates)).map(([d, gate]) => new FailDeviceCommand(d, gate)) },
    {
      weight: w.replace,
      arbitrary: fc.tuple(device, fc.constantFrom(true, true, true, true, false)).map(([d, gated]) => new ReplaceDeviceCommand(d, gated)),
    },
    {
      weight: w.rebuild,
      arbitrary: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: w.rebuildUnits }) }, { weight: 1, arbitrary: fc.constant(1000) }).map((k) => new RebuildStepCommand(k)),
    },
    {
      weight: w.badDevice,
      arbitrary: fc
        .tuple(fc.boolean(), fc.integer({ min: n, max: n + 2 }))
        .map(([isFail, d]) => (isFail ? new FailDeviceCommand(d, 'any') : new ReplaceDeviceCommand(d, false))),
    },
  ];
  return fc.oneof(...options.filter((o) => o.weight > 0));
}

export interface ScenarioOptions {
  readonly geometry?: GeometryOptions;
  readonly weights?: CommandWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
}

export type RaidScenario = [Geometry, Iterable<RaidCommand>];

/** A geometry, then commands drawn for it (so offsets can be biased to its boundaries). */
export function raidScenarioArb(level: RaidLevel, o: ScenarioOptions = {}): fc.Arbitrary<RaidScenario> {
  return geometryArb(level, o.geometry).chain((g) =>
    fc
      .commands([raidCommandArb(g, o.weights)], { size: o.size ?? '+1', maxCommands: o.maxCommands ?? 100 })
      .map((cmds): RaidScenario => [g, cmds]),
  );
}

export interface RunOptions {
  readonly factory?: GroupFactory;
  /** Check I/O counts (default true); off, only bytes, refusals, health and redundancy are checked. */
  readonly checkIo?: boolean;
  readonly reached?: Counters | undefined;
  /** Runs before the commands (e.g. fill the group, fail and replace devices). */
  readonly setup?: (m: RaidModel, r: RaidReal) => void;
  /** Runs after the commands. */
  readonly final?: (m: RaidModel, r: RaidReal) => void;
}

/** Builds the group, checks its shape, runs the commands, then the final check. */
export function runRaidScenario(g: Geometry, cmds: Iterable<RaidCommand>, o: RunOptions = {}): void {
  const group = (o.factory ?? specGroup)(g);
  const model = new RaidModel(g, o.reached, o.checkIo ?? true);
  const real: RaidReal = { group };
  assert.equal(group.capacityBytes, model.layout.capacity, `capacity of ${JSON.stringify(g)} (rows × data units × stripe unit)`);
  assert.equal(group.devices.length, g.devices, 'device count');
  bump(o.reached, 'runs');
  o.setup?.(model, real);
  fc.modelRun(() => ({ model, real }), cmds);
  o.final?.(model, real);
}
