import { fail } from '../errors.ts';
import { Arena, CHUNK_BYTES } from '../kernels/arena.ts';
import { requireRange } from '../validate.ts';
import { ChangedRanges, type DeviceChanges } from './changed-ranges.ts';
import { ChunkTable } from './chunk-table.ts';
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
  private readonly chunks = new ChunkTable();
  private sortedChunkIndexes: number[] | null = [];
  private failedFlag = false;
  /** CHK-2: what changed since a checker last asked. */
  private readonly changed = new ChangedRanges();

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
    this.changed.noteAll();
  }

  /** DEV-4: new, empty media in place of the failed device. */
  replaceMedia(): void {
    for (const offset of this.chunks.values()) this.arena.freeChunk(offset);
    this.chunks.clear();
    this.sortedChunkIndexes = [];
    this.failedFlag = false;
    this.changed.noteAll();
  }

  /**
   * CHK-2: the media bytes written (or turned readable: `noteChanged`) since the last call.
   * Only a checker calls it; it never changes what the device holds.
   */
  takeChanges(): DeviceChanges {
    return this.changed.take();
  }

  /** CHK-2: bytes that read differently now without being written (a rebuild position passed them). */
  noteChanged(offset: number, length: number): void {
    this.changed.note(offset, length);
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
    let spanPtr = -1; // pieces one after another in the arena are read with one copy
    let spanLen = 0;
    let spanAt = outOffset;
    for (let rel = 0; rel < length; ) {
      const len = pieceLength(offset + rel, length - rel);
      const ptr = this.readPointer(offset + rel);
      if (spanLen > 0 && ptr === spanPtr + spanLen) spanLen += len;
      else {
        if (spanLen > 0) out.set(bytes.subarray(spanPtr, spanPtr + spanLen), spanAt);
        spanPtr = ptr;
        spanLen = len;
        spanAt = outOffset + rel;
      }
      rel += len;
    }
    if (spanLen > 0) out.set(bytes.subarray(spanPtr, spanPtr + spanLen), spanAt);
  }

  /**
   * Stores `data[dataOffset, dataOffset+length)` at media offset `offset`. DEV-5: an all-zero
   * piece on an unwritten chunk leaves it unwritten (it reads zero either way), so memory
   * follows the nonzero bytes a device holds: a copy of unwritten space costs no memory.
   */
  mediaWrite(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    this.assertUsable();
    this.changed.note(offset, length);
    // Pieces that lie one after another in the arena (a chunk run allocated in order) are
    // stored with one copy: `span` is the run so far, as arena address, data index, length.
    let spanPtr = -1;
    let spanFrom = 0;
    let spanLen = 0;
    for (let rel = 0; rel < length; ) {
      const len = pieceLength(offset + rel, length - rel);
      const from = dataOffset + rel;
      if (this.chunks.has(Math.floor((offset + rel) / CHUNK_BYTES)) || !isZero(data, from, len)) {
        const ptr = this.writePointer(offset + rel); // may grow the arena: addresses stay, views do not
        if (spanLen > 0 && ptr === spanPtr + spanLen && from === spanFrom + spanLen) spanLen += len;
        else {
          this.storeSpan(data, spanFrom, spanLen, spanPtr);
          spanPtr = ptr;
          spanFrom = from;
          spanLen = len;
        }
      }
      rel += len;
    }
    this.storeSpan(data, spanFrom, spanLen, spanPtr);
  }

  private storeSpan(data: Uint8Array, from: number, length: number, ptr: number): void {
    if (length > 0) this.arena.bytes().set(data.subarray(from, from + length), ptr);
  }

  /** Copies media bytes into arena memory at `dst` (for parity kernels). */
  mediaToArena(offset: number, length: number, dst: number): void {
    this.assertUsable();
    const bytes = this.arena.bytes();
    for (let rel = 0; rel < length; ) {
      const len = pieceLength(offset + rel, length - rel);
      const ptr = this.readPointer(offset + rel);
      bytes.copyWithin(dst + rel, ptr, ptr + len);
      rel += len;
    }
  }

  /** Stores arena bytes [src, src+length) on the media; all-zero pieces on unwritten chunks stay unwritten (DEV-5). */
  mediaFromArena(offset: number, src: number, length: number): void {
    this.assertUsable();
    this.changed.note(offset, length); // skipped zero pieces too: they now read from this device
    for (let rel = 0; rel < length; ) {
      const len = pieceLength(offset + rel, length - rel);
      const skip = !this.chunks.has(Math.floor((offset + rel) / CHUNK_BYTES)) && this.arena.isZero(src + rel, len);
      if (!skip) {
        const ptr = this.writePointer(offset + rel);
        this.arena.bytes().copyWithin(ptr, src + rel, src + rel + len);
      }
      rel += len;
    }
  }

  /**
   * Arena address of media byte `offset` for reading; unwritten bytes point into the
   * arena's zero chunk. Valid up to the end of the byte's chunk (see `pieceLength`).
   */
  readPointer(offset: number): number {
    const base = this.chunks.get(Math.floor(offset / CHUNK_BYTES));
    return (base ?? this.arena.zeroChunk) + (offset % CHUNK_BYTES);
  }

  /** `writePointer` for a kernel that stores `length` bytes there (inside the chunk): recorded as changed (CHK-2). */
  writeSpan(offset: number, length: number): number {
    this.changed.note(offset, length);
    return this.writePointer(offset);
  }

  /**
   * Arena address of media [offset, offset+length) when its chunks are all allocated and lie
   * one after another in the arena, so one copy or kernel call covers it; else -1.
   */
  arenaRun(offset: number, length: number): number {
    const first = Math.floor(offset / CHUNK_BYTES);
    const base = this.chunks.get(first);
    if (base === undefined || length <= 0) return -1;
    const last = Math.floor((offset + length - 1) / CHUNK_BYTES);
    for (let i = first + 1, expect = base + CHUNK_BYTES; i <= last; i++, expect += CHUNK_BYTES) {
      if (this.chunks.get(i) !== expect) return -1;
    }
    return base + (offset % CHUNK_BYTES);
  }

  /** CHK-2: the caller stored media [offset, offset+length) at `arenaRun`'s address (a copy or a kernel). */
  noteStored(offset: number, length: number): void {
    this.assertUsable();
    this.changed.note(offset, length);
  }

  /** Arena address of media byte `offset` for writing; allocates its chunk on first use. */
  writePointer(offset: number): number {
    const index = Math.floor(offset / CHUNK_BYTES);
    let base = this.chunks.get(index);
    if (base === undefined) {
      base = this.arena.allocChunk();
      this.chunks.set(index, base);
      this.sortedChunkIndexes = null;
    }
    return base + (offset % CHUNK_BYTES);
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

  /** DEV-3: every access to a failed device throws. */
  assertUsable(): void {
    if (this.failedFlag) fail('DEVICE_FAILED', 'storage device has failed');
  }
}

/** Bytes from media `offset` to the end of its chunk, at most `remaining`: one kernel piece. */
export function pieceLength(offset: number, remaining: number): number {
  return Math.min(CHUNK_BYTES - (offset % CHUNK_BYTES), remaining);
}

/** Whether data[from, from+length) is all zero bytes. */
function isZero(data: Uint8Array, from: number, length: number): boolean {
  for (let i = from, end = from + length; i < end; i++) if (data[i] !== 0) return false;
  return true;
}
