/**
 * The geometries of the RAID properties. Each run draws its group from small geometries (a
 * few rows: they shrink well) or large ones, whose devices hold more than
 * one rebuild unit (RAID-R-1), so a rebuild stops strictly inside a device and host requests
 * land on rows on both sides of its position. Large devices are sparse (unwritten bytes cost
 * nothing): they get data in bands around the rebuild-unit boundaries, where rebuilds stop,
 * rather than whole-capacity fills.
 */
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { aimArb, rebuildEndPosition, rebuildUnitPositions, requestLengthMax, type Target, WHOLE_CAPACITY_BYTES_MAX } from './raid-aim.ts';
import { type Geometry, MIN_DEVICES, REBUILD_UNIT_BYTES, type RefLayout } from './raid-layout.ts';
import { type Range, rangeArb } from './raid-ranges.ts';

// ---------------------------------------------------------------------------
// Small geometries

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

// ---------------------------------------------------------------------------
// Large geometries and the swarm

/**
 * Stripe units of large geometries: raid5/raid6 handle a row at a time, so their units stay
 * ≥ 512 bytes (a 16-byte unit means 4096 rows per rebuild unit); raid3 merges rows, so byte
 * interleaving is cheap at any size.
 */
export const LARGE_UNITS: Readonly<Record<RaidLevel, readonly number[]>> = {
  raid1: [4096, 512, 65536, 16],
  raid3: [1, 512, 16, 4096, 65536],
  raid5: [512, 4096, 1536, 65536],
  raid6: [512, 4096, 1536, 65536],
};

export interface LargeOptions {
  /** Devices range over MIN_DEVICES..MIN_DEVICES + extraDevices. */
  readonly extraDevices?: number;
  /** Most whole rebuild units per device (a part of one more may follow). */
  readonly rebuildUnitsMax?: number;
}

/**
 * Devices of more than one rebuild unit: rows from U + 1 (the smallest device a rebuild can
 * stop inside: U rows per unit) to about rebuildUnitsMax·U, biased to just past one and two
 * units; sometimes a tail that is not a whole stripe unit.
 */
export function largeGeometryArb(level: RaidLevel, o: LargeOptions = {}): fc.Arbitrary<Geometry> {
  const min = MIN_DEVICES[level];
  const unitsMax = o.rebuildUnitsMax ?? 3;
  return fc.tuple(fc.integer({ min, max: min + (o.extraDevices ?? 3) }), fc.constantFrom(...LARGE_UNITS[level])).chain(([devices, unit]) => {
    const U = Math.ceil(REBUILD_UNIT_BYTES / unit);
    const rows = fc.oneof(
      { weight: 2, arbitrary: fc.integer({ min: U + 1, max: U + 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 2 * U - 1, max: 2 * U + 1 }) },
      { weight: 3, arbitrary: fc.integer({ min: U + 1, max: unitsMax * U + Math.floor(U / 2) }) },
    );
    const tail = unit === 1 ? fc.constant(0) : fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: unit - 1 }) });
    return fc.tuple(rows, tail).map(([r, t]): Geometry => ({ level, devices, deviceBytes: r * unit + t, stripeUnitBytes: unit }));
  });
}

export interface SwarmOptions {
  readonly small?: GeometryOptions;
  readonly large?: LargeOptions;
  /** Relative weights of small and large geometries (default 1 : 1). */
  readonly smallWeight?: number;
  readonly largeWeight?: number;
}

/** Small geometries first (what shrinking keeps when it can), large ones as often. */
export function swarmGeometryArb(level: RaidLevel, o: SwarmOptions = {}): fc.Arbitrary<Geometry> {
  return fc.oneof(
    { weight: o.smallWeight ?? 1, arbitrary: geometryArb(level, o.small) },
    { weight: o.largeWeight ?? 1, arbitrary: largeGeometryArb(level, o.large) },
  );
}

/** More than one rebuild unit per device: a rebuild can stop strictly inside. */
export function spansRebuildUnits(L: RefLayout): boolean {
  return rebuildEndPosition(L) > rebuildUnitPositions(L);
}

/** A range written with pattern(length, seed). */
export type SeededWrite = readonly [Range, number];

const seedArb = fc.integer({ min: 1, max: 0x7fffffff });

/**
 * Data where rebuilds stop: a band around each rebuild-unit boundary from 0 (a few rows or
 * up to 8 KiB before it, one to three rows after it), and one at the end of the capacity.
 * From position 0 every rebuild step then stops on a boundary with data on both sides
 * (RAID-R-2 skips nothing).
 */
export function bandsArb(L: RefLayout): fc.Arbitrary<SeededWrite[]> {
  const R = L.level === 'raid1' ? 1 : L.rowBytes;
  const U = rebuildUnitPositions(L);
  const C = L.capacity;
  const boundaries: number[] = [];
  for (let p = 0; p * R < C; p += U) boundaries.push(p * R);
  boundaries.push(C);
  const beforeArb = fc.oneof(fc.integer({ min: 1, max: 4 }).map((k) => k * L.rowBytes), fc.integer({ min: 1, max: 8192 }));
  // At least the row at the boundary: every unit a straddling read finds past a rebuild stop holds data.
  const afterArb = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4096 })).map(([k, x]) => k * L.rowBytes + x);
  const n = boundaries.length;
  return fc.array(fc.tuple(beforeArb, afterArb, seedArb), { minLength: n, maxLength: n }).map((bands) =>
    bands.flatMap(([before, after, seed], i): SeededWrite[] => {
      const at = boundaries[i]!;
      const offset = Math.max(0, at - before);
      const end = Math.min(C, at + after);
      return end > offset ? [[{ offset, length: end - offset }, seed]] : [];
    }),
  );
}

/** A fill before the commands: the whole capacity on small groups, bands on large ones. */
export function fillArb(L: RefLayout): fc.Arbitrary<SeededWrite[]> {
  if (L.capacity <= WHOLE_CAPACITY_BYTES_MAX && !spansRebuildUnits(L)) return seedArb.map((s): SeededWrite[] => [[{ offset: 0, length: L.capacity }, s]]);
  return bandsArb(L);
}

/** A request's range: drawn as rangeArb does (within requestLengthMax), or aimed (raid-aim.ts). */
export function targetArb(L: RefLayout, aimedWeight = 1, fixedWeight = 1): fc.Arbitrary<Target> {
  return fc.oneof(
    { weight: fixedWeight, arbitrary: rangeArb(L, requestLengthMax(L)) as fc.Arbitrary<Target> },
    { weight: aimedWeight, arbitrary: aimArb(L) as fc.Arbitrary<Target> },
  );
}
