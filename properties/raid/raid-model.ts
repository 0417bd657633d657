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
 * The group comes from a factory, so broken variants (properties/raid/raid-broken-variants.test.ts)
 * run through the very same commands. Requests are fixed ranges or aims at the rebuild
 * position resolved when they run (raid-aim.ts); what they reach is counted (raid-witness.ts).
 * The rules of the levels (raid-layout.ts), the I/O expectations (raid-io.ts), request ranges
 * (raid-ranges.ts) and geometries (raid-geometry.ts) live apart; this file re-exports them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRaidGroup } from '../../src/raid/create-group.ts';
import type { DeviceHealth } from '../../src/raid/device-health.ts';
import type { RaidLevel } from '../../src/raid/levels.ts';
import type { RaidGroup } from '../../src/raid/raid-group.ts';
import { aimArb, aimToString, isAim, requestLengthMax, resolveTarget, type Target } from './raid-aim.ts';
import { geometryArb, type GeometryOptions } from './raid-geometry.ts';
import { assertIoEqual, assertIoPerRequest, assertNoIo, healthyReadIo, type Io, ioDelta, penaltyCase, snapshot, totals } from './raid-io.ts';
import { type Geometry, REBUILD_UNIT_BYTES, type RefLayout, refLayout, sampledSurvivingSpans, unitPieces } from './raid-layout.ts';
import { outOfRangeArb, type Range, rangeArb } from './raid-ranges.ts';
import { noteRebuildStop, noteStraddle, readsAroundDevice } from './raid-witness.ts';
import { assertBytes, bump, type Counters, expectCode, pattern, spread } from '../harness/support.ts';

// The harness's pieces, in one place for the property files.
export * from './raid-io.ts';
export * from './raid-layout.ts';
export * from './raid-ranges.ts';
export { dataCountOf, DEFAULT_UNITS, geometryArb, type GeometryOptions } from './raid-geometry.ts';

// ---------------------------------------------------------------------------
// The group under test

export type GroupFactory = (g: Geometry) => RaidGroup;

/** The group under test: the real one. */
export const specGroup: GroupFactory = (g) => createRaidGroup({ id: `rg-${g.level}`, ...g });

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
  const spans = sampledSurvivingSpans(m.layout, offset, length, m.failedSet(), maxSpans);
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

/** A read or write: its range is fixed, or aimed (properties/raid/raid-aim.ts) and resolved when it runs. */
abstract class RequestCommand extends BaseCommand {
  /** The range of the latest run (null before the first). */
  private range: Range | null;

  constructor(readonly target: Target) {
    super();
    this.range = isAim(target) ? null : target;
  }

  get offset(): number {
    return this.range?.offset ?? 0;
  }

  get length(): number {
    return this.range?.length ?? 0;
  }

  /** `write(100, 3 bytes)`; aimed: `write(rebuild-1..+2 = 99, 3 bytes)`. */
  protected describe(name: string, extra = ''): string {
    const aim = isAim(this.target) ? aimToString(this.target) : '';
    if (!this.range) return `${name}(${aim}${extra})`;
    return `${name}(${aim ? `${aim} = ` : ''}${this.offset}, ${bytes(this.length)}${extra})`;
  }

  override run(m: RaidModel, r: RaidReal): void {
    this.range = resolveTarget(this.target, m.layout, r.group.health);
    super.run(m, r);
  }

  /** A fresh, unresolved copy: fast-check clones commands per run, so a counterexample shows the ranges of its own run. */
  abstract [fc.cloneMethod](): RequestCommand;
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
  /** The device of the latest run (onlyIfFailed: resolved among the failed devices then). */
  private resolved: number | null;

  /** `onlyIfFailed`: `pick` chooses among the devices failed when it runs (modulo their count); else `pick` is the device. */
  constructor(
    readonly pick: number,
    readonly onlyIfFailed: boolean,
  ) {
    super();
    this.resolved = onlyIfFailed ? null : pick;
  }

  get device(): number {
    return this.resolved ?? -1;
  }

  override check(m: Readonly<RaidModel>): boolean {
    return !this.onlyIfFailed || m.health.includes('failed');
  }

  override run(m: RaidModel, r: RaidReal): void {
    if (this.onlyIfFailed) {
      const failed = [...m.failedSet()];
      this.resolved = failed[this.pick % failed.length]!;
    }
    super.run(m, r);
  }

  toString(): string {
    return this.resolved === null ? `replaceDevice(failed#${this.pick})` : `replaceDevice(${this.resolved})`;
  }

  [fc.cloneMethod](): ReplaceDeviceCommand {
    return new ReplaceDeviceCommand(this.pick, this.onlyIfFailed);
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
    // RAID-R-1: the lowest rebuilding device is the one rebuilt.
    noteRebuildStop(m.reached, m.layout, g.health, rebuilding[0] ?? -1);
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

export interface CommandWeights {
  readonly write: number;
  readonly read: number;
  /** Writes and reads aimed at the rebuild position, rebuild-unit boundaries and the end (properties/raid/raid-aim.ts). */
  readonly aimedWrite: number;
  readonly aimedRead: number;
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
  write: 32,
  read: 15,
  aimedWrite: 10,
  aimedRead: 15,
  fail: 9,
  replace: 20,
  rebuild: 14,
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
  const range = rangeArb(L, requestLengthMax(L));
  const aim = aimArb(L);
  const into = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) });
  const options: fc.WeightedArbitrary<RaidCommand>[] = [
    { weight: w.write, arbitrary: fc.tuple(range, seed).map(([x, s]) => new WriteCommand(x, s)) },
    { weight: w.read, arbitrary: fc.tuple(range, into).map(([x, i]) => new ReadCommand(x, i)) },
    { weight: w.aimedWrite, arbitrary: fc.tuple(aim, seed).map(([a, s]) => new WriteCommand(a, s)) },
    { weight: w.aimedRead, arbitrary: fc.tuple(aim, into).map(([a, i]) => new ReadCommand(a, i)) },
    {
      weight: w.zeroLength,
      arbitrary: fc
        .tuple(fc.oneof(fc.constant(0), fc.constant(L.capacity), fc.integer({ min: 0, max: L.capacity })), fc.boolean(), seed)
        .map(([o, isWrite, s]) => (isWrite ? new WriteCommand({ offset: o, length: 0 }, s) : new ReadCommand({ offset: o, length: 0 }, s % 3))),
    },
    {
      weight: w.outOfRange,
      arbitrary: fc.tuple(outOfRangeArb(L), fc.boolean(), seed).map(([x, isWrite, s]) => (isWrite ? new WriteCommand(x, s) : new ReadCommand(x))),
    },
    { weight: w.fail, arbitrary: fc.tuple(device, fc.constantFrom(...w.failGates)).map(([d, gate]) => new FailDeviceCommand(d, gate)) },
    {
      weight: w.replace,
      arbitrary: fc.tuple(device, fc.constantFrom(true, true, true, true, false)).map(([d, gated]) => new ReplaceDeviceCommand(d, gated)),
    },
    {
      weight: w.rebuild,
      // One unit most often: on devices of several units, the step stops inside the device.
      arbitrary: fc
        .oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: w.rebuildUnits }) }, { weight: 1, arbitrary: fc.constant(1000) })
        .map((k) => new RebuildStepCommand(k)),
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
  /** Draws the geometry instead of geometryArb(level, geometry) (e.g. raid-geometry.ts's swarm). */
  readonly geometries?: fc.Arbitrary<Geometry>;
  readonly weights?: CommandWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
}

export type RaidScenario = [Geometry, Iterable<RaidCommand>];

/** A geometry, then commands drawn for it (so offsets can be biased to its boundaries). */
export function raidScenarioArb(level: RaidLevel, o: ScenarioOptions = {}): fc.Arbitrary<RaidScenario> {
  return (o.geometries ?? geometryArb(level, o.geometry)).chain((g) =>
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
