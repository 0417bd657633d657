import { fail } from '../errors.ts';
import { Arena, CHUNK_BYTES } from '../kernels/arena.ts';
import { requireRange } from '../validate.ts';
import { type IoCounters, zeroCounters } from './io-counters.ts';

/**
 * A byte-addressable storage device of fixed capacity (spec/raid.md, DEV-1..DEV-4).
 *
 * Its media is sparse: 4 KiB chunks are taken from the RAID group's arena on first write,
 * so unwritten bytes read as zero and memory follows the bytes written. Keeping the bytes
 * inside the arena's WebAssembly memory lets parity kernels run where the data lives.
 *
 * `read`/`write` are the counted, validated entry points. The `media*` methods are for the
 * RAID layer, which counts one I/O per device per request through its own tally (RAID-IO-1).
 */
export class StorageDevice {
  readonly capacityBytes: number;
  readonly arena: Arena;
  readonly counters: IoCounters = zeroCounters();
  private readonly chunks = new Map<number, number>();
  private sortedChunkIndexes: number[] | null = [];
  private failedFlag = false;

  constructor(capacityBytes: number, arena: Arena = new Arena()) {
    this.capacityBytes = capacityBytes;
    this.arena = arena;
  }

  get failed(): boolean {
    return this.failedFlag;
  }

  get allocatedBytes(): number {
    return this.chunks.size * CHUNK_BYTES;
  }

  /** DEV-3: from now on every access throws DEVICE_FAILED. */
  fail(): void {
    this.failedFlag = true;
  }

  /** DEV-4: new, empty media in place of the failed device. */
  replaceMedia(): void {
    for (const offset of this.chunks.values()) this.arena.freeChunk(offset);
    this.chunks.clear();
    this.sortedChunkIndexes = [];
    this.failedFlag = false;
  }

  read(offset: number, length: number): Uint8Array {
    requireRange('device read', offset, length, this.capacityBytes);
    const out = new Uint8Array(length);
    this.mediaRead(offset, out, 0, length);
    this.counters.reads++;
    this.counters.bytesRead += length;
    return out;
  }

  write(offset: number, data: Uint8Array): void {
    requireRange('device write', offset, data.length, this.capacityBytes);
    this.mediaWrite(offset, data, 0, data.length);
    this.counters.writes++;
    this.counters.bytesWritten += data.length;
  }

  /** Copies media bytes [offset, offset+length) into `out` at `outOffset`. */
  mediaRead(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    this.assertUsable();
    const bytes = this.arena.bytes();
    this.forEachPiece(offset, length, false, (rel, ptr, len) => {
      if (ptr < 0) out.fill(0, outOffset + rel, outOffset + rel + len);
      else out.set(bytes.subarray(ptr, ptr + len), outOffset + rel);
    });
  }

  /** Stores `data[dataOffset, dataOffset+length)` at media offset `offset`. */
  mediaWrite(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    this.assertUsable();
    this.forEachPiece(offset, length, true, (rel, ptr, len) => {
      this.arena.bytes().set(data.subarray(dataOffset + rel, dataOffset + rel + len), ptr);
    });
  }

  /** Copies media bytes into arena memory at `dst` (for parity kernels). */
  mediaToArena(offset: number, length: number, dst: number): void {
    this.assertUsable();
    this.forEachPiece(offset, length, false, (rel, ptr, len) => {
      const bytes = this.arena.bytes();
      if (ptr < 0) bytes.fill(0, dst + rel, dst + rel + len);
      else bytes.copyWithin(dst + rel, ptr, ptr + len);
    });
  }

  /**
   * Stores arena bytes [src, src+length) on the media. With `sparse`, all-zero pieces that
   * fall on unallocated chunks stay unallocated (rebuilds of unwritten space cost nothing).
   */
  mediaFromArena(offset: number, src: number, length: number, sparse = false): void {
    this.assertUsable();
    this.forEachPiece(offset, length, false, (rel, ptr, len) => {
      if (ptr < 0) {
        if (sparse && this.arena.isZero(src + rel, len)) return;
        ptr = this.chunkPointer(offset + rel, true);
      }
      this.arena.bytes().copyWithin(ptr, src + rel, src + rel + len);
    });
  }

  /** Whether any chunk overlapping [offset, offset+length) holds written data. */
  hasDataIn(offset: number, length: number): boolean {
    if (length === 0) return false;
    const next = this.nextChunkFrom(Math.floor(offset / CHUNK_BYTES));
    return next !== null && next * CHUNK_BYTES < offset + length;
  }

  /** Smallest allocated chunk index ≥ `index`, or null (rebuild skips unwritten space). */
  nextChunkFrom(index: number): number | null {
    const sorted = this.sortedIndexes();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length ? sorted[lo]! : null;
  }

  private sortedIndexes(): number[] {
    if (this.sortedChunkIndexes === null) {
      this.sortedChunkIndexes = [...this.chunks.keys()].sort((a, b) => a - b);
    }
    return this.sortedChunkIndexes;
  }

  private assertUsable(): void {
    if (this.failedFlag) fail('DEVICE_FAILED', 'storage device has failed');
  }

  /** Arena offset of the byte at media `offset`, or -1 when unallocated and not `allocate`. */
  private chunkPointer(offset: number, allocate: boolean): number {
    const index = Math.floor(offset / CHUNK_BYTES);
    let base = this.chunks.get(index);
    if (base === undefined) {
      if (!allocate) return -1;
      base = this.arena.allocChunk();
      this.chunks.set(index, base);
      this.sortedChunkIndexes = null;
    }
    return base + (offset % CHUNK_BYTES);
  }

  private forEachPiece(
    offset: number,
    length: number,
    allocate: boolean,
    visit: (rel: number, ptr: number, len: number) => void,
  ): void {
    let rel = 0;
    while (rel < length) {
      const at = offset + rel;
      const len = Math.min(CHUNK_BYTES - (at % CHUNK_BYTES), length - rel);
      visit(rel, this.chunkPointer(at, allocate), len);
      rel += len;
    }
  }
}
