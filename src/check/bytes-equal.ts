/** Index of the first byte where `a` and `b` differ (the shorter length when one is a prefix), or -1. Native compare first. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  if (Buffer.compare(view(a, n), view(b, n)) === 0) return a.length === b.length ? -1 : n;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1; // unreachable: compare said they differ
}

function view(x: Uint8Array, n: number): Buffer {
  return Buffer.from(x.buffer, x.byteOffset, n);
}

/** Zeros to compare against, a chunk at a time. */
const ZEROS = new Uint8Array(65536);

/** Index of the first byte of `bytes` that is not zero, or -1 (native compares a chunk at a time). */
export function firstNonZero(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; at += ZEROS.length) {
    const n = Math.min(ZEROS.length, bytes.length - at);
    const chunk = bytes.subarray(at, at + n);
    if (Buffer.compare(view(chunk, n), view(ZEROS, n)) === 0) continue;
    for (let i = 0; i < n; i++) if (chunk[i] !== 0) return at + i;
  }
  return -1;
}
