/**
 * Requests aimed at where a RAID group is hardest to get right: the rebuild position of a
 * rebuilding device (RAID-F-5: valid below it, reconstructed at and above it), with rows just
 * before, at and just after it and runs crossing it; the rebuild-unit boundaries where a
 * rebuild would stop (RAID-R-1); and the end of the capacity. The position is only known when
 * the command runs (it depends on the steps before and on RAID-R-2's skipping), so an aim is
 * drawn relative to an anchor and resolved against the group's health then. Aiming reads the
 * group's positions; nothing is checked against them here (the model checks bytes and health).
 *
 * Imports only the level rules (raid-layout.ts) and types: the commands (raid-command-base.ts,
 * raid-generators.ts) and raid-geometry.ts build on it.
 */
import fc from 'fast-check';
import type { DeviceHealthTable } from '../../src/raid/device-health.ts';
import { REBUILD_UNIT_BYTES, type RefLayout } from './raid-layout.ts';
import type { Range } from './raid-ranges.ts';

/** Longest stretch an aim reaches on either side of its anchor, in host bytes. */
const AIM_REACH_BYTES_MAX = 16384;

/** Rebuild positions per rebuild unit: rows on striped levels, bytes on raid1 (RAID-R-1). */
export function rebuildUnitPositions(L: RefLayout): number {
  return L.level === 'raid1' ? REBUILD_UNIT_BYTES : Math.ceil(REBUILD_UNIT_BYTES / L.unit);
}

/** Positions a device is rebuilt over: its rows, or raid1's bytes. */
export function rebuildEndPosition(L: RefLayout): number {
  return L.level === 'raid1' ? L.capacity : L.rows;
}

/** Host address of rebuild position `p` (the first host byte of row p; raid1: byte p). */
export function positionAddress(L: RefLayout, p: number): number {
  return L.level === 'raid1' ? p : p * L.rowBytes;
}

/** Rebuild position of host byte `x` (its row; raid1: x). */
export function positionOf(L: RefLayout, x: number): number {
  return L.level === 'raid1' ? x : Math.floor(x / L.rowBytes);
}

export interface Aim {
  /** `rebuild`: a rebuilding device's position (a rebuild-unit boundary when none rebuilds); `end`: the capacity end. */
  readonly anchor: 'rebuild' | 'end';
  /** Which rebuilding device (index among them, modulo their count). */
  readonly device: number;
  /** With nothing rebuilding: the end of this rebuild unit, from position 0 (where a rebuild would stop). */
  readonly unitBoundary: number;
  /** First byte and one past the last, relative to the anchor's host address. */
  readonly from: number;
  readonly to: number;
  /**
   * `to` is relative to the rebuilding device's first data unit at or past its position
   * instead (striped levels): the range then surely reads that device where it is not valid.
   */
  readonly toDeviceUnit: boolean;
}

/** A request's range: fixed when drawn, or aimed and resolved when it runs. */
export type Target = Range | Aim;

export function isAim(t: Target): t is Aim {
  return 'anchor' in t;
}

function signed(x: number): string {
  return x < 0 ? `${x}` : `+${x}`;
}

export function aimToString(a: Aim): string {
  const anchor = a.anchor === 'end' ? 'end' : `rebuild${a.device > 0 ? `#${a.device}` : ''}`;
  return `${anchor}${signed(a.from)}..${a.toDeviceUnit ? 'unit' : ''}${signed(a.to)}`;
}

/** The rebuilding device an aim is at, or -1. */
function aimedDevice(a: Aim, h: DeviceHealthTable): number {
  if (a.anchor === 'end') return -1;
  const rebuilding = h.health.flatMap((x, d) => (x === 'rebuilding' ? [d] : []));
  return rebuilding.length > 0 ? rebuilding[a.device % rebuilding.length]! : -1;
}

/** The host address an aim is relative to, given the group's health now. */
function anchorAddress(a: Aim, L: RefLayout, h: DeviceHealthTable, d: number): number {
  if (a.anchor === 'end') return L.capacity;
  if (d >= 0) return positionAddress(L, h.position[d]!);
  const last = rebuildEndPosition(L) - 1;
  return positionAddress(L, Math.min(last, a.unitBoundary * rebuildUnitPositions(L)));
}

/** Host address of device d's first data unit in a row at or past `row` (roles repeat every n rows), or null. */
function deviceUnitAddress(L: RefLayout, d: number, row: number): number | null {
  for (let r = row; r < Math.min(L.rows, row + L.devices); r++) {
    for (let j = 0; j < L.dataCount; j++) if (L.dataDevice(r, j) === d) return r * L.rowBytes + j * L.unit;
  }
  return null;
}

/** The aim's range now: at least one byte, inside the capacity. */
export function resolveAim(a: Aim, L: RefLayout, h: DeviceHealthTable): Range {
  const C = L.capacity;
  const d = aimedDevice(a, h);
  const at = anchorAddress(a, L, h, d);
  const unitAt = a.toDeviceUnit && d >= 0 && L.level !== 'raid1' ? deviceUnitAddress(L, d, h.position[d]!) : null;
  const start = Math.min(C - 1, Math.max(0, at + a.from));
  const end = Math.min(C, Math.max(start + 1, (unitAt ?? at) + a.to));
  return { offset: start, length: end - start };
}

export function resolveTarget(t: Target, L: RefLayout, h: DeviceHealthTable): Range {
  return isAim(t) ? resolveAim(t, L, h) : t;
}

/**
 * A distance of at least one byte, biased to what matters around a position: a byte or
 * three, whole rows ±1 (row boundaries), whole stripe units ±1 (unit boundaries inside a
 * row), and long runs of rows.
 */
function distanceArb(L: RefLayout): fc.Arbitrary<number> {
  const R = L.rowBytes;
  const u = L.unit;
  const reach = Math.max(1, Math.min(AIM_REACH_BYTES_MAX, rebuildUnitPositions(L) * (L.level === 'raid1' ? 1 : R)));
  const off = fc.constantFrom(0, -1, 1);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
      { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), off).map(([k, e]) => k * R + e) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: Math.max(1, L.dataCount - 1) }), off).map(([j, e]) => j * u + e) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: reach }) },
    )
    .map((x) => Math.max(1, x));
}

/**
 * Aims around an anchor: runs crossing it (most: any distances, whole rows either side, or
 * up to the rebuilding device's first data unit past it), starting exactly at it, ending
 * just before it, starting just after it. Anchored mostly at the rebuild position,
 * sometimes at the end.
 */
export function aimArb(L: RefLayout): fc.Arbitrary<Aim> {
  const dist = distanceArb(L);
  const near = fc.constantFrom(0, 1, L.rowBytes);
  const rows = fc.integer({ min: 1, max: 4 }).map((k) => k * L.rowBytes);
  const span = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(dist, dist).map(([a, b]) => [-a, b, false] as const) },
    { weight: 3, arbitrary: fc.tuple(rows, rows).map(([a, b]) => [-a, b, false] as const) },
    { weight: 3, arbitrary: fc.tuple(dist, dist).map(([a, b]) => [-a, b, true] as const) },
    { weight: 2, arbitrary: dist.map((b) => [0, b, false] as const) },
    { weight: 2, arbitrary: fc.tuple(dist, near).map(([a, c]) => [-a - c, -c, false] as const) },
    { weight: 1, arbitrary: fc.tuple(near, dist).map(([c, b]) => [c, c + b, false] as const) },
  );
  return fc
    .tuple(
      fc.oneof({ weight: 6, arbitrary: fc.constant('rebuild' as const) }, { weight: 1, arbitrary: fc.constant('end' as const) }),
      fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      fc.integer({ min: 1, max: 3 }),
      span,
    )
    .map(([anchor, device, unitBoundary, [from, to, toUnit]]): Aim => ({ anchor, device, unitBoundary, from, to, toDeviceUnit: toUnit && anchor === 'rebuild' && L.level !== 'raid1' }));
}

/** Groups up to this capacity may get whole-capacity requests (a fill); larger ones stay sparse. */
export const WHOLE_CAPACITY_BYTES_MAX = 384 * 1024;

/**
 * Longest request drawn for a group: the whole capacity on small groups; on larger ones
 * 64 KiB or two rows, whichever is more, so they stay sparse (unwritten bytes cost nothing,
 * while every written row costs each RAID-INV-1 check after every command).
 */
export function requestLengthMax(L: RefLayout): number {
  if (L.capacity <= WHOLE_CAPACITY_BYTES_MAX) return L.capacity;
  return Math.min(L.capacity, Math.max(65536, 2 * L.rowBytes));
}
