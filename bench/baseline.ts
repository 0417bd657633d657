/**
 * The baseline every throughput figure is divided by: Buffer.copy of the same number of
 * bytes, between two buffers too large for the caches, measured next to the figure.
 */
import { MiB } from './timing.ts';

export const BASELINE_NAME = 'Buffer.copy';

export class CopyBaseline {
  readonly src: Buffer;
  private readonly dst: Buffer;

  /** `poolBytes` of source and of destination; copies larger than this wrap around. */
  constructor(readonly poolBytes: number = 64 * MiB, fill?: (b: Uint8Array) => void) {
    this.src = Buffer.allocUnsafeSlow(poolBytes);
    this.dst = Buffer.allocUnsafeSlow(poolBytes);
    if (fill) fill(this.src);
    else this.src.fill(0x5a);
    this.dst.fill(0); // touch every page now, not inside the first timed copy
  }

  /** Copies `bytes` bytes (a multiple of the pool, or less) as whole-pool Buffer.copy calls. */
  copy(bytes: number): void {
    let left = bytes;
    while (left > 0) {
      const n = Math.min(left, this.poolBytes);
      this.src.copy(this.dst, 0, 0, n);
      left -= n;
    }
  }
}
