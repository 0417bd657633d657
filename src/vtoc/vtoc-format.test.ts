import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isModelError } from '../errors.ts';
import { datasetsInside } from './datasets.ts';
import { type DatasetEntry, decodeVtoc, encodeVtoc, fnv1a, VTOC_HEADER_BYTES } from './vtoc-format.ts';

const TRACKS = 1000;
const TRACK_BYTES = 8192;

const entry = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => new TextEncoder().encode(s).length <= 44),
  extents: fc.array(
    fc.tuple(fc.integer({ min: 1, max: TRACKS - 1 }), fc.integer({ min: 0, max: 50 })).map(([a, n]) => [a, Math.min(TRACKS - 1, a + n)] as const),
    { minLength: 1, maxLength: 16 },
  ),
});

function track0(bytes: Uint8Array): Uint8Array {
  const t = new Uint8Array(TRACK_BYTES);
  t.set(bytes);
  return t;
}

function outcome(bytes: Uint8Array): DatasetEntry[] | 'VTOC_DAMAGED' {
  try {
    return decodeVtoc(bytes, TRACKS);
  } catch (e) {
    if (isModelError(e) && e.code === 'VTOC_DAMAGED') return 'VTOC_DAMAGED';
    throw e;
  }
}

describe('VTOC byte format (VTOC-F-1..5, VTOC-INV-1)', () => {
  it('a zeroed track 0 holds no datasets', () => {
    expect(decodeVtoc(new Uint8Array(TRACK_BYTES), TRACKS)).toEqual([]);
  });

  it('property: decode(encode(entries)) gives the entries back', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
      const decoded = decodeVtoc(track0(encodeVtoc(entries)), TRACKS);
      expect(decoded).toEqual(entries.map((e) => ({ name: e.name, extents: e.extents.map((x) => [...x]) })));
    }), { numRuns: 300 });
  });

  /** A single-byte change; `restamp` is the broken variant that also fixes the checksum. */
  const flipIsCaught = (restamp: boolean) =>
    fc.property(fc.array(entry, { minLength: 1, maxLength: 10 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (entries, at, flip) => {
      const bytes = encodeVtoc(entries);
      const t = track0(bytes);
      const i = restamp ? VTOC_HEADER_BYTES + (at % (bytes.length - VTOC_HEADER_BYTES)) : at % bytes.length;
      t[i] = t[i]! ^ flip;
      if (restamp) new DataView(t.buffer).setUint32(12, fnv1a(t.subarray(VTOC_HEADER_BYTES, bytes.length)), true);
      return outcome(t) === 'VTOC_DAMAGED';
    });

  it('property: changing any byte of the header or the entries makes it VTOC_DAMAGED', () => {
    fc.assert(flipIsCaught(false), { numRuns: 1000 });
  });

  it('broken variant: a corruption that re-stamps the checksum is found and shrunk', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const details = fc.check(flipIsCaught(true), { numRuns: 1000, seed });
      expect(details.failed, `seed ${seed}`).toBe(true);
      const [entries] = details.counterexample!;
      expect(entries.length, `seed ${seed}: shrunk to one dataset`).toBeLessThanOrEqual(2);
    }
  });

  it('property: any bytes at all decode to entries or VTOC_DAMAGED, never a crash', () => {
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 600 }),
      fc.array(entry, { minLength: 1, maxLength: 5 }).chain((entries) => {
        const bytes = encodeVtoc(entries);
        return fc.tuple(fc.nat(bytes.length), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, junk]) => {
          const t = new Uint8Array(Math.max(bytes.length, at + junk.length) + 4);
          t.set(bytes);
          t.set(junk, at);
          return t;
        });
      }),
    );
    fc.assert(fc.property(garbage, (bytes) => {
      const r = outcome(bytes);
      return r === 'VTOC_DAMAGED' || Array.isArray(r);
    }), { numRuns: 2000 });
  });

  it('the header is 16 bytes and a too-short track is damaged', () => {
    expect(encodeVtoc([]).length).toBe(VTOC_HEADER_BYTES);
    expect(outcome(new Uint8Array(8).fill(1))).toBe('VTOC_DAMAGED');
  });

  it('VTOC-D-4: wholly inside means every extent inside one extent of the area', () => {
    const d = (name: string, ...extents: Array<[number, number]>) => ({ name, extents });
    const entries = [d('A', [2, 3]), d('B', [2, 3], [9, 9]), d('C', [4, 6])];
    expect(datasetsInside(entries, [[1, 5]]).map((e) => e.name)).toEqual(['A']);
    expect(datasetsInside(entries, [[1, 5], [8, 10]]).map((e) => e.name)).toEqual(['A', 'B']);
  });
});
