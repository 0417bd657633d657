/** Operations on 32-bit words and plain bit arrays, under the difference bitmap (difference-bitmap.ts). */

/** A word of 32 set bits. */
export const ONES = 0xffffffff;

/** Number of set bits in a 32-bit word (SWAR). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index of the lowest set bit of a non-zero word. */
export function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Mask of bits lo..hi (inclusive, 0 <= lo <= hi <= 31) of one word, as int32. */
export function spanMask(lo: number, hi: number): number {
  return (ONES >>> (31 - hi)) & (ONES << lo);
}

/** Sets bits first..last (inclusive) of a plain bit array, no counting (for the summary). */
export function fillBits(a: Uint32Array, first: number, last: number): void {
  const wf = first >>> 5;
  const wl = last >>> 5;
  if (wf === wl) {
    a[wf]! |= spanMask(first & 31, last & 31);
    return;
  }
  a[wf]! |= ONES << (first & 31);
  a.fill(ONES, wf + 1, wl);
  a[wl]! |= ONES >>> (31 - (last & 31));
}

/** Clears bits first..last (inclusive) of a plain bit array, no counting (for the summary). */
export function emptyBits(a: Uint32Array, first: number, last: number): void {
  const wf = first >>> 5;
  const wl = last >>> 5;
  if (wf === wl) {
    a[wf]! &= ~spanMask(first & 31, last & 31);
    return;
  }
  a[wf]! &= ~(ONES << (first & 31));
  a.fill(0, wf + 1, wl);
  a[wl]! &= ~(ONES >>> (31 - (last & 31)));
}
