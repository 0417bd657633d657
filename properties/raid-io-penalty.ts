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
 * one read and one write per device per request, failed devices untouched, bytes right.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RaidLevel } from '../src/raid/levels.ts';
import {
  assertIoEqual,
  assertIoPerRequest,
  fullRowsArb,
  type Geometry,
  geometryArb,
  type GroupFactory,
  healthyReadIo,
  healthyWriteIo,
  inUnitArb,
  ioDelta,
  LEVELS,
  penaltyCase,
  type Range,
  rangeArb,
  refLayout,
  snapshot,
  specGroup,
  toleranceOf,
  totals,
} from './raid-model.ts';
import { assertBytes, bump, type Counters, DEFAULT_RUNS, pattern, type PropertyDefinition } from './support.ts';

export interface IoRequest {
  readonly kind: 'write' | 'read';
  readonly range: Range;
  readonly seed: number;
}

export interface PenaltyCase {
  readonly geometry: Geometry;
  readonly healthy: readonly IoRequest[];
  readonly failed: readonly number[];
  readonly degraded: readonly IoRequest[];
}

function requestArb(g: Geometry): fc.Arbitrary<IoRequest> {
  const L = refLayout(g);
  const seed = fc.integer({ min: 1, max: 0x7fffffff });
  const write = (r: fc.Arbitrary<Range>) => fc.tuple(r, seed).map(([range, s]): IoRequest => ({ kind: 'write', range, seed: s }));
  const read = (r: fc.Arbitrary<Range>) => r.map((range): IoRequest => ({ kind: 'read', range, seed: 0 }));
  return fc.oneof(
    { weight: 4, arbitrary: write(inUnitArb(L)) },
    { weight: 3, arbitrary: write(fullRowsArb(L)) },
    { weight: 4, arbitrary: write(rangeArb(L)) },
    { weight: 3, arbitrary: read(rangeArb(L)) },
    { weight: 1, arbitrary: read(inUnitArb(L)) },
  );
}

export function penaltyCaseArb(level: RaidLevel): fc.Arbitrary<PenaltyCase> {
  return geometryArb(level).chain((g) => {
    const devices = Array.from({ length: g.devices }, (_, d) => d);
    return fc.record({
      geometry: fc.constant(g),
      healthy: fc.array(requestArb(g), { minLength: 1, maxLength: 30 }),
      failed: fc.shuffledSubarray(devices, { minLength: 1, maxLength: toleranceOf(level, g.devices) }),
      degraded: fc.array(requestArb(g), { maxLength: 15 }),
    });
  });
}

export function runPenalty(c: PenaltyCase, factory: GroupFactory = specGroup, reached?: Counters): void {
  const g = factory(c.geometry);
  const L = refLayout(c.geometry);
  const ref = new Uint8Array(L.capacity);
  bump(reached, 'runs');
  const failed = new Set<number>();
  const apply = (q: IoRequest, healthy: boolean) => {
    const { offset, length } = q.range;
    const what = `${healthy ? '' : `degraded (failed ${[...failed].join(', ')}) `}${q.kind}(${offset}, ${length} bytes)`;
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
      bump(reached, healthy ? 'healthyReads' : 'degradedReads');
      return;
    }
    if (!healthy) {
      if (L.level === 'raid1') {
        io.forEach((x, d) => assert.equal(x.bytesWritten, failed.has(d) ? 0 : length, `${what}: RAID1 device ${d} written`));
      }
      bump(reached, 'degradedWrites');
      return;
    }
    const rule = penaltyCase(L, offset, length);
    if (rule) {
      if (t.reads !== rule.reads || t.writes !== rule.writes) {
        assert.fail(`${what}: ${rule.name}: ${t.reads} reads + ${t.writes} writes, expected ${rule.reads} + ${rule.writes}`);
      }
      bump(reached, rule.name.startsWith('full-stripe') ? 'fullStripeWrites' : rule.name === 'raid1 write' ? 'mirrorWrites' : 'inUnitWrites');
      if (rule.name.startsWith('full-stripe') && length > L.rowBytes) bump(reached, 'multiRowFullStripeWrites');
    } else bump(reached, 'otherWrites');
    assertIoEqual(io, healthyWriteIo(L, offset, length), `${what}: per-device I/O`);
  };
  for (const q of c.healthy) apply(q, true);
  assert.deepEqual(g.checkRedundancy(), [], 'RAID-INV-1 after the healthy requests');
  for (const d of c.failed) {
    g.failDevice(d);
    failed.add(d);
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
}));
