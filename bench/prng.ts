import { SeededRandom } from '../src/placement/seeded-random.ts';

/**
 * The model's seeded PRNG (mulberry32) with what the benchmarks draw besides, so every run
 * writes the same bytes at the same places.
 */
export class Prng extends SeededRandom {
  /** Fills `out` with pseudo-random bytes, four at a time. */
  fill(out: Uint8Array): Uint8Array {
    const whole = out.length - (out.length % 4);
    if (out.byteOffset % 4 === 0) {
      const w = new Uint32Array(out.buffer, out.byteOffset, whole / 4);
      for (let i = 0; i < w.length; i++) w[i] = this.nextU32();
    } else {
      for (let i = 0; i < whole; i += 4) {
        const v = this.nextU32();
        out[i] = v & 0xff;
        out[i + 1] = (v >>> 8) & 0xff;
        out[i + 2] = (v >>> 16) & 0xff;
        out[i + 3] = v >>> 24;
      }
    }
    for (let i = whole; i < out.length; i++) out[i] = this.nextU32() & 0xff;
    return out;
  }

  /** `count` distinct integers in [0, n), in draw order. */
  distinct(count: number, n: number): number[] {
    if (count > n) throw new RangeError(`cannot draw ${count} distinct values below ${n}`);
    const seen = new Set<number>();
    const list: number[] = [];
    while (list.length < count) {
      const v = this.below(n);
      if (seen.has(v)) continue;
      seen.add(v);
      list.push(v);
    }
    return list;
  }
}
