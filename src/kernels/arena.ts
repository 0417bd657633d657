/**
 * A memory arena for device data: one wasm instance whose linear memory holds
 * every chunk of a RAID group, so the parity kernels run between offsets
 * instead of copying through JS buffers.
 *
 * Layout of the memory (offsets in bytes):
 *   0      .. 8192    nibble tables for all 256 GF constants (32 bytes each)
 *   8192   .. 9212    source-offset list for xorMany / genPQ (255 × i32 LE)
 *   12288  .. 16384   the permanent zero chunk
 *   16384  ..         chunks (CHUNK_BYTES each, CHUNK_BYTES-aligned) and
 *                     scratch runs, handed out by a bump pointer + free list
 *
 * Offsets are plain numbers up to 2^32; the kernels read them as unsigned i32.
 * Misuse (a write into the reserved pages, a range past the end, a double free)
 * is a bug in the caller and throws RangeError; running out of memory is a
 * refused request and throws ModelError('NO_CAPACITY').
 */
import { ModelError } from '../errors.ts';
import { nibbleTables } from './gf256.ts';
import { instantiateParity, type ParityExports } from './wasm.ts';

/** The unit of device storage. */
export const CHUNK_BYTES = 4096;
/** The wasm page size. */
export const PAGE_BYTES = 65536;
/** 65536 pages = 4 GiB, all that an i32-addressed memory can reach. */
export const MAX_PAGES = 65536;
/** Most sources one xorMany / genPQ call takes (beyond 255, g^j repeats anyway). */
export const MAX_SOURCES = 255;

const TABLES_AT = 0;
const LIST_AT = 8192;
const ZERO_CHUNK_AT = 12288;
const FIRST_CHUNK_AT = 16384;
/** Grow by at least this many pages, so small allocations do not grow one page at a time. */
const MIN_GROW_PAGES = 16;
/** scratchBuffers spaces its buffers on cache-line boundaries. */
const SCRATCH_STRIDE_ALIGN = 64;

/** What each chunk of memory is currently used for (one byte per chunk). */
const FREE = 0;
const ALLOCATED = 1;
const SCRATCH = 2;
const RESERVED = 3;

/** One grow-on-demand run of contiguous chunks whose content is not preserved. */
interface ScratchRun {
  at: number;
  bytes: number;
}

export interface ArenaOptions {
  /**
   * Cap on the memory size in wasm pages (default and maximum MAX_PAGES).
   * Lower it to bound a group's memory, or to reach exhaustion in a test.
   */
  readonly maxPages?: number;
}

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  // The offset list is written through a Uint32Array and read by i32.load (LE).
  throw new Error('the parity kernels need a little-endian host');
}

let allTables: Uint8Array | undefined;

/** The nibble tables of constants 0..255, back to back; built once per process. */
function tablesOfAllConstants(): Uint8Array {
  if (allTables === undefined) {
    allTables = new Uint8Array(256 * 32);
    for (let c = 0; c < 256; c++) allTables.set(nibbleTables(c), c * 32);
  }
  return allTables;
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

function requireByteCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a byte count, got ${n}`);
}

export class Arena {
  /** A chunk that is all zeros forever: read it in place of an unwritten chunk. Never write it. */
  readonly zeroChunk: number = ZERO_CHUNK_AT;

  private readonly kernels: ParityExports;
  private readonly maxPages: number;
  /** Cached views of the memory; the buffer detaches when memory grows. */
  private view: Uint8Array;
  private words: Uint32Array;
  /** Current memory size in bytes. */
  private limit: number;
  /** Offset of the first never-used chunk: everything from here on is fresh (zero) memory. */
  private next = FIRST_CHUNK_AT;
  /** Indices of freed chunks, reused (after zeroing) before bumping. */
  private readonly freeList: number[] = [];
  /** FREE / ALLOCATED / SCRATCH / RESERVED per chunk index, covering the current memory. */
  private states: Uint8Array;
  private allocated = 0;
  private readonly scratchRun: ScratchRun = { at: 0, bytes: 0 };
  private readonly buffersRun: ScratchRun = { at: 0, bytes: 0 };

  constructor(options: ArenaOptions = {}) {
    const maxPages = options.maxPages ?? MAX_PAGES;
    if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > MAX_PAGES) {
      throw new RangeError(`maxPages must be 1..${MAX_PAGES}, got ${maxPages}`);
    }
    this.maxPages = maxPages;
    this.kernels = instantiateParity();
    this.view = new Uint8Array(this.kernels.memory.buffer);
    this.words = new Uint32Array(this.kernels.memory.buffer);
    this.limit = this.view.byteLength;
    this.states = new Uint8Array(this.limit / CHUNK_BYTES);
    this.states.fill(RESERVED, 0, FIRST_CHUNK_AT / CHUNK_BYTES);
    this.view.set(tablesOfAllConstants(), TABLES_AT);
  }

  /**
   * A view of the whole memory. Valid until the next allocation that grows the
   * memory (growing detaches the old buffer), so fetch it again rather than
   * keeping it across allocations; the view is cached, so that is cheap.
   */
  bytes(): Uint8Array {
    if (this.view.buffer !== this.kernels.memory.buffer) this.refreshViews();
    return this.view;
  }

  /** Chunks handed out by allocChunk and not yet freed (scratch is not counted). */
  get allocatedChunks(): number {
    return this.allocated;
  }

  /** Current size of the memory in bytes: what this arena costs the process. */
  get memoryBytes(): number {
    return this.limit;
  }

  /** A zeroed, CHUNK_BYTES-aligned chunk: a freed one if any, else fresh memory. */
  allocChunk(): number {
    const reused = this.freeList.pop();
    if (reused !== undefined) {
      const at = reused * CHUNK_BYTES;
      this.view.fill(0, at, at + CHUNK_BYTES);
      this.states[reused] = ALLOCATED;
      this.allocated++;
      return at;
    }
    const at = this.bump(CHUNK_BYTES, ALLOCATED);
    this.allocated++;
    return at;
  }

  /** Returns a chunk from allocChunk; it is zeroed when handed out again. */
  freeChunk(at: number): void {
    const index = at / CHUNK_BYTES;
    if (!Number.isInteger(index) || at >= this.next || this.states[index] !== ALLOCATED) {
      throw new RangeError(`${at} is not an allocated chunk of this arena`);
    }
    this.states[index] = FREE;
    this.freeList.push(index);
    this.allocated--;
  }

  /**
   * At least `bytes` bytes of temporary space (CHUNK_BYTES-aligned), valid until
   * the next scratch call. Independent of scratchBuffers, so one operation may
   * use both. Content is arbitrary.
   */
  scratch(bytes: number): number {
    requireByteCount('scratch size', bytes);
    return this.reserveScratch(this.scratchRun, bytes);
  }

  /**
   * `count` disjoint temporaries of `bytes` bytes each (64-aligned), valid until
   * the next scratchBuffers call. Content is arbitrary.
   */
  scratchBuffers(count: number, bytes: number): number[] {
    requireByteCount('scratch buffer count', count);
    requireByteCount('scratch buffer size', bytes);
    const stride = roundUp(Math.max(bytes, 1), SCRATCH_STRIDE_ALIGN);
    const at = this.reserveScratch(this.buffersRun, count * stride);
    return Array.from({ length: count }, (_, i) => at + i * stride);
  }

  // -------------------------------------------------------------------------
  // Kernels. Each checks its ranges (cheaply: no allocation) and runs one call.

  /** dst ^= src. */
  xorInto(dst: number, src: number, len: number): void {
    this.checkWrite(dst, len);
    this.checkRead(src, len);
    this.kernels.xor_into(dst, src, len);
  }

  /** dst = XOR of srcs (zeros if srcs is empty). dst may be one of srcs exactly. */
  xorMany(dst: number, srcs: readonly number[], len: number): void {
    this.checkWrite(dst, len);
    this.writeSourceList(srcs, len);
    this.kernels.xor_many(dst, LIST_AT, srcs.length, len);
  }

  /** RAID6 syndromes: p = XOR srcs[j], q = XOR 2^j·srcs[j] (md convention). */
  genPQ(p: number, q: number, srcs: readonly number[], len: number): void {
    this.checkWrite(p, len);
    this.checkWrite(q, len);
    this.writeSourceList(srcs, len);
    this.kernels.gen_pq(p, q, LIST_AT, srcs.length, len);
  }

  /** dst ^= c·src in GF(2^8). */
  mulXorInto(dst: number, src: number, len: number, c: number): void {
    this.checkWrite(dst, len);
    this.checkRead(src, len);
    this.kernels.mul_xor_into(dst, src, len, tablesAt(c));
  }

  /** dst = c·src in GF(2^8); dst may equal src. */
  mulInto(dst: number, src: number, len: number, c: number): void {
    this.checkWrite(dst, len);
    this.checkRead(src, len);
    this.kernels.mul_into(dst, src, len, tablesAt(c));
  }

  /** Whether [ptr, ptr+len) is all zeros: lets storage drop chunks that hold nothing. */
  isZero(ptr: number, len: number): boolean {
    this.checkRead(ptr, len);
    return this.kernels.is_zero(ptr, len) === 1;
  }

  // -------------------------------------------------------------------------

  private checkRead(at: number, len: number): void {
    if (at >>> 0 !== at || len >>> 0 !== len || at + len > this.limit) {
      throw new RangeError(`[${at}, ${at + len}) is not a range of this arena`);
    }
  }

  /** Writes must also stay out of the reserved pages (tables, list, zero chunk). */
  private checkWrite(at: number, len: number): void {
    this.checkRead(at, len);
    if (at < FIRST_CHUNK_AT) throw new RangeError(`${at} is in the arena's reserved pages`);
  }

  private writeSourceList(srcs: readonly number[], len: number): void {
    if (srcs.length > MAX_SOURCES) {
      throw new ModelError('INVALID_ARGUMENT', `at most ${MAX_SOURCES} parity sources, got ${srcs.length}`);
    }
    const base = LIST_AT >>> 2;
    for (let j = 0; j < srcs.length; j++) {
      const src = srcs[j]!;
      this.checkRead(src, len);
      this.words[base + j] = src;
    }
  }

  /**
   * Takes `bytes` (a multiple of CHUNK_BYTES) of fresh memory at the bump
   * pointer. (Index arithmetic divides rather than shifts: offsets reach 2^32.)
   */
  private bump(bytes: number, state: number): number {
    const at = this.next;
    this.ensureLimit(at + bytes);
    this.states.fill(state, at / CHUNK_BYTES, (at + bytes) / CHUNK_BYTES);
    this.next = at + bytes;
    return at;
  }

  /**
   * Scratch lives in one contiguous run per purpose. A run that is too small is
   * extended in place when it ends at the bump pointer, else replaced by a new
   * run and its chunks join the free list (zeroed there on reuse).
   */
  private reserveScratch(run: ScratchRun, bytes: number): number {
    if (run.bytes >= bytes && run.bytes > 0) return run.at;
    const need = roundUp(Math.max(bytes, 1), CHUNK_BYTES);
    if (run.bytes > 0 && run.at + run.bytes === this.next) {
      this.bump(need - run.bytes, SCRATCH);
    } else {
      const at = this.bump(need, SCRATCH);
      this.releaseRun(run);
      run.at = at;
    }
    run.bytes = need;
    return run.at;
  }

  private releaseRun(run: ScratchRun): void {
    const end = (run.at + run.bytes) / CHUNK_BYTES;
    for (let index = run.at / CHUNK_BYTES; index < end; index++) {
      this.states[index] = FREE;
      this.freeList.push(index);
    }
  }

  /**
   * Grows the memory until it holds `end` bytes: by doubling (at least
   * MIN_GROW_PAGES) so that growth is amortized, falling back to exactly what is
   * needed, and refusing past maxPages. Nothing changes when it refuses.
   */
  private ensureLimit(end: number): void {
    if (end <= this.limit) return;
    const pages = this.limit / PAGE_BYTES;
    const needed = Math.ceil((end - this.limit) / PAGE_BYTES);
    const room = this.maxPages - pages;
    if (needed > room) {
      throw new ModelError('NO_CAPACITY', 'model memory arena exhausted (4 GiB per RAID group)');
    }
    const preferred = Math.min(Math.max(needed, pages, MIN_GROW_PAGES), room);
    if (!this.tryGrow(preferred) && !this.tryGrow(needed)) {
      throw new ModelError('NO_CAPACITY', 'model memory arena exhausted (4 GiB per RAID group)');
    }
    this.refreshViews();
  }

  /** memory.grow throws RangeError when the host cannot provide the memory. */
  private tryGrow(pages: number): boolean {
    try {
      this.kernels.memory.grow(pages);
      return true;
    } catch (e) {
      if (e instanceof RangeError) return false;
      throw e;
    }
  }

  private refreshViews(): void {
    const buffer = this.kernels.memory.buffer;
    this.view = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer);
    this.limit = buffer.byteLength;
    if (this.states.length < this.limit / CHUNK_BYTES) {
      const states = new Uint8Array(this.limit / CHUNK_BYTES);
      states.set(this.states);
      this.states = states;
    }
  }
}

/** Offset of constant c's nibble tables in every arena. */
function tablesAt(c: number): number {
  if ((c & 0xff) !== c) throw new RangeError(`GF(2^8) constant must be 0..255, got ${c}`);
  return TABLES_AT + c * 32;
}
