/**
 * RAID-INV-2.failureSets: fail the devices of a filled group one by one, in random
 * order (some replaced, so they are rebuilding from nothing). While the failed and
 * rebuilding devices are within the level's tolerance, every byte reads right, writes keep
 * redundancy. One failure more and the group has lost data: exactly the stripe units on the
 * failed devices are refused with DATA_LOSS (raid1: everything), every other byte reads
 * right, writes to lost units are refused and change nothing, writes elsewhere succeed.
 * Half the groups have devices of several rebuild units (raid-geometry.ts): a replaced device
 * is then rebuilt part way, probes aimed at its position (raid-aim.ts) read across it, and the
 * failure beyond tolerance aborts a rebuild that had stopped inside the device (RAID-F-3: its
 * rebuilt rows count for nothing, its units are refused).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DeviceHealthTable } from '../../src/raid/device-health.ts';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { resolveTarget, type Target } from './raid-aim.ts';
import { fillArb, type SeededWrite, swarmGeometryArb, targetArb } from './raid-geometry.ts';
import {
  type Geometry,
  type GroupFactory,
  LEVELS,
  type Range,
  type RefLayout,
  refLayout,
  sampledSurvivingSpans,
  specGroup,
  toleranceOf,
  unitPieces,
} from './raid-model.ts';
import { noteRebuildStop, noteStraddle, readsAroundDevice, type Witness } from './raid-witness.ts';
import { assertBytes, bump, type Counters, DEFAULT_RUNS, expectCode, pattern, type PropertyDefinition } from '../harness/support.ts';

export interface SurvivableCase {
  readonly geometry: Geometry;
  /** Writes before the failures: the whole capacity, bands where rebuilds stop, or none (then `writes` only). */
  readonly fill: readonly SeededWrite[];
  readonly writes: readonly SeededWrite[];
  /** Devices in the order they fail: tolerance + 1 of them. */
  readonly order: readonly number[];
  /** Whether each of the first `tolerance` failed devices is then replaced (rebuilding, position 0). */
  readonly replace: readonly boolean[];
  /** One-unit rebuild steps after each of the first `tolerance` failures (and replacements). */
  readonly steps: readonly number[];
  /** Read in every state, resolved against its health (an aim at the rebuild position then). */
  readonly probes: readonly Target[];
  readonly seed: number;
}

/** Most stripe units probed one by one in the lost state (all of them when there are fewer). */
const UNIT_PROBES = 400;

export function survivableCaseArb(level: RaidLevel): fc.Arbitrary<SurvivableCase> {
  const small = { maxRows: 128, maxDeviceBytes: 64 * 1024, maxCapacity: 192 * 1024 };
  return swarmGeometryArb(level, { small }).chain((geometry) => {
    const L = refLayout(geometry);
    const tol = toleranceOf(level, geometry.devices);
    const seed = fc.integer({ min: 1, max: 0x7fffffff });
    const devices = Array.from({ length: geometry.devices }, (_, d) => d);
    // Writes before any failure: aims resolve on a healthy group (rebuild-unit boundaries, the end).
    const healthy = new DeviceHealthTable(geometry.devices, tol);
    return fc.record({
      geometry: fc.constant(geometry),
      fill: fc.oneof({ weight: 2, arbitrary: fillArb(L) }, { weight: 1, arbitrary: fc.constant([]) }),
      writes: fc.array(fc.tuple(targetArb(L, 1, 3).map((t) => resolveTarget(t, L, healthy)), seed), { maxLength: 6 }),
      order: fc.shuffledSubarray(devices, { minLength: tol + 1, maxLength: tol + 1 }),
      replace: fc.array(fc.boolean(), { minLength: tol, maxLength: tol }),
      steps: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }), { minLength: tol, maxLength: tol }),
      probes: fc.array(targetArb(L, 2, 3), { minLength: 1, maxLength: 6 }),
      seed,
    });
  });
}

export function survivableProperty(level: RaidLevel, o: { factory?: GroupFactory; reached?: Counters | undefined } = {}): fc.IPropertyWithHooks<[SurvivableCase]> {
  return fc.property(survivableCaseArb(level), (c) => runSurvivable(c, o.factory ?? specGroup, o.reached));
}

/** One run: the group under test, its layout, the reference bytes and the counters. */
interface SurvivableRun {
  readonly c: SurvivableCase;
  readonly g: ReturnType<GroupFactory>;
  readonly L: RefLayout;
  readonly ref: Uint8Array;
  readonly reached: Counters | undefined;
}

export function runSurvivable(c: SurvivableCase, factory: GroupFactory, reached?: Counters): void {
  const g = factory(c.geometry);
  const L = refLayout(c.geometry);
  const run: SurvivableRun = { c, g, L, ref: new Uint8Array(L.capacity), reached };
  bump(reached, 'runs');
  for (const [r, seed] of [...c.fill, ...c.writes]) writeBoth(run, r.offset, r.length, seed);

  // Within tolerance: everything readable and right, writes keep redundancy.
  for (let k = 0; k < L.tolerance; k++) checkToleratedState(run, k, failWithinTolerance(run, k));

  // One more: the group has lost data; a rebuild part way aborts (RAID-F-3).
  const { probes, failed, what } = failBeyondTolerance(run);
  if (L.level === 'raid1') {
    checkLostMirror(run, probes, what);
    return;
  }
  checkLostUnits(run, failed, what);
  checkLostProbes(run, probes, failed, what);
  checkSurvivingBytes(run, failed, what);
}

/** Writes the same bytes to the group and to the reference. */
function writeBoth(run: SurvivableRun, offset: number, length: number, seed: number): void {
  const data = pattern(length, seed);
  run.g.write(offset, data);
  run.ref.set(data, offset);
}

/** Reads a range that must read right, counting what it reaches. */
function readRight(run: SurvivableRun, offset: number, length: number, what: string): void {
  const { g, L, reached } = run;
  if (readsAroundDevice(L, g.health, offset, length)) bump(reached, 'degradedRead');
  noteStraddle(reached, 'read', L, g.health, offset, length);
  assertBytes(g.read(offset, length), run.ref.subarray(offset, offset + length), offset, `${what}: read(${offset}, ${length})`);
}

/** Fails the k-th device of the order (replacing it and rebuilding part way when asked); returns what was done. */
function failWithinTolerance(run: SurvivableRun, k: number): string {
  const { c, g, L, reached } = run;
  const d = c.order[k]!;
  g.failDevice(d);
  let what = `after failDevice(${c.order.slice(0, k + 1).join(', ')})`;
  if (!c.replace[k]) return what;
  g.replaceDevice(d);
  what += ` + replaceDevice(${d})`;
  for (let i = 0; i < c.steps[k]!; i++) {
    const rebuilt = g.health.nextRebuilding();
    g.rebuildStep(1);
    noteRebuildStop(reached, L, g.health, rebuilt);
    what += ' + rebuildStep(1)';
  }
  // Rebuilt to the end (small or sparse devices): it fails again, so the failure set stays.
  for (const done of c.order.slice(0, k + 1).filter((x) => g.health.health[x] === 'healthy')) {
    bump(reached, 'rebuildCompletions');
    g.failDevice(done);
    what += ` + failDevice(${done})`;
  }
  return what;
}

/** Within tolerance: every byte reads right, the probes too, and a write keeps redundancy. */
function checkToleratedState(run: SurvivableRun, k: number, what: string): void {
  const { c, g, L, ref, reached } = run;
  assert.ok(!g.health.lost, `${what}: ${k + 1} of ${L.tolerance} tolerated failures, but health.lost`);
  assertBytes(g.read(0, L.capacity), ref, 0, `${what}: whole-capacity read`);
  const probes = c.probes.map((t) => resolveTarget(t, L, g.health));
  for (const p of probes) readRight(run, p.offset, p.length, what);
  const p = probes[k % probes.length]!;
  noteStraddle(reached, 'write', L, g.health, p.offset, p.length);
  writeBoth(run, p.offset, p.length, c.seed + k);
  assertBytes(g.read(p.offset, p.length), ref.subarray(p.offset, p.offset + p.length), p.offset, `${what}: read back write(${p.offset}, ${p.length})`);
  assert.deepEqual(g.checkRedundancy(), [], `${what}: RAID-INV-1`);
  bump(reached, 'toleratedStates');
}

/** Fails the last device of the order: the group is lost, every device of the order failed. */
function failBeyondTolerance(run: SurvivableRun): { probes: Range[]; failed: Set<number>; what: string } {
  const { c, g, L, reached } = run;
  const tol = L.tolerance;
  const last = c.order[tol]!;
  const partway = g.health.health.some((h, d) => h === 'rebuilding' && g.health.position[d]! > 0);
  g.failDevice(last);
  if (partway) bump(reached, 'rebuildAbortedMidDevice');
  const probes = c.probes.map((t) => resolveTarget(t, L, g.health));
  const failed = new Set(c.order);
  const what = `after failDevice(${c.order.join(', ')})`;
  assert.ok(g.health.lost, `${what}: ${tol + 1} failures on ${L.level}, which survives ${tol}: health.lost`);
  for (const d of failed) assert.equal(g.health.health[d], 'failed', `${what}: device ${d}`);
  bump(reached, 'lostGroups');
  return { probes, failed, what };
}

/** A lost raid1 group refuses everything with DATA_LOSS. */
function checkLostMirror(run: SurvivableRun, probes: readonly Range[], what: string): void {
  const { g, L, reached } = run;
  const C = L.capacity;
  expectCode('DATA_LOSS', () => g.read(0, C), `${what}: read(0, ${C})`);
  for (const p of probes) {
    expectCode('DATA_LOSS', () => g.read(p.offset, p.length), `${what}: read(${p.offset}, ${p.length})`);
    expectCode('DATA_LOSS', () => g.write(p.offset, new Uint8Array(p.length)), `${what}: write(${p.offset}, ${p.length})`);
  }
  bump(reached, 'lostUnitsRefused', probes.length);
}

/** Stripe units one by one (at most UNIT_PROBES): refused on failed devices, right elsewhere. */
function checkLostUnits(run: SurvivableRun, failed: ReadonlySet<number>, what: string): void {
  const { c, g, L, ref, reached } = run;
  const units = L.rows * L.dataCount;
  const step = Math.max(1, Math.floor(units / UNIT_PROBES));
  for (let i = (c.seed % step); i < units; i += step) {
    const row = Math.floor(i / L.dataCount);
    const j = i % L.dataCount;
    const at = row * L.rowBytes + j * L.unit;
    const d = L.dataDevice(row, j);
    const unitWhat = `${what}: read(${at}, ${L.unit}) (row ${row}, unit ${j}, device ${d})`;
    if (failed.has(d)) {
      expectCode('DATA_LOSS', () => g.read(at, L.unit), unitWhat);
      const inner = at + (c.seed % L.unit);
      expectCode('DATA_LOSS', () => g.read(inner, 1), `${what}: read(${inner}, 1)`);
      bump(reached, 'lostUnitsRefused');
    } else {
      assertBytes(g.read(at, L.unit), ref.subarray(at, at + L.unit), at, unitWhat);
      bump(reached, 'survivingUnitsRead');
    }
  }
}

/** The probes: reads and writes touching a lost unit are refused (and change nothing), others done. */
function checkLostProbes(run: SurvivableRun, probes: readonly Range[], failed: ReadonlySet<number>, what: string): void {
  const { c, g, L, ref, reached } = run;
  for (const p of probes) {
    const lost = [...unitPieces(L, p.offset, p.length)].some((u) => failed.has(L.dataDevice(u.row, u.unit)));
    const probe = `${what}: read(${p.offset}, ${p.length})`;
    if (lost) expectCode('DATA_LOSS', () => g.read(p.offset, p.length), probe);
    else assertBytes(g.read(p.offset, p.length), ref.subarray(p.offset, p.offset + p.length), p.offset, probe);
    // Writes: refused whole when they touch a lost unit (and nothing changes), else done.
    const data = pattern(p.length, c.seed ^ p.offset);
    if (lost) {
      expectCode('DATA_LOSS', () => g.write(p.offset, data), `${what}: write(${p.offset}, ${p.length})`);
      bump(reached, 'lostWritesRefused');
    } else {
      g.write(p.offset, data);
      ref.set(data, p.offset);
      bump(reached, 'survivingWrites');
    }
  }
}

/** Every surviving byte (sampled past UNIT_PROBES spans), after the writes: refused writes changed nothing. */
function checkSurvivingBytes(run: SurvivableRun, failed: ReadonlySet<number>, what: string): void {
  const { c, g, L, ref } = run;
  const spans = sampledSurvivingSpans(L, 0, L.capacity, failed, UNIT_PROBES, c.seed);
  const every = Math.max(1, Math.floor(spans.length / UNIT_PROBES));
  for (let i = c.seed % every; i < spans.length; i += every) {
    const [at, len] = spans[i]!;
    assertBytes(g.read(at, len), ref.subarray(at, at + len), at, `${what}: surviving bytes ${at}+${len}`);
  }
}

/** Every level: probes around a device, across a part-finished rebuild, and that rebuild aborted by one failure more. */
const SURVIVABLE_WITNESSES: readonly Witness[] = ['degradedRead', 'midDeviceRebuildStop', 'rebuildStraddlingRead', 'rebuildAbortedMidDevice'];

export const raidInvSurvivableFailures: readonly PropertyDefinition[] = LEVELS.map((level) => ({
  id: `RAID-INV-2.failureSets.${level}`,
  title: `${level}: any failure set within tolerance reads every byte right; one more refuses exactly the units on failed devices with DATA_LOSS`,
  numRuns: DEFAULT_RUNS,
  property: () => survivableProperty(level, {}),
  instrumented: (reached: Counters) => survivableProperty(level, { reached }),
  witnesses: SURVIVABLE_WITNESSES,
}));
