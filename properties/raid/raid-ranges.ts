/**
 * Request ranges biased to where a RAID group's edges are: stripe-unit, row, chunk and
 * rebuild-unit boundaries, one unit, whole rows, the capacity end (and past it).
 */
import fc from 'fast-check';
import { CHUNK_BYTES, REBUILD_UNIT_BYTES, type RefLayout } from './raid-layout.ts';

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

/** Whole rows, aligned (full-stripe writes): 1 to `rowsMax` rows. */
export function fullRowsArb(L: RefLayout, rowsMax = 3): fc.Arbitrary<Range> {
  const rows = Math.max(1, Math.floor(L.capacity / L.rowBytes));
  return fc
    .tuple(indexArb(rows - 1), fc.integer({ min: 1, max: rowsMax }))
    .map(([row, k]) => ({ offset: row * L.rowBytes, length: Math.min(k, rows - row) * L.rowBytes }));
}

/**
 * Ranges inside the capacity, biased to where things happen: stripe-unit, row, chunk and
 * rebuild-unit boundaries ±1, one-byte requests, writes inside one unit, whole rows, the
 * capacity end, and the whole capacity (at most `lengthMax` bytes: large groups stay sparse).
 */
export function rangeArb(L: RefLayout, lengthMax = L.capacity): fc.Arbitrary<Range> {
  const C = L.capacity;
  const most = Math.max(1, Math.min(C, lengthMax));
  const u = L.unit;
  const R = L.rowBytes;
  const clamp = (o: number, len: number): Range => {
    const offset = Math.min(Math.max(0, o), C - 1);
    return { offset, length: Math.max(1, Math.min(len, most, C - offset)) };
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
    { weight: 3, arbitrary: fc.integer({ min: 1, max: Math.max(1, Math.min(most, 3 * R + 2, 16384)) }) },
    { weight: 1, arbitrary: fc.constant(most) },
  );
  const general = fc.tuple(point, length).map(([o, len]) => clamp(o, len));
  const inUnit = inUnitArb(L);
  const fullRows = fullRowsArb(L, Math.max(1, Math.min(3, Math.floor(most / R))));
  const tail = fc
    .tuple(fc.integer({ min: 1, max: Math.min(C, 2 * R + 1) }), fc.integer({ min: 0, max: 4 }))
    .map(([x, short]) => clamp(C - x, Math.max(1, x - short)));
  return fc.oneof(
    { weight: 8, arbitrary: general },
    { weight: 4, arbitrary: inUnit },
    { weight: 3, arbitrary: fullRows },
    { weight: 2, arbitrary: tail },
    { weight: 1, arbitrary: fc.constant(clamp(0, most)) },
  );
}

/** Ranges reaching past the capacity: refused with OUT_OF_RANGE. */
export function outOfRangeArb(L: RefLayout): fc.Arbitrary<Range> {
  const C = L.capacity;
  return fc
    .tuple(fc.integer({ min: 0, max: Math.min(C, 64) }), fc.integer({ min: 1, max: 64 }))
    .map(([x, y]) => ({ offset: C - x, length: x + y }));
}
