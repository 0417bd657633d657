/** Comparing bytes in the property checks. */

function buf(a: Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Index of the first differing byte, -1 when equal (a native comparison first). */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length === b.length && buf(a).equals(buf(b))) return -1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
