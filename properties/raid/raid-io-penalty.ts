/**
 * RAID-INV-3.penalty: device I/O counters (deltas per request) match the write penalty on
 * healthy groups, and RAID-IO-1 on degraded ones.
 *
 * Healthy, exact (spec): a raid5 write inside one stripe unit costs 2 reads + 2 writes (old
 * data, old P; new data, new P), raid6 3 + 3, raid3 likewise 2 + 2; an aligned full-stripe
 * write of whole rows costs no read and one write per device; a raid1 write one write per
 * device and no read; a raid1 read exactly one device read. Healthy, per device (RAID-IO-1,
 * bytes summed): every whole row writes one unit to every device, every partial row reads
 * and writes the touched data ranges and the parity over their span; a striped read reads
 * the touched bytes of each data device. Degraded (failures within tolerance): still at most
 * one read and one write per device per request, failed devices untouched, bytes right;
 * some failed devices are replaced and rebuilt part way first (half the groups have devices
 * of several rebuild units: raid-geometry.ts), and requests aimed at the rebuild position
 * (raid-aim.ts) cross it, so one request reads a device below its position and around it above.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { requestLengthMax, resolveTarget, type Target } from './raid-aim.ts';
import { swarmGeometryArb, targetArb } from './raid-geometry.ts';
import {
  assertIoEqual,
  assertIoPerRequest,
  fullRowsArb,
  type Geometry,
  type GroupFactory,
  healthyReadIo,
  healthyWriteIo,
  inUnitArb,
  type Io,
  ioDelta,
  LEVELS,
  penaltyCase,
  refLayout,
  snapshot,
  specGroup,
  toleranceOf,
  totals,
} from './raid-model.ts';
import { noteRebuildStop, noteStraddle, readsAroundDevice, witnessesOf } from './raid-witness.ts';
import { assertBytes, bump, type Counters, DEFAULT_RUNS, pattern, type PropertyDefinition } from '../harness/support.ts';

export interface IoRequest {
  readonly kind: 'write' | 'read';
  /** A range, or an aim resolved when the request runs (degraded: at the rebuild position). */
  readonly range: Target;
  readonly seed: number;
}

export interface PenaltyCase {
  readonly geometry: Geometry;
  readonly healthy: readonly IoRequest[];
  readonly failed: readonly number[];
  /** Whether each failed device is then replaced (rebuilding). */
  readonly replaced: readonly boolean[];
  /** One-unit rebuild steps after the replacements. */
  readonly steps: number;
  readonly degraded: readonly IoRequest[];
}

function requestArb(g: Geometry, aimed: number): fc.Arbitrary<IoRequest> {
  const L = refLayout(g);
  const seed = fc.integer({ min: 1, max: 0x7fffffff });
  const write = (r: fc.Arbitrary<Target>) => fc.tuple(r, seed).map(([range, s]): IoRequest => ({ kind: 'write', range, seed: s }));
  const read = (r: fc.Arbitrary<Target>) => r.map((range): IoRequest => ({ kind: 'read', range, seed: 0 }));
  const rows = Math.max(1, Math.min(3, Math.floor(requestLengthMax(L) / L.rowBytes)));
  return fc.oneof(
    { weight: 4, arbitrary: write(inUnitArb(L)) },
    { weight: 3, arbitrary: write(fullRowsArb(L, rows)) },
    { weight: 4, arbitrary: write(targetArb(L, aimed, 4)) },
    { weight: 3, arbitrary: read(targetArb(L, aimed, 3)) },
    { weight: 1, arbitrary: read(inUnitArb(L)) },
  );
}

export function penaltyCaseArb(level: RaidLevel): fc.Arbitrary<PenaltyCase> {
  return swarmGeometryArb(level).chain((g) => {
    const devices = Array.from({ length: g.devices }, (_, d) => d);
    const tol = toleranceOf(level, g.devices);
    return fc.record({
      geometry: fc.constant(g),
      healthy: fc.array(requestArb(g, 1), { minLength: 1, maxLength: 30 }),
      failed: fc.shuffledSubarray(devices, { minLength: 1, maxLength: tol }),
      replaced: fc.array(fc.boolean(), { minLength: tol, maxLength: tol }),
      // One step mostly: on sparse devices a second one often skips to the end (RAID-R-2).
      steps: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) }),
      degraded: fc.array(requestArb(g, 6), { minLength: 4, maxLength: 20 }),
    });
  });
}

/** RAID-IO-1: a healthy write's reads and writes per device, as the penalty rules count them. */
function checkWritePenalty(L: ReturnType<typeof refLayout>, io: readonly Io[], offset: number, length: number, what: string, reached?: Counters): void {
  const t = totals(io);
  const rule = penaltyCase(L, offset, length);
  if (rule) {
    if (t.reads !== rule.reads || t.writes !== rule.writes) {
      assert.fail(`${what}: ${rule.name}: ${t.reads} reads + ${t.writes} writes, expected ${rule.reads} + ${rule.writes}`);
    }
    bump(reached, rule.name.startsWith('full-stripe') ? 'fullStripeWrite' : rule.name === 'raid1 write' ? 'mirrorWrites' : 'inUnitWrites');
    if (rule.name.startsWith('full-stripe') && length > L.rowBytes) bump(reached, 'multiRowFullStripeWrites');
  } else bump(reached, 'otherWrites');
  if (L.level !== 'raid1' && (offset % L.rowBytes !== 0 || length % L.rowBytes !== 0)) bump(reached, 'rmwWrite');
  assertIoEqual(io, healthyWriteIo(L, offset, length), `${what}: per-device I/O`);
}

export function runPenalty(c: PenaltyCase, factory: GroupFactory = specGroup, reached?: Counters): void {
  const g = factory(c.geometry);
  const L = refLayout(c.geometry);
  const ref = new Uint8Array(L.capacity);
  bump(reached, 'runs');
  const failed = new Set<number>();
  let rebuilt = '';
  const apply = (q: IoRequest, healthy: boolean) => {
    const { offset, length } = resolveTarget(q.range, L, g.health);
    const what = `${healthy ? '' : `degraded (failed ${[...failed].join(', ')}${rebuilt}) `}${q.kind}(${offset}, ${length} bytes)`;
    noteStraddle(reached, q.kind, L, g.health, offset, length);
    const around = readsAroundDevice(L, g.health, offset, length);
    const before = snapshot(g);
    if (q.kind === 'read') {
      assertBytes(g.read(offset, length), ref.subarray(offset, offset + length), offset, what);
    } else {
      const data = pattern(length, q.seed);
      g.write(offset, data);
      ref.set(data, offset);
    }
    const io = ioDelta(before, g);
    assertIoPerRequest(io, what, failed);
    const t = totals(io);
    if (q.kind === 'read') {
      assert.equal(t.writes, 0, `${what}: a read wrote`);
      if (L.level === 'raid1') {
        assert.equal(t.reads, 1, `${what}: RAID1 read: exactly one device read`);
        assert.equal(t.bytesRead, length, `${what}: RAID1 read bytes`);
      } else if (healthy) assertIoEqual(io, healthyReadIo(L, offset, length), `${what}: healthy striped read`);
      bump(reached, healthy ? 'healthyReads' : around ? 'degradedRead' : 'readsBesideFailures');
      return;
    }
    if (!healthy) {
      if (L.level === 'raid1') {
        io.forEach((x, d) => assert.equal(x.bytesWritten, failed.has(d) ? 0 : length, `${what}: RAID1 device ${d} written`));
      }
      bump(reached, 'degradedWrite');
      return;
    }
    checkWritePenalty(L, io, offset, length, what, reached);
  };
  for (const q of c.healthy) apply(q, true);
  assert.deepEqual(g.checkRedundancy(), [], 'RAID-INV-1 after the healthy requests');
  for (const d of c.failed) {
    g.failDevice(d);
    failed.add(d);
  }
  c.failed.forEach((d, i) => {
    if (!c.replaced[i]) return;
    g.replaceDevice(d);
    failed.delete(d);
    rebuilt += `; replaced ${d}`;
  });
  for (let i = 0; i < c.steps && g.health.nextRebuilding() >= 0; i++) {
    const d = g.health.nextRebuilding();
    const before = snapshot(g);
    g.rebuildStep(1);
    assertIoPerRequest(ioDelta(before, g), `rebuildStep(1) of device ${d}`, failed);
    noteRebuildStop(reached, L, g.health, d);
    rebuilt += `; rebuildStep(1)`;
  }
  for (const q of c.degraded) apply(q, false);
  assertBytes(g.read(0, L.capacity), ref, 0, 'whole-capacity read at the end');
}

export function penaltyProperty(level: RaidLevel, o: { factory?: GroupFactory; reached?: Counters | undefined } = {}): fc.IPropertyWithHooks<[PenaltyCase]> {
  return fc.property(penaltyCaseArb(level), (c) => runPenalty(c, o.factory ?? specGroup, o.reached));
}

export const raidIoPenalty: readonly PropertyDefinition[] = LEVELS.map((level) => ({
  id: `RAID-INV-3.penalty.${level}`,
  title: `${level}: per-request device I/O counters match the write penalty (healthy) and RAID-IO-1 (degraded)`,
  numRuns: DEFAULT_RUNS,
  property: () => penaltyProperty(level, {}),
  instrumented: (reached: Counters) => penaltyProperty(level, { reached }),
  witnesses: witnessesOf(level),
}));
