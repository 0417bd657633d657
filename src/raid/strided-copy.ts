/**
 * Copies `count` blocks of `block` bytes between two byte arrays with independent strides.
 * RAID3 interleaves data in small units, so a run of rows gathers one device's units from
 * every row of the request (spec/raid.md, RAID-L-1).
 */
export function stridedCopy(
  dst: Uint8Array, dstOffset: number, dstStride: number,
  src: Uint8Array, srcOffset: number, srcStride: number,
  block: number, count: number,
): void {
  if (block === 1) {
    for (let i = 0; i < count; i++) dst[dstOffset + i * dstStride] = src[srcOffset + i * srcStride]!;
    return;
  }
  for (let i = 0; i < count; i++) {
    const s = srcOffset + i * srcStride;
    dst.set(src.subarray(s, s + block), dstOffset + i * dstStride);
  }
}
