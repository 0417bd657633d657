/**
 * A small seeded PRNG (mulberry32, as bench/prng.ts): the same seed gives the same workload
 * on every run and machine. The model keeps no other source of randomness.
 */
export class SeededRandom {
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

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextU32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n) for n up to 2^53 (two draws when n exceeds 2^32). */
  below(n: number): number {
    if (n <= 0x1_0000_0000) return Math.floor(this.uniform() * n);
    const x = this.nextU32() * 0x20_0000 + (this.nextU32() >>> 11); // 53 random bits
    return Math.floor((x / 2 ** 53) * n);
  }

  /** The items in a seeded random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
