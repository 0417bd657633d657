/** Reads longer than this get a buffer of their own, so a scratch buffer never holds a large one for long. */
const KEPT_BYTES_MAX = 1 << 20;

/**
 * A checker's reusable read buffer (CHK-1): comparing a run of tracks reads into it instead of
 * a fresh array (allocating one costs more than the read here). What `take` returns is valid
 * until the next `take`.
 */
export class ScratchBuffer {
  private bytes = new Uint8Array(0);

  take(length: number): Uint8Array {
    if (length > KEPT_BYTES_MAX) return new Uint8Array(length);
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.min(KEPT_BYTES_MAX, Math.max(length, 2 * this.bytes.length, 65536)));
    return this.bytes.subarray(0, length);
  }
}
