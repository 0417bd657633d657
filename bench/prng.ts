/**
 * A small seeded PRNG (mulberry32), so every run writes the same bytes at the same places.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned value. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, n) for n up to 2^53 (two draws when n exceeds 2^32). */
  below(n: number): number {
    if (n <= 0x1_0000_0000) return Math.floor((this.nextU32() / 0x1_0000_0000) * n);
    const x = this.nextU32() * 0x20_0000 + (this.nextU32() >>> 11); // 53 random bits
    return Math.floor((x / 2 ** 53) * n);
  }

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
