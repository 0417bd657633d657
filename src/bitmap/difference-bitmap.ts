/**
 * The difference bitmap of an in-system copy pair.
 *
 * The seed keeps "difference information" per pair: one bit per track, where **bit 1 means
 * the track differs between the original and the copy** (a host wrote the original, or the
 * copy, since the last time the two were made equal). Resynchronising a pair copies exactly
 * the tracks whose bit is 1 and clears each bit as its track is copied; the pair's status
 * reports how many bits are set. A 1 TiB volume at 64 KiB tracks is 16 Mi bits (2 MiB), and
 * a volume may have up to 2^32 tracks, so the bitmap is sized for 2^32 bits.
 *
 * Why a summary level: after a split, usually only a few tracks are written before the
 * resync, so the bitmap is very sparse, and the resync (and `count`, `nextSet`) must not
 * cost a walk over 2 MiB of zero words per call. So beside the words (32 tracks each) there
 * is a summary with one bit per word, set exactly when that word is non-zero. Scanning for
 * set bits walks the summary (1/32 of the words) and visits only non-zero words, so finding
 * every set bit costs about a memory scan of the summary plus the words that hold bits:
 * when sparse, far less than reading the whole bitmap; when dense, about one pass over the
 * words. The summary is kept exact on every mutation (never lazily rebuilt), and so is a
 * running count of set bits, which makes `count()` O(1).
 *
 * Invariants (checked by {@link DifferenceBitmap.checkSummary}):
 * - summary bit w is 1 exactly when word w is non-zero;
 * - the bits past `bits` in the last word, and past the last word in the last summary
 *   word, are 0;
 * - the running count equals the number of set bits.
 *
 * Bit indexes are whole numbers in [0, bits); anything else is a caller bug and throws a
 * RangeError. Range operations take an inclusive last index and need first <= last. The
 * searches (`nextSet`, `nextSetIn`) also accept a start one past the end of their range and
 * then return -1, so `i = nextSet(i + 1)` loops need no bounds check.
 */

/** The most bits a bitmap may have: a volume of 2^32 tracks. */
export const MAX_BITS = 2 ** 32;

import { ctz, emptyBits, fillBits, ONES, popcount32, spanMask } from './bit-words.ts';

export { popcount32 } from './bit-words.ts';

export class DifferenceBitmap {
  /** Number of bits (tracks). */
  readonly bits: number;
  /** 32 bits per word; bits past `bits` in the last word stay 0. */
  private readonly words: Uint32Array;
  /** One bit per word of `words`: 1 exactly when that word is non-zero. */
  private readonly summary: Uint32Array;
  /** Number of set bits, kept up to date by every mutation. */
  private ones = 0;

  /** A bitmap of `bits` bits (0 <= bits <= 2^32), all clear. */
  constructor(bits: number) {
    if (!Number.isInteger(bits) || bits < 0 || bits > MAX_BITS) {
      throw new RangeError(`bitmap size ${bits} is not a whole number in [0, 2^32]`);
    }
    this.bits = bits;
    this.words = new Uint32Array(Math.ceil(bits / 32));
    this.summary = new Uint32Array(Math.ceil(this.words.length / 32));
  }

  // -------------------------------------------------------------------------
  // Validation

  private index(i: number, what = 'bit index'): void {
    // (i >>> 0) === i holds exactly for whole numbers in [0, 2^32).
    if ((i >>> 0) !== i || i >= this.bits) {
      throw new RangeError(`${what} ${i} is not a whole number in [0, ${this.bits})`);
    }
  }

  private range(first: number, last: number): void {
    this.index(first, 'first bit');
    this.index(last, 'last bit');
    if (first > last) throw new RangeError(`bit range ${first}-${last} is inverted`);
  }

  /** `from` may be last + 1 (an empty search); `last` must be a bit index. */
  private searchStart(from: number, last: number): void {
    if ((from >>> 0) !== from && from !== MAX_BITS) {
      throw new RangeError(`search start ${from} is not a whole number`);
    }
    if (from > last + 1) {
      throw new RangeError(`search start ${from} is past ${last + 1}`);
    }
  }

  private sameSize(other: DifferenceBitmap): void {
    if (other.bits !== this.bits) {
      throw new RangeError(`bitmap sizes differ: ${this.bits} and ${other.bits}`);
    }
  }

  // -------------------------------------------------------------------------
  // Single bits

  get(i: number): boolean {
    this.index(i);
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    this.index(i);
    const w = i >>> 5;
    const m = 1 << (i & 31);
    const old = this.words[w]!;
    if ((old & m) !== 0) return;
    this.words[w] = old | m;
    this.ones++;
    if (old === 0) this.summary[w >>> 5]! |= 1 << (w & 31);
  }

  clear(i: number): void {
    this.index(i);
    const w = i >>> 5;
    const m = 1 << (i & 31);
    const old = this.words[w]!;
    if ((old & m) === 0) return;
    const now = old & ~m;
    this.words[w] = now;
    this.ones--;
    if (now === 0) this.summary[w >>> 5]! &= ~(1 << (w & 31));
  }

  // -------------------------------------------------------------------------
  // Ranges (whole words at once)

  /** Sets bits first..last (inclusive). */
  setRange(first: number, last: number): void {
    this.range(first, last);
    const words = this.words;
    const wf = first >>> 5;
    const wl = last >>> 5;
    if (wf === wl) {
      this.orWord(wf, spanMask(first & 31, last & 31));
    } else {
      this.orWord(wf, ONES << (first & 31));
      // Every middle word becomes all ones: add the bits it lacked.
      let added = 0;
      for (let w = wf + 1; w < wl; w++) added += 32 - popcount32(words[w]!);
      words.fill(ONES, wf + 1, wl);
      this.ones += added;
      this.orWord(wl, ONES >>> (31 - (last & 31)));
    }
    fillBits(this.summary, wf, wl);
  }

  /** Clears bits first..last (inclusive). */
  clearRange(first: number, last: number): void {
    this.range(first, last);
    const wf = first >>> 5;
    const wl = last >>> 5;
    if (wf === wl) {
      this.andNotWord(wf, spanMask(first & 31, last & 31));
      return;
    }
    this.andNotWord(wf, ONES << (first & 31));
    if (wl > wf + 1) {
      this.ones -= this.countWords(wf + 1, wl - 1);
      this.words.fill(0, wf + 1, wl);
      emptyBits(this.summary, wf + 1, wl - 1);
    }
    this.andNotWord(wl, ONES >>> (31 - (last & 31)));
  }

  /** words[w] |= mask, keeping the count; the caller updates the summary. */
  private orWord(w: number, mask: number): void {
    const old = this.words[w]!;
    const now = (old | mask) >>> 0;
    if (now === old) return;
    this.words[w] = now;
    this.ones += popcount32(now & ~old);
  }

  /** words[w] &= ~mask, keeping the count and the summary. */
  private andNotWord(w: number, mask: number): void {
    const old = this.words[w]!;
    const gone = old & mask;
    if (gone === 0) return;
    const now = old & ~mask;
    this.words[w] = now;
    this.ones -= popcount32(gone);
    if (now === 0) this.summary[w >>> 5]! &= ~(1 << (w & 31));
  }

  /** Set bits in words wf..wl (inclusive), visiting only the non-zero ones. */
  private countWords(wf: number, wl: number): number {
    let n = 0;
    for (let w = this.nextWord(wf, wl); w !== -1; w = w < wl ? this.nextWord(w + 1, wl) : -1) {
      n += popcount32(this.words[w]!);
    }
    return n;
  }

  // -------------------------------------------------------------------------
  // Counting

  /** Number of set bits, O(1). */
  count(): number {
    return this.ones;
  }

  isEmpty(): boolean {
    return this.ones === 0;
  }

  /** Number of set bits in first..last (inclusive). */
  countRange(first: number, last: number): number {
    this.range(first, last);
    const words = this.words;
    const wf = first >>> 5;
    const wl = last >>> 5;
    if (wf === wl) return popcount32(words[wf]! & spanMask(first & 31, last & 31));
    let n = popcount32(words[wf]! & (ONES << (first & 31)));
    if (wl > wf + 1) n += this.countWords(wf + 1, wl - 1);
    return n + popcount32(words[wl]! & (ONES >>> (31 - (last & 31))));
  }

  // -------------------------------------------------------------------------
  // Searching

  /**
   * The first non-zero word in wf..wl (inclusive, wf <= wl), or -1, found through the
   * summary so runs of zero words cost 1/32 of a word each.
   */
  private nextWord(wf: number, wl: number): number {
    const summary = this.summary;
    let sw = wf >>> 5;
    const swl = wl >>> 5;
    let s = summary[sw]! & (ONES << (wf & 31));
    while (s === 0) {
      if (++sw > swl) return -1;
      s = summary[sw]!;
    }
    const w = sw * 32 + ctz(s);
    return w <= wl ? w : -1;
  }

  /** Smallest set index >= from, or -1. `from` may equal `bits` (then -1). */
  nextSet(from: number): number {
    this.searchStart(from, this.bits - 1);
    if (from === this.bits) return -1;
    return this.search(from, this.bits - 1);
  }

  /** Smallest set index in from..last (inclusive), or -1. `from` may be last + 1 (then -1). */
  nextSetIn(from: number, last: number): number {
    this.index(last, 'last bit');
    this.searchStart(from, last);
    if (from > last) return -1;
    return this.search(from, last);
  }

  /** Smallest set index in from..last, both valid and from <= last, or -1. */
  private search(from: number, last: number): number {
    const w0 = from >>> 5;
    const wl = last >>> 5;
    let x = this.words[w0]! & (ONES << (from & 31));
    let w = w0;
    if (x === 0) {
      if (w0 === wl) return -1;
      w = this.nextWord(w0 + 1, wl);
      if (w === -1) return -1;
      x = this.words[w]!;
    }
    const i = w * 32 + ctz(x);
    return i <= last ? i : -1;
  }

  // -------------------------------------------------------------------------
  // Iteration

  /**
   * Calls `visit` with every set index in ascending order. `visit` must not change this
   * bitmap (a word already being visited would not see the change).
   */
  forEachSet(visit: (i: number) => void): void {
    const words = this.words;
    const summary = this.summary;
    for (let sw = 0; sw < summary.length; sw++) {
      let s = summary[sw]! | 0;
      while (s !== 0) {
        const w = sw * 32 + 31 - Math.clz32(s & -s);
        s &= s - 1;
        const base = w * 32 + 31;
        let x = words[w]! | 0; // non-zero: the summary says so
        do {
          visit(base - Math.clz32(x & -x));
          x &= x - 1;
        } while (x !== 0);
      }
    }
  }

  /**
   * Every set index in ascending order. The loops read words as int32 (`| 0`) and clear
   * the lowest bit with `x &= x - 1`: measured faster in V8 than uint32 reads and
   * `x ^= x & -x` (bench/bitmap.ts). Into `into` if given (it must hold `count()`
   * entries; a RangeError otherwise), returning the filled prefix as a subarray.
   */
  toArray(into?: Uint32Array): Uint32Array {
    const n = this.ones;
    if (into !== undefined && into.length < n) {
      throw new RangeError(`toArray: ${n} set bits do not fit in ${into.length} entries`);
    }
    const out = into === undefined ? new Uint32Array(n) : into;
    const words = this.words;
    const summary = this.summary;
    let k = 0;
    for (let sw = 0; sw < summary.length; sw++) {
      let s = summary[sw]! | 0;
      while (s !== 0) {
        const w = sw * 32 + 31 - Math.clz32(s & -s);
        s &= s - 1;
        const base = w * 32 + 31;
        let x = words[w]! | 0;
        do {
          out[k++] = base - Math.clz32(x & -x);
          x &= x - 1;
        } while (x !== 0);
      }
    }
    return into === undefined ? out : out.subarray(0, n);
  }

  /** A copy of the bit words, bit i in word i >>> 5 (CHK-5: a checker diffs two copies to see which bits changed). */
  wordsCopy(): Uint32Array {
    return this.words.slice();
  }

  // -------------------------------------------------------------------------
  // Whole bitmap

  clearAll(): void {
    this.words.fill(0);
    this.summary.fill(0);
    this.ones = 0;
  }

  setAll(): void {
    if (this.bits === 0) return;
    this.words.fill(ONES);
    const tail = this.bits & 31;
    if (tail !== 0) this.words[this.words.length - 1] = ONES >>> (32 - tail);
    this.summary.fill(0);
    fillBits(this.summary, 0, this.words.length - 1);
    this.ones = this.bits;
  }

  /** Makes this bitmap equal to `other` (same size, else RangeError). */
  copyFrom(other: DifferenceBitmap): void {
    this.sameSize(other);
    if (other === this) return;
    this.words.set(other.words);
    this.summary.set(other.summary);
    this.ones = other.ones;
  }

  /** this |= other (same size, else RangeError); visits only other's non-zero words. */
  orFrom(other: DifferenceBitmap): void {
    this.sameSize(other);
    if (other === this) return;
    const words = this.words;
    const theirs = other.words;
    const summary = other.summary;
    let added = 0;
    for (let sw = 0; sw < summary.length; sw++) {
      let s = summary[sw]!;
      if (s === 0) continue;
      this.summary[sw]! |= s;
      while (s !== 0) {
        const t = s & -s;
        s ^= t;
        const w = sw * 32 + 31 - Math.clz32(t);
        const old = words[w]!;
        const add = theirs[w]! & ~old;
        if (add !== 0) {
          words[w] = old | add;
          added += popcount32(add);
        }
      }
    }
    this.ones += added;
  }

  /** Same size and the same bits set. Bitmaps of different sizes are simply not equal. */
  equals(other: DifferenceBitmap): boolean {
    if (other === this) return true;
    if (other.bits !== this.bits || other.ones !== this.ones) return false;
    const a = this.summary;
    const b = other.summary;
    for (let sw = 0; sw < a.length; sw++) if (a[sw] !== b[sw]) return false;
    // Equal summaries: both are zero wherever the summary is 0, so compare the rest.
    for (let w = this.nextWord(0, this.words.length - 1); w !== -1; ) {
      if (this.words[w] !== other.words[w]) return false;
      w = w + 1 < this.words.length ? this.nextWord(w + 1, this.words.length - 1) : -1;
    }
    return true;
  }

  // -------------------------------------------------------------------------
  // Debugging and tests

  /** The set bits as ascending runs, e.g. "3-7,12" ("" when empty). For tests and logs. */
  snapshot(): string {
    const runs: string[] = [];
    let start = -1;
    let prev = -2;
    const close = () => {
      if (start >= 0) runs.push(start === prev ? `${start}` : `${start}-${prev}`);
    };
    this.forEachSet((i) => {
      if (i !== prev + 1) {
        close();
        start = i;
      }
      prev = i;
    });
    close();
    return runs.join(',');
  }

  /**
   * For tests: true when every invariant holds (summary exact, tail bits clear, running
   * count right). O(words); never called by the model itself.
   */
  checkSummary(): boolean {
    const words = this.words;
    const summary = this.summary;
    let n = 0;
    for (let w = 0; w < words.length; w++) {
      const x = words[w]!;
      n += popcount32(x);
      const flag = (summary[w >>> 5]! >>> (w & 31)) & 1;
      if (flag !== (x !== 0 ? 1 : 0)) return false;
    }
    const tail = this.bits & 31;
    if (tail !== 0 && words[words.length - 1]! >>> tail !== 0) return false;
    const sTail = words.length & 31;
    if (sTail !== 0 && summary[summary.length - 1]! >>> sTail !== 0) return false;
    return n === this.ones;
  }
}
