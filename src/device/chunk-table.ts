/** Chunk indexes per page of the table: a page maps 4 MiB of media (1024 chunks of 4 KiB). */
const PAGE_CHUNKS = 1024;
const NO_PAGE = new Uint32Array(0);

/**
 * Which arena chunk holds each written chunk of a device's media (DEV-1, DEV-5): the
 * device's sparse map from chunk index to arena address, with the operations of a Map.
 * Pages of PAGE_CHUNKS entries are made on first use, so memory follows the written
 * space; within a page a lookup is an array read, which keeps a unit's run of chunks (a
 * RAID write of many chunks: RAID-W-2) cheap to look up. An entry of 0 means unwritten: 0
 * is never a chunk's address (the arena's first pages are reserved).
 */
export class ChunkTable {
  private readonly pages = new Map<number, Uint32Array>();
  /** Chunk indexes in the order they were added (what a Map's iteration gives). */
  private order: number[] = [];
  private lastPage = -1;
  private last: Uint32Array = NO_PAGE;

  get size(): number {
    return this.order.length;
  }

  /** Arena address of chunk `index`, or undefined when it was never written. */
  get(index: number): number | undefined {
    const at = this.page(index)[index % PAGE_CHUNKS];
    return at ? at : undefined;
  }

  has(index: number): boolean {
    return this.get(index) !== undefined;
  }

  /** Records chunk `index` at arena address `at` (> 0); a chunk is added once. */
  set(index: number, at: number): void {
    let page = this.page(index);
    if (page === NO_PAGE) {
      page = new Uint32Array(PAGE_CHUNKS);
      this.pages.set(Math.floor(index / PAGE_CHUNKS), page);
      this.lastPage = -1;
    }
    if (page[index % PAGE_CHUNKS] === 0) this.order.push(index);
    page[index % PAGE_CHUNKS] = at;
  }

  keys(): IterableIterator<number> {
    return this.order.values();
  }

  /** Arena addresses, in the order their chunks were added. */
  *values(): IterableIterator<number> {
    for (const index of this.order) yield this.get(index)!;
  }

  clear(): void {
    this.pages.clear();
    this.order = [];
    this.lastPage = -1;
    this.last = NO_PAGE;
  }

  private page(index: number): Uint32Array {
    const p = Math.floor(index / PAGE_CHUNKS);
    if (p !== this.lastPage) {
      this.last = this.pages.get(p) ?? NO_PAGE;
      this.lastPage = p;
    }
    return this.last;
  }
}
