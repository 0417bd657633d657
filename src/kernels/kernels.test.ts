import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.ts';
import { Arena, CHUNK_BYTES, MAX_SOURCES, PAGE_BYTES } from './arena.ts';
import { compileWat } from './build.ts';
import {
  gfInv,
  gfMul,
  gfMulSlow,
  gfPow2,
  nibbleTables,
  recoveryCoefficients,
  refGenPQ,
  refMul,
  refXor,
} from './gf256.ts';
import { PARITY_WASM_BASE64 } from './parity-wasm.ts';

// ---------------------------------------------------------------------------
// Generators

/** Lengths around every stage boundary of the kernels (64-byte, 16-byte, byte tail). */
const EDGE_LENGTHS = [0, 1, 2, 3, 7, 8, 9, 14, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 79, 80, 127, 128, 129, 4095, 4096, 4097];
const lengthArb = fc.oneof(fc.constantFrom(...EDGE_LENGTHS), fc.integer({ min: 0, max: 5000 }));
const misalignArb = fc.integer({ min: 0, max: 63 });
const constantArb = fc.oneof(fc.constantFrom(0, 1, 2, 3, 0x80, 0x8e, 255), fc.integer({ min: 0, max: 255 }));
/** Random bytes, or bytes with the top bit set (the mul2 reduction path), or zeros. */
const fillArb = fc.constantFrom('random', 'high', 'zero', 'ones') satisfies fc.Arbitrary<Fill>;
type Fill = 'random' | 'high' | 'zero' | 'ones';

/** Deterministic bytes from a seed (xorshift32), so fast-check need not shrink kilobytes. */
function makeBytes(length: number, seed: number, fill: Fill = 'random'): Uint8Array {
  const out = new Uint8Array(length);
  if (fill === 'zero') return out;
  if (fill === 'ones') return out.fill(0xff);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = fill === 'high' ? (x & 0x7f) | 0x80 : x & 0xff;
  }
  return out;
}

const arena = new Arena();

/**
 * `count` buffers of `length` bytes in the arena, each at its own misalignment
 * (0..63), with at least 64 bytes of slack on either side for guard bytes.
 */
function place(count: number, length: number, misalign: (i: number) => number): number[] {
  return arena.scratchBuffers(count, length + 192).map((at, i) => at + 64 + misalign(i));
}

function read(at: number, length: number): Uint8Array {
  return arena.bytes().slice(at, at + length);
}

function write(at: number, data: Uint8Array): void {
  arena.bytes().set(data, at);
}

/** Surrounds [at, at+length) with sentinel bytes and returns a check that they survived. */
function guard(at: number, length: number): () => void {
  const bytes = arena.bytes();
  const before = bytes[at - 1];
  bytes[at + length] = 0xa5;
  return () => {
    expect(arena.bytes()[at - 1]).toBe(before);
    expect(arena.bytes()[at + length]).toBe(0xa5);
  };
}

// ---------------------------------------------------------------------------

describe('GF(2^8), polynomial 0x11d', () => {
  it('gfMul agrees with shift-and-add multiplication on every pair', () => {
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        if (gfMul(a, b) !== gfMulSlow(a, b)) expect.fail(`gfMul(${a}, ${b})`);
      }
    }
  });

  it('has generator 2 of order 255 and the md reduction 0x80·2 = 0x1d', () => {
    expect(gfMul(0x80, 2)).toBe(0x1d);
    const seen = new Set<number>();
    for (let n = 0; n < 255; n++) seen.add(gfPow2(n));
    expect(seen.size).toBe(255);
    expect(seen.has(0)).toBe(false);
  });

  it('gfPow2 takes any integer exponent', () => {
    let x = 1;
    for (let n = 0; n < 600; n++) {
      expect(gfPow2(n)).toBe(x);
      expect(gfMul(gfPow2(-n), x)).toBe(1);
      x = gfMul(x, 2);
    }
  });

  it('gfInv inverts every non-zero element and refuses 0', () => {
    for (let a = 1; a < 256; a++) expect(gfMul(a, gfInv(a))).toBe(1);
    expect(() => gfInv(0)).toThrow(RangeError);
  });

  it('nibble tables reproduce c·x for every c and x', () => {
    for (let c = 0; c < 256; c++) {
      const t = nibbleTables(c);
      expect(t.length).toBe(32);
      for (let x = 0; x < 256; x++) {
        if ((t[x & 15]! ^ t[16 + (x >> 4)]!) !== gfMul(c, x)) expect.fail(`tables of ${c} at ${x}`);
      }
    }
  });

  it('recovery coefficients solve the two-equation system', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253 }), fc.integer({ min: 1, max: 254 }), fc.nat(255), fc.nat(255), (x, d, dx, dy) => {
        const y = Math.min(x + d, 254);
        if (y <= x) return;
        const { a, b } = recoveryCoefficients(x, y);
        const pxy = dx ^ dy;
        const qxy = gfMul(gfPow2(x), dx) ^ gfMul(gfPow2(y), dy);
        expect(gfMul(a, pxy) ^ gfMul(b, qxy)).toBe(dx);
      }),
    );
  });
});

describe('kernels against scalar references', () => {
  it('xorInto', () => {
    fc.assert(
      fc.property(lengthArb, misalignArb, misalignArb, fc.integer(), fillArb, (len, m0, m1, seed, fill) => {
        const [dst, src] = place(2, len, (i) => [m0, m1][i]!) as [number, number];
        const a = makeBytes(len, seed, fill);
        const b = makeBytes(len, seed + 1);
        write(dst, a);
        write(src, b);
        const intact = guard(dst, len);
        arena.xorInto(dst, src, len);
        expect(read(dst, len)).toEqual(refXor([a, b], len));
        expect(read(src, len)).toEqual(b);
        intact();
      }),
    );
  });

  it('xorMany, for 1..12 sources', () => {
    fc.assert(
      fc.property(
        lengthArb,
        fc.integer({ min: 1, max: 12 }),
        fc.array(misalignArb, { minLength: 13, maxLength: 13 }),
        fc.integer(),
        fillArb,
        (len, count, misaligns, seed, fill) => {
          const [dst, ...srcs] = place(count + 1, len, (i) => misaligns[i]!) as [number, ...number[]];
          const data = srcs.map((_, j) => makeBytes(len, seed + j, j === 0 ? fill : 'random'));
          srcs.forEach((at, j) => write(at, data[j]!));
          write(dst, makeBytes(len, ~seed)); // stale content must be overwritten
          const intact = guard(dst, len);
          arena.xorMany(dst, srcs, len);
          expect(read(dst, len)).toEqual(refXor(data, len));
          intact();
        },
      ),
    );
  });

  it('xorMany with the destination equal to a source, and with no sources', () => {
    const len = 1000;
    const srcs = place(3, len, (i) => i * 5);
    const data = srcs.map((_, j) => makeBytes(len, 7 + j));
    srcs.forEach((at, j) => write(at, data[j]!));
    arena.xorMany(srcs[1]!, srcs, len);
    expect(read(srcs[1]!, len)).toEqual(refXor(data, len));
    arena.xorMany(srcs[0]!, [], len);
    expect(read(srcs[0]!, len)).toEqual(new Uint8Array(len));
  });

  it('genPQ matches P = XOR D_j and Q = XOR 2^j·D_j', () => {
    fc.assert(
      fc.property(
        lengthArb,
        fc.integer({ min: 1, max: 12 }),
        fc.array(misalignArb, { minLength: 14, maxLength: 14 }),
        fc.integer(),
        fillArb,
        (len, count, misaligns, seed, fill) => {
          const [p, q, ...srcs] = place(count + 2, len, (i) => misaligns[i]!) as [number, number, ...number[]];
          const data = srcs.map((_, j) => makeBytes(len, seed + j, j % 2 === 0 ? fill : 'random'));
          srcs.forEach((at, j) => write(at, data[j]!));
          write(p, makeBytes(len, ~seed));
          write(q, makeBytes(len, seed ^ 0x5555));
          const intactP = guard(p, len);
          const intactQ = guard(q, len);
          arena.genPQ(p, q, srcs, len);
          const expected = refGenPQ(data, len);
          expect(read(p, len)).toEqual(expected.p);
          expect(read(q, len)).toEqual(expected.q);
          intactP();
          intactQ();
        },
      ),
    );
  });

  it('genPQ with no sources stores zeros, and the single-source Q is the data', () => {
    const len = 300;
    const [p, q, d] = place(3, len, (i) => i) as [number, number, number];
    write(p, makeBytes(len, 1));
    write(q, makeBytes(len, 2));
    arena.genPQ(p, q, [], len);
    expect(read(p, len)).toEqual(new Uint8Array(len));
    expect(read(q, len)).toEqual(new Uint8Array(len));
    write(d, makeBytes(len, 3));
    arena.genPQ(p, q, [d], len);
    expect(read(q, len)).toEqual(makeBytes(len, 3));
  });

  it('mulXorInto', () => {
    fc.assert(
      fc.property(lengthArb, misalignArb, misalignArb, constantArb, fc.integer(), fillArb, (len, m0, m1, c, seed, fill) => {
        const [dst, src] = place(2, len, (i) => [m0, m1][i]!) as [number, number];
        const a = makeBytes(len, seed);
        const b = makeBytes(len, seed + 1, fill);
        write(dst, a);
        write(src, b);
        const intact = guard(dst, len);
        arena.mulXorInto(dst, src, len, c);
        expect(read(dst, len)).toEqual(refXor([a, refMul(c, b)], len));
        intact();
      }),
    );
  });

  it('mulInto, including in place', () => {
    fc.assert(
      fc.property(
        lengthArb,
        misalignArb,
        misalignArb,
        constantArb,
        fc.integer(),
        fillArb,
        fc.boolean(),
        (len, m0, m1, c, seed, fill, inPlace) => {
          const [dst0, src] = place(2, len, (i) => [m0, m1][i]!) as [number, number];
          const dst = inPlace ? src : dst0;
          const b = makeBytes(len, seed, fill);
          write(dst, makeBytes(len, ~seed));
          write(src, b);
          const intact = guard(dst, len);
          arena.mulInto(dst, src, len, c);
          expect(read(dst, len)).toEqual(refMul(c, b));
          intact();
        },
      ),
    );
  });

  it('isZero', () => {
    fc.assert(
      fc.property(lengthArb, misalignArb, fc.option(fc.nat(), { nil: undefined }), fc.integer({ min: 1, max: 255 }), (len, m, where, value) => {
        const [at] = place(1, len, () => m) as [number];
        const bytes = arena.bytes();
        bytes.fill(0, at, at + len);
        bytes[at - 1] = 1;
        bytes[at + len] = 1;
        if (where !== undefined && len > 0) bytes[at + (where % len)] = value;
        expect(arena.isZero(at, len)).toBe(where === undefined || len === 0);
      }),
    );
    expect(arena.isZero(arena.zeroChunk, CHUNK_BYTES)).toBe(true);
  });

  it('recovers two lost data units from P and Q (Dx = A·Pxy ^ B·Qxy)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CHUNK_BYTES }),
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.nat(),
        fc.integer(),
        (len, count, xPick, yPick, seed) => {
          const x = xPick % (count - 1);
          const y = x + 1 + (yPick % (count - 1 - x));
          const [p, q, pxy, qxy, dx, dy, ...srcs] = place(count + 6, len, (i) => (i * 3) % 17);
          const data = srcs.map((_, j) => makeBytes(len, seed + j));
          srcs.forEach((at, j) => write(at, data[j]!));
          arena.genPQ(p!, q!, srcs, len);

          // Survivors only: the lost units read as the zero chunk.
          const survivors = srcs.map((at, j) => (j === x || j === y ? arena.zeroChunk : at));
          arena.genPQ(pxy!, qxy!, survivors, len);
          arena.xorInto(pxy!, p!, len); // Pxy = Dx ^ Dy
          arena.xorInto(qxy!, q!, len); // Qxy = g^x·Dx ^ g^y·Dy

          const { a, b } = recoveryCoefficients(x, y);
          arena.mulInto(dx!, pxy!, len, a);
          arena.mulXorInto(dx!, qxy!, len, b);
          arena.xorMany(dy!, [pxy!, dx!], len);
          expect(read(dx!, len)).toEqual(data[x]);
          expect(read(dy!, len)).toEqual(data[y]);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Arena', () => {
  it('hands out zeroed, aligned, distinct chunks and keeps them across grows', () => {
    const a = new Arena();
    const startBytes = a.memoryBytes;
    const chunks: number[] = [];
    let grows = 0;
    let lastSize = a.memoryBytes;
    while (grows < 4) {
      const at = a.allocChunk();
      expect(at % CHUNK_BYTES).toBe(0);
      expect(a.isZero(at, CHUNK_BYTES)).toBe(true);
      a.bytes().fill((chunks.length % 251) + 1, at, at + CHUNK_BYTES);
      chunks.push(at);
      if (a.memoryBytes !== lastSize) {
        grows++;
        lastSize = a.memoryBytes;
      }
    }
    expect(a.memoryBytes).toBeGreaterThan(8 * startBytes);
    expect(new Set(chunks).size).toBe(chunks.length);
    expect(a.allocatedChunks).toBe(chunks.length);
    const bytes = a.bytes();
    chunks.forEach((at, i) => {
      const expected = (i % 251) + 1;
      if (bytes[at] !== expected || bytes[at + CHUNK_BYTES - 1] !== expected) expect.fail(`chunk ${i} changed`);
    });
    expect(a.isZero(a.zeroChunk, CHUNK_BYTES)).toBe(true);
  });

  it('refreshes the bytes() view after the memory grows', () => {
    const a = new Arena();
    const before = a.bytes();
    expect(a.bytes()).toBe(before); // cached while nothing grows
    const first = a.allocChunk();
    a.bytes()[first] = 42;
    const size = a.memoryBytes;
    while (a.memoryBytes === size) a.allocChunk();
    expect(before.byteLength).toBe(0); // the old buffer detached
    const after = a.bytes();
    expect(after === before).toBe(false);
    expect(after.length).toBe(a.memoryBytes);
    expect(after[first]).toBe(42);
  });

  it('reuses freed chunks, zeroed', () => {
    const a = new Arena();
    const x = a.allocChunk();
    const y = a.allocChunk();
    a.bytes().fill(0xff, x, x + CHUNK_BYTES);
    a.freeChunk(x);
    expect(a.allocatedChunks).toBe(1);
    expect(a.allocChunk()).toBe(x);
    expect(a.isZero(x, CHUNK_BYTES)).toBe(true);
    expect(a.allocatedChunks).toBe(2);
    a.freeChunk(y);
    a.freeChunk(x);
    expect(a.allocatedChunks).toBe(0);
  });

  it('refuses to free what it did not hand out', () => {
    const a = new Arena();
    const x = a.allocChunk();
    a.freeChunk(x);
    expect(() => a.freeChunk(x)).toThrow(RangeError);
    expect(() => a.freeChunk(a.zeroChunk)).toThrow(RangeError);
    expect(() => a.freeChunk(a.allocChunk() + 16)).toThrow(RangeError);
    expect(() => a.freeChunk(a.scratch(100))).toThrow(RangeError);
    expect(() => a.freeChunk(1 << 30)).toThrow(RangeError);
  });

  it('refuses writes into the reserved pages and ranges past the end', () => {
    const a = new Arena();
    const x = a.allocChunk();
    expect(() => a.xorInto(a.zeroChunk, x, 16)).toThrow(RangeError);
    expect(() => a.mulInto(0, x, 16, 3)).toThrow(RangeError);
    expect(() => a.xorInto(x, x, a.memoryBytes)).toThrow(RangeError);
    expect(() => a.xorMany(x, [a.memoryBytes], 1)).toThrow(RangeError);
    expect(() => a.xorInto(x, -1, 1)).toThrow(RangeError);
    expect(() => a.mulXorInto(x, x, 16, 256)).toThrow(RangeError);
    expect(() => a.mulXorInto(x, x, 16, 1.5)).toThrow(RangeError);
    expect(a.isZero(a.zeroChunk, CHUNK_BYTES)).toBe(true);
  });

  it('takes up to 255 sources', () => {
    const a = new Arena();
    const d = a.allocChunk();
    const s = a.allocChunk();
    a.bytes().fill(1, s, s + CHUNK_BYTES);
    a.xorMany(d, new Array<number>(MAX_SOURCES).fill(s), CHUNK_BYTES);
    expect(a.bytes()[d + 100]).toBe(1);
    const tooMany = new Array<number>(MAX_SOURCES + 1).fill(s);
    expect(() => a.xorMany(d, tooMany, 16)).toThrow(ModelError);
    expect(() => a.genPQ(d, s, tooMany, 16)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('gives scratch space that grows, stays disjoint from chunks and from scratchBuffers', () => {
    const a = new Arena();
    const chunk = a.allocChunk();
    a.bytes().fill(7, chunk, chunk + CHUNK_BYTES);
    for (const size of [0, 1, 100, 5000, 100_000, 50, 1_000_000]) {
      const at = a.scratch(size);
      expect(at % 16).toBe(0);
      const buffers = a.scratchBuffers(8, size);
      expect(buffers).toHaveLength(8);
      for (const b of buffers) expect(b % 16).toBe(0);
      const bytes = a.bytes();
      bytes.fill(0xee, at, at + size);
      buffers.forEach((b, i) => bytes.fill(i + 1, b, b + size));
      buffers.forEach((b, i) => {
        if (size > 0 && (bytes[b] !== i + 1 || bytes[b + size - 1] !== i + 1)) expect.fail(`buffer ${i} overlapped`);
      });
      if (size > 0) expect([bytes[at], bytes[at + size - 1]]).toEqual([0xee, 0xee]);
      expect(bytes[chunk]).toBe(7);
      expect(bytes[chunk + CHUNK_BYTES - 1]).toBe(7);
    }
    expect(a.allocatedChunks).toBe(1);
    // Scratch replaced by a larger run returns its chunks to the free list, zeroed on reuse.
    const reused = a.allocChunk();
    expect(a.isZero(reused, CHUNK_BYTES)).toBe(true);
  });

  it('throws NO_CAPACITY at its page cap and stays usable', () => {
    const a = new Arena({ maxPages: 2 });
    const chunks: number[] = [];
    const expectedChunks = (2 * PAGE_BYTES - 4 * CHUNK_BYTES) / CHUNK_BYTES;
    for (let i = 0; i < expectedChunks; i++) chunks.push(a.allocChunk());
    let error: unknown;
    try {
      a.allocChunk();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'NO_CAPACITY', message: 'model memory arena exhausted (4 GiB per RAID group)' });
    expect(a.allocatedChunks).toBe(expectedChunks);
    expect(() => a.scratch(CHUNK_BYTES)).toThrow(ModelError);
    a.freeChunk(chunks[3]!);
    expect(a.allocChunk()).toBe(chunks[3]);
  });

  it('stops at the real 4 GiB cap (fresh chunks are never touched, so this stays cheap)', () => {
    const a = new Arena();
    let count = 0;
    expect(() => {
      for (;;) {
        a.allocChunk();
        count++;
      }
    }).toThrow('model memory arena exhausted (4 GiB per RAID group)');
    expect(a.memoryBytes).toBe(2 ** 32);
    expect(count).toBe((2 ** 32 - 4 * CHUNK_BYTES) / CHUNK_BYTES);
    const last = 2 ** 32 - CHUNK_BYTES;
    a.bytes()[last + CHUNK_BYTES - 1] = 9;
    expect(a.isZero(last, CHUNK_BYTES)).toBe(false);
    a.freeChunk(last);
    expect(a.allocChunk()).toBe(last);
    expect(a.isZero(last, CHUNK_BYTES)).toBe(true);
  });

  it('runs the kernels at offsets above 2 GiB (pointers are unsigned)', () => {
    const a = new Arena();
    a.scratch(2 ** 31); // pushes everything after it past 2 GiB
    const len = 4099;
    const [p, q, ...srcs] = a.scratchBuffers(5, len).map((at, i) => at + i);
    expect(p).toBeGreaterThan(2 ** 31);
    const data = srcs.map((_, j) => makeBytes(len, 99 + j));
    srcs.forEach((at, j) => a.bytes().set(data[j]!, at));
    a.genPQ(p!, q!, srcs, len);
    const expected = refGenPQ(data, len);
    expect(a.bytes().slice(p!, p! + len)).toEqual(expected.p);
    expect(a.bytes().slice(q!, q! + len)).toEqual(expected.q);
    a.mulXorInto(p!, q!, len, 0x8e);
    a.xorInto(p!, srcs[0]!, len);
    const want = refXor([expected.p, refMul(0x8e, expected.q), data[0]!], len);
    expect(a.bytes().slice(p!, p! + len)).toEqual(want);
    expect(a.isZero(p!, len)).toBe(false);
  });
});

describe('generated module', () => {
  it('parity-wasm.ts is a fresh compile of parity.wat (run `npm run build:wasm`)', async () => {
    const fresh = Buffer.from(await compileWat()).toString('base64');
    expect(fresh === PARITY_WASM_BASE64).toBe(true);
  });
});
