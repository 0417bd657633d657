import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DifferenceBitmap, MAX_BITS, popcount32 } from './difference-bitmap.ts';

// ---------------------------------------------------------------------------
// Reference model: one byte per bit, everything by linear scan.

class Reference {
  readonly bits: Uint8Array;
  constructor(n: number) {
    this.bits = new Uint8Array(n);
  }
  fill(v: 0 | 1, first: number, last: number): void {
    this.bits.fill(v, first, last + 1);
  }
  count(first = 0, last = this.bits.length - 1): number {
    let n = 0;
    for (let i = first; i <= last; i++) n += this.bits[i]!;
    return n;
  }
  next(from: number, last = this.bits.length - 1): number {
    for (let i = from; i <= last; i++) if (this.bits[i]) return i;
    return -1;
  }
  list(): number[] {
    const out: number[] = [];
    this.bits.forEach((b, i) => {
      if (b) out.push(i);
    });
    return out;
  }
  runs(): string {
    const runs: string[] = [];
    for (let i = 0; i < this.bits.length; i++) {
      if (!this.bits[i]) continue;
      let j = i;
      while (j + 1 < this.bits.length && this.bits[j + 1]) j++;
      runs.push(i === j ? `${i}` : `${i}-${j}`);
      i = j;
    }
    return runs.join(',');
  }
}

// ---------------------------------------------------------------------------
// Generators

/** Sizes around word (32) and summary-word (32 words = 1024 bits) boundaries, some not multiples of 32. */
const SIZES = [1, 2, 31, 32, 33, 63, 64, 65, 100, 1023, 1024, 1025, 1056, 2047, 2048, 2049, 3001, 32767, 32768, 32769, 33800];
const sizeArb = fc.constantFrom(...SIZES);

/** Indexes near every boundary the bitmap has, plus uniform ones. */
function indexArb(bits: number): fc.Arbitrary<number> {
  const edges = [0, 1, 30, 31, 32, 33, 63, 64, 65, 1023, 1024, 1025, 32767, 32768, 32769, bits - 33, bits - 32, bits - 31, bits - 2, bits - 1]
    .filter((e) => e >= 0 && e < bits);
  return fc.oneof(fc.integer({ min: 0, max: bits - 1 }), fc.constantFrom(...edges));
}

function rangeArb(bits: number): fc.Arbitrary<[number, number]> {
  const i = indexArb(bits);
  return fc.oneof(
    fc.tuple(i, i).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a])),
    // short ranges starting at a boundary
    fc.tuple(i, fc.integer({ min: 0, max: 70 })).map(([a, n]): [number, number] => [a, Math.min(bits - 1, a + n)]),
  );
}

type Shape = { kind: 'bit'; i: number } | { kind: 'range'; r: [number, number] };
type Op =
  | { op: 'set' | 'clear'; i: number }
  | { op: 'setRange' | 'clearRange'; r: [number, number] }
  | { op: 'setAll' | 'clearAll' }
  | { op: 'orFrom' | 'copyFrom'; other: Shape[] };

function opArb(bits: number): fc.Arbitrary<Op> {
  const shape: fc.Arbitrary<Shape> = fc.oneof(
    indexArb(bits).map((i): Shape => ({ kind: 'bit', i })),
    rangeArb(bits).map((r): Shape => ({ kind: 'range', r })),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('set' as const, 'clear' as const), i: indexArb(bits) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('setRange' as const, 'clearRange' as const), r: rangeArb(bits) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('setAll' as const, 'clearAll' as const) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('orFrom' as const, 'copyFrom' as const), other: fc.array(shape, { maxLength: 6 }) }) },
  );
}

const scenarioArb = sizeArb.chain((bits) =>
  fc.record({
    bits: fc.constant(bits),
    ops: fc.array(opArb(bits), { maxLength: 30 }),
    probes: fc.array(fc.tuple(indexArb(bits), indexArb(bits)), { minLength: 1, maxLength: 20 }),
  }),
);

function build(bits: number, shapes: readonly Shape[]): [DifferenceBitmap, Reference] {
  const bm = new DifferenceBitmap(bits);
  const ref = new Reference(bits);
  for (const s of shapes) {
    if (s.kind === 'bit') {
      bm.set(s.i);
      ref.bits[s.i] = 1;
    } else {
      bm.setRange(s.r[0], s.r[1]);
      ref.fill(1, s.r[0], s.r[1]);
    }
  }
  return [bm, ref];
}

function apply(bm: DifferenceBitmap, ref: Reference, op: Op): void {
  const last = ref.bits.length - 1;
  switch (op.op) {
    case 'set':
      bm.set(op.i);
      ref.bits[op.i] = 1;
      break;
    case 'clear':
      bm.clear(op.i);
      ref.bits[op.i] = 0;
      break;
    case 'setRange':
      bm.setRange(op.r[0], op.r[1]);
      ref.fill(1, op.r[0], op.r[1]);
      break;
    case 'clearRange':
      bm.clearRange(op.r[0], op.r[1]);
      ref.fill(0, op.r[0], op.r[1]);
      break;
    case 'setAll':
      bm.setAll();
      ref.fill(1, 0, last);
      break;
    case 'clearAll':
      bm.clearAll();
      ref.fill(0, 0, last);
      break;
    case 'orFrom':
    case 'copyFrom': {
      const [other, otherRef] = build(ref.bits.length, op.other);
      if (op.op === 'orFrom') {
        bm.orFrom(other);
        for (let i = 0; i <= last; i++) ref.bits[i]! |= otherRef.bits[i]!;
      } else {
        bm.copyFrom(other);
        ref.bits.set(otherRef.bits);
      }
      expect(other.checkSummary()).toBe(true); // the argument is not changed
      expect(other.count()).toBe(otherRef.count());
      break;
    }
  }
}

/** Everything observable agrees with the reference. */
function agree(bm: DifferenceBitmap, ref: Reference, probes: ReadonlyArray<[number, number]>): void {
  const n = ref.bits.length;
  expect(bm.checkSummary()).toBe(true);
  expect(bm.count()).toBe(ref.count());
  expect(bm.isEmpty()).toBe(ref.count() === 0);
  let wrong = -1;
  for (let i = 0; i < n && wrong === -1; i++) if (bm.get(i) !== (ref.bits[i] === 1)) wrong = i;
  expect(wrong).toBe(-1);
  const list = ref.list();
  expect(Array.from(bm.toArray())).toEqual(list);
  const visited: number[] = [];
  bm.forEachSet((i) => visited.push(i));
  expect(visited).toEqual(list);
  // Walking with nextSet visits the same bits.
  const walked: number[] = [];
  for (let i = bm.nextSet(0); i !== -1; i = bm.nextSet(i + 1)) walked.push(i);
  expect(walked).toEqual(list);
  expect(bm.nextSet(n)).toBe(-1);
  expect(bm.snapshot()).toBe(ref.runs());
  for (const [a, b] of probes) {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(bm.nextSet(a)).toBe(ref.next(a));
    expect(bm.nextSetIn(lo, hi)).toBe(ref.next(lo, hi));
    expect(bm.nextSetIn(hi + 1, hi)).toBe(-1);
    expect(bm.countRange(lo, hi)).toBe(ref.count(lo, hi));
  }
}

// ---------------------------------------------------------------------------

describe('DifferenceBitmap against a reference model', () => {
  it('random operation sequences keep every query and the summary right', () => {
    fc.assert(
      fc.property(scenarioArb, ({ bits, ops, probes }) => {
        const bm = new DifferenceBitmap(bits);
        const ref = new Reference(bits);
        for (const op of ops) {
          apply(bm, ref, op);
          if (!bm.checkSummary()) throw new Error(`summary wrong after ${JSON.stringify(op)}`);
          if (bm.count() !== ref.count()) throw new Error(`count wrong after ${JSON.stringify(op)}`);
        }
        agree(bm, ref, probes);
        const [twin] = build(bits, []);
        twin.copyFrom(bm);
        expect(twin.equals(bm)).toBe(true);
        expect(bm.equals(twin)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('equals tells bitmaps apart by a single bit', () => {
    fc.assert(
      fc.property(
        sizeArb.chain((bits) => fc.record({ bits: fc.constant(bits), ops: fc.array(opArb(bits), { maxLength: 10 }), flip: indexArb(bits) })),
        ({ bits, ops, flip }) => {
          const a = new DifferenceBitmap(bits);
          const ref = new Reference(bits);
          for (const op of ops) apply(a, ref, op);
          const b = new DifferenceBitmap(bits);
          b.copyFrom(a);
          expect(a.equals(b)).toBe(true);
          if (b.get(flip)) b.clear(flip);
          else b.set(flip);
          expect(a.equals(b)).toBe(false);
          expect(b.equals(a)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('toArray into a caller buffer returns the filled prefix', () => {
    fc.assert(
      fc.property(
        sizeArb.chain((bits) => fc.record({ bits: fc.constant(bits), ops: fc.array(opArb(bits), { maxLength: 10 }), spare: fc.nat(5) })),
        ({ bits, ops, spare }) => {
          const bm = new DifferenceBitmap(bits);
          const ref = new Reference(bits);
          for (const op of ops) apply(bm, ref, op);
          const into = new Uint32Array(bm.count() + spare).fill(7);
          const got = bm.toArray(into);
          expect(got.buffer).toBe(into.buffer);
          expect(Array.from(got)).toEqual(ref.list());
          if (bm.count() > 0) expect(() => bm.toArray(new Uint32Array(bm.count() - 1))).toThrow(RangeError);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('DifferenceBitmap examples', () => {
  it('snapshot lists runs', () => {
    const bm = new DifferenceBitmap(100);
    expect(bm.snapshot()).toBe('');
    bm.setRange(3, 7);
    bm.set(12);
    expect(bm.snapshot()).toBe('3-7,12');
    bm.setRange(31, 33);
    bm.set(99);
    expect(bm.snapshot()).toBe('3-7,12,31-33,99');
    bm.clear(32);
    expect(bm.snapshot()).toBe('3-7,12,31,33,99');
    expect(bm.count()).toBe(9);
  });

  it('setAll on sizes that are not multiples of 32 leaves the tail clear', () => {
    for (const bits of [1, 31, 33, 1025, 32769]) {
      const bm = new DifferenceBitmap(bits);
      bm.setAll();
      expect(bm.checkSummary()).toBe(true);
      expect(bm.count()).toBe(bits);
      expect(bm.countRange(0, bits - 1)).toBe(bits);
      expect(bm.nextSet(bits - 1)).toBe(bits - 1);
      expect(bm.snapshot()).toBe(bits === 1 ? '0' : `0-${bits - 1}`);
    }
  });

  it('a zero-bit bitmap is empty and has no valid index', () => {
    const bm = new DifferenceBitmap(0);
    expect(bm.count()).toBe(0);
    expect(bm.nextSet(0)).toBe(-1);
    expect(bm.toArray().length).toBe(0);
    bm.setAll();
    bm.clearAll();
    expect(bm.checkSummary()).toBe(true);
    expect(() => bm.get(0)).toThrow(RangeError);
    expect(() => bm.nextSetIn(0, 0)).toThrow(RangeError);
  });

  it('popcount32 counts every bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (x) => {
        let n = 0;
        for (let b = 0; b < 32; b++) n += (x >>> b) & 1;
        expect(popcount32(x)).toBe(n);
        expect(popcount32(x | 0)).toBe(n); // the int32 view of the same bits
      }),
    );
  });
});

describe('DifferenceBitmap rejects caller bugs with RangeError', () => {
  const bm = new DifferenceBitmap(64);
  const bad = [-1, 64, 65, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5, 2 ** 32];

  it('constructor', () => {
    for (const n of [-1, 1.5, Number.NaN, 2 ** 32 + 1, Number.POSITIVE_INFINITY]) {
      expect(() => new DifferenceBitmap(n)).toThrow(RangeError);
    }
  });

  it('single bits', () => {
    for (const i of bad) {
      expect(() => bm.get(i)).toThrow(RangeError);
      expect(() => bm.set(i)).toThrow(RangeError);
      expect(() => bm.clear(i)).toThrow(RangeError);
    }
    expect(bm.checkSummary()).toBe(true);
    expect(bm.count()).toBe(0);
  });

  it('ranges', () => {
    for (const i of bad) {
      for (const f of [
        () => bm.setRange(i, 10),
        () => bm.setRange(0, i),
        () => bm.clearRange(i, 10),
        () => bm.clearRange(0, i),
        () => bm.countRange(0, i),
      ]) {
        expect(f).toThrow(RangeError);
      }
    }
    expect(() => bm.setRange(10, 9)).toThrow(RangeError);
    expect(() => bm.clearRange(10, 9)).toThrow(RangeError);
    expect(() => bm.countRange(10, 9)).toThrow(RangeError);
    expect(bm.count()).toBe(0);
  });

  it('searches accept one past the end, nothing further', () => {
    expect(bm.nextSet(64)).toBe(-1);
    expect(bm.nextSetIn(11, 10)).toBe(-1);
    for (const i of [-1, 65, 1.5, Number.NaN, 2 ** 32]) expect(() => bm.nextSet(i)).toThrow(RangeError);
    expect(() => bm.nextSetIn(12, 10)).toThrow(RangeError);
    expect(() => bm.nextSetIn(0, 64)).toThrow(RangeError);
    expect(() => bm.nextSetIn(-1, 10)).toThrow(RangeError);
  });

  it('size mismatch', () => {
    const other = new DifferenceBitmap(65);
    expect(() => bm.copyFrom(other)).toThrow(RangeError);
    expect(() => bm.orFrom(other)).toThrow(RangeError);
    expect(bm.equals(other)).toBe(false);
  });
});

describe('DifferenceBitmap at scale', () => {
  it('16 Mi bits (1 TiB of 64 KiB tracks), sparse: iteration finds exactly the set bits', () => {
    const bits = 16 * 2 ** 20;
    const bm = new DifferenceBitmap(bits);
    const want = new Set<number>();
    let x = 12345;
    for (let k = 0; k < 5000; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const i = x % bits;
      want.add(i);
      bm.set(i);
    }
    const sorted = [...want].sort((a, b) => a - b);
    expect(bm.count()).toBe(sorted.length);
    expect(Array.from(bm.toArray())).toEqual(sorted);
    expect(bm.checkSummary()).toBe(true);
    bm.clearRange(1, bits - 2);
    expect(bm.count()).toBe((want.has(0) ? 1 : 0) + (want.has(bits - 1) ? 1 : 0));
    expect(bm.checkSummary()).toBe(true);
  });

  it('2^32 bits: indexes past 2^31 work (512 MiB, touched sparsely)', () => {
    const bm = new DifferenceBitmap(MAX_BITS);
    const last = MAX_BITS - 1;
    bm.set(last);
    bm.set(2 ** 31);
    bm.set(2 ** 31 - 1);
    expect(bm.get(last)).toBe(true);
    expect(bm.nextSet(0)).toBe(2 ** 31 - 1);
    expect(bm.nextSet(2 ** 31 + 1)).toBe(last);
    expect(bm.nextSet(MAX_BITS)).toBe(-1);
    expect(bm.nextSetIn(2 ** 31 + 1, last - 1)).toBe(-1);
    bm.setRange(last - 100, last);
    expect(bm.count()).toBe(103);
    expect(bm.countRange(2 ** 31, last)).toBe(102);
    const arr = bm.toArray();
    expect(arr[0]).toBe(2 ** 31 - 1);
    expect(arr[1]).toBe(2 ** 31);
    expect(arr[arr.length - 1]).toBe(last);
    const seen: number[] = [];
    bm.forEachSet((i) => seen.push(i));
    expect(seen[seen.length - 1]).toBe(last);
    expect(bm.snapshot()).toBe(`${2 ** 31 - 1}-${2 ** 31},${last - 100}-${last}`);
    bm.clearRange(2 ** 31, last - 50);
    expect(bm.count()).toBe(51);
    expect(bm.nextSet(2 ** 31)).toBe(last - 49);
    bm.clear(last);
    expect(bm.get(last)).toBe(false);
    expect(bm.count()).toBe(50);
  });
});
