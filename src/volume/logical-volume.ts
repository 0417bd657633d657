import { fail } from '../errors.ts';
import { requireRange, requireVolumeRange } from '../validate.ts';
import type { Emulation } from './emulation.ts';
import type { Backing, Ldev } from './ldev-pool.ts';

/**
 * One entry of the seed's logical volume information table 300 (Fig. 3): LDEV 301 + range
 * 308. In a volume of the fifth embodiment's design the backing is an idle-range slice.
 */
export interface VolumeTableEntry {
  readonly ldev: Backing;
  /** Inclusive logical address range of the volume mapped on this backing, from its start. */
  readonly first: number;
  readonly last: number;
  /** Offset of `first` inside the backing (0 unless the entry maps the middle of it: RC-G-3, RC-T-2). */
  readonly base?: number;
}

/**
 * PL-W-1..PL-W-3: a relocation in progress re-routes addresses of the entries it moves: the
 * backing that holds `address` now, and the last address it holds in this entry.
 */
export interface VolumeRedirect {
  route(entry: VolumeTableEntry, address: number): { readonly ldev: Backing; readonly last: number } | null;
}

/** A host I/O cut at LDEV boundaries. */
export interface VolumePiece {
  readonly ldev: Backing;
  readonly ldevOffset: number;
  readonly hostOffset: number;
  readonly length: number;
}

/**
 * A logical volume mapped on logical storage devices (spec/volumes.md, VOL-A-1..VOL-A-3).
 * A whole volume maps entry i on logical addresses [i·ldevBytes, (i+1)·ldevBytes) and is
 * located by division. A partial volume (a remote copy's target, RC-G-2, RC-G-3) keeps the
 * source's address space but maps only some ranges of it; its entries are sorted and found
 * by search, and an address outside them is OUT_OF_RANGE.
 */
export class LogicalVolume {
  private entries: VolumeTableEntry[];
  /** Entry size when entry i starts at i·uniformBytes (a whole volume); null when partial. */
  private uniformBytes: number | null;
  private capacity: number;
  /** PL-W-3: set while a relocation moves some of the volume's entries. */
  redirect: VolumeRedirect | null = null;
  private tableVersion = 0;

  private constructor(
    readonly id: string,
    readonly emulation: Emulation,
    entries: VolumeTableEntry[],
    uniformBytes: number | null,
    capacity: number,
  ) {
    this.entries = entries;
    this.uniformBytes = uniformBytes;
    this.capacity = capacity;
  }

  /** VOL-F-1: a whole volume on consecutive table entries of `ldevBytes` each. */
  static onLdevs(id: string, emulation: Emulation, ldevBytes: number, ldevs: readonly Ldev[]): LogicalVolume {
    const entries = ldevs.map((ldev, i) => ({ ldev, first: i * ldevBytes, last: Math.min((i + 1) * ldevBytes, emulation.bytes) - 1 }));
    return new LogicalVolume(id, emulation, entries, ldevBytes, emulation.bytes);
  }

  /** RC-D-1: a whole volume on one idle-range slice of a RAID group (fifth embodiment, 802). */
  static onRange(id: string, emulation: Emulation, range: Backing): LogicalVolume {
    return new LogicalVolume(id, emulation, [{ ldev: range, first: 0, last: emulation.bytes - 1 }], null, emulation.bytes);
  }

  /**
   * RC-G-2, RC-G-3: a partial volume in the source's address space (`emulation` is the
   * source's, as the seed stores it in 303/903); `capacityBytes` is what it holds.
   */
  static partial(id: string, emulation: Emulation, entries: readonly VolumeTableEntry[], capacityBytes: number): LogicalVolume {
    return new LogicalVolume(id, emulation, sortEntries(entries), null, capacityBytes);
  }

  /** RC-T-2: the table after operation switching extended the volume; whole once it covers every address. */
  remap(entries: readonly VolumeTableEntry[], capacityBytes: number): void {
    this.entries = sortEntries(entries);
    this.uniformBytes = null;
    this.capacity = capacityBytes;
    this.tableVersion++;
  }

  /** PL-C-2: entry `index` maps `ldev` from now on (same range, same offsets). */
  rebind(index: number, ldev: Backing): void {
    const e = this.entries[index]!;
    this.entries[index] = { ...e, ldev };
    this.tableVersion++;
  }

  get table(): readonly VolumeTableEntry[] {
    return this.entries;
  }

  /** Counts the changes of the table (`remap`, `rebind`): a checker's cue to map its changes anew (CHK-4). */
  get version(): number {
    return this.tableVersion;
  }

  /** Size of the address space: the emulation's capacity (the source's, for a partial volume). */
  get bytes(): number {
    return this.emulation.bytes;
  }

  get tracks(): number {
    return this.emulation.tracks;
  }

  /** The capacity the volume holds (seed step 602: number × capacity of its LDEVs, for a partial volume). */
  get capacityBytes(): number {
    return this.capacity;
  }

  /** Whether entry i starts at i·ldevBytes, so the seed's division locates an address (VOL-A-1). */
  get divisible(): boolean {
    return this.uniformBytes !== null;
  }

  /** Whether every address of the address space is mapped. */
  get whole(): boolean {
    return this.uniformBytes !== null || this.mappedBytes() >= this.bytes;
  }

  /** Bytes of LDEV capacity (or idle range) the volume holds, counting each backing once. */
  get allocatedBytes(): number {
    let sum = 0;
    for (const b of this.backings()) sum += b.bytes;
    return sum;
  }

  /** The LDEVs and idle ranges the volume holds, each once. */
  backings(): Backing[] {
    return [...new Set(this.entries.map((e) => e.ldev))];
  }

  /** Inclusive byte ranges of the address space that are mapped, merged. */
  /** Whether some of the volume lies on `group` (RAID-F-6: its pairs suspend when the group is re-created). */
  usesGroup(group: object): boolean {
    return this.entries.some((e) => e.ldev.group === group);
  }

  mappedRanges(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const e of this.entries) {
      const last = Math.min(e.last, this.bytes - 1);
      if (last < e.first) continue;
      const prev = out[out.length - 1];
      if (prev && prev[1] + 1 >= e.first) prev[1] = Math.max(prev[1], last);
      else out.push([e.first, last]);
    }
    return out;
  }

  private mappedBytes(): number {
    return this.mappedRanges().reduce((s, [a, b]) => s + b - a + 1, 0);
  }

  /** VOL-A-1: the seed's division (quotient = table entry, remainder = LDEV address); search when partial. */
  locate(address: number): { entry: VolumeTableEntry; ldevOffset: number } {
    const entry = this.entryAt(address);
    return { entry, ldevOffset: this.offsetIn(entry, address) };
  }

  private entryAt(address: number): VolumeTableEntry {
    if (this.uniformBytes !== null) return this.entries[Math.floor(address / this.uniformBytes)]!;
    const entry = this.search(address);
    if (!entry) fail('OUT_OF_RANGE', `address ${address} of volume ${this.id} is not mapped: it holds only ${describeRanges(this.mappedRanges())}`);
    return entry;
  }

  private offsetIn(entry: VolumeTableEntry, address: number): number {
    return this.uniformBytes !== null ? address % this.uniformBytes : (entry.base ?? 0) + address - entry.first;
  }

  private search(address: number): VolumeTableEntry | undefined {
    let lo = 0;
    let hi = this.entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid]!;
      if (address < e.first) hi = mid - 1;
      else if (address > e.last) lo = mid + 1;
      else return e;
    }
    return undefined;
  }

  /** VOL-A-2: a request cut into pieces that each stay inside one LDEV. */
  pieces(offset: number, length: number): VolumePiece[] {
    let list: VolumePiece[] | null = null;
    let at = offset;
    while (at < offset + length) {
      const entry = this.entryAt(at);
      const routed = this.redirect?.route(entry, at) ?? null;
      const len = Math.min((routed ? routed.last : entry.last) - at + 1, offset + length - at);
      const piece = { ldev: routed ? routed.ldev : entry.ldev, ldevOffset: this.offsetIn(entry, at), hostOffset: at - offset, length: len };
      if (list === null) list = [piece]; // most requests stay inside one LDEV: a list of exactly one
      else list.push(piece);
      at += len;
    }
    return list ?? [];
  }

  /** VOL-A-3: refused pieces are found before any piece is touched, so a refusal changes nothing. */
  read(offset: number, length: number): Uint8Array {
    requireVolumeRange(this.id, 'read', offset, length, this.bytes);
    const out = new Uint8Array(length); // allocated only once the range is known to be sane
    this.readInto(offset, length, out, 0);
    return out;
  }

  /** `read` into a caller's buffer at `outOffset` (a controller's cache slot): no allocation. */
  readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void {
    requireVolumeRange(this.id, 'read', offset, length, this.bytes);
    requireRange('read buffer', outOffset, length, out.length);
    const pieces = this.pieces(offset, length);
    for (const p of pieces) p.ldev.group.checkAccess(p.ldev.groupOffset + p.ldevOffset, p.length);
    for (const p of pieces) p.ldev.group.readInto(p.ldev.groupOffset + p.ldevOffset, p.length, out, outOffset + p.hostOffset);
  }

  /** What `read`/`write` of this range would refuse with, touching nothing (VOL-A-3). */
  checkAccess(offset: number, length: number): void {
    requireVolumeRange(this.id, 'access', offset, length, this.bytes);
    for (const p of this.pieces(offset, length)) p.ldev.group.checkAccess(p.ldev.groupOffset + p.ldevOffset, p.length);
  }

  write(offset: number, data: Uint8Array): void {
    requireVolumeRange(this.id, 'write', offset, data.length, this.bytes);
    const pieces = this.pieces(offset, data.length);
    for (const p of pieces) p.ldev.group.checkAccess(p.ldev.groupOffset + p.ldevOffset, p.length);
    for (const p of pieces) {
      const bytes = p.length === data.length ? data : data.subarray(p.hostOffset, p.hostOffset + p.length);
      p.ldev.group.write(p.ldev.groupOffset + p.ldevOffset, bytes);
    }
  }

  trackRange(track: number): { offset: number; length: number } {
    const offset = track * this.emulation.trackBytes;
    return { offset, length: Math.min(this.emulation.trackBytes, this.bytes - offset) };
  }
}

function sortEntries(entries: readonly VolumeTableEntry[]): VolumeTableEntry[] {
  const sorted = [...entries].sort((x, y) => x.first - y.first);
  sorted.forEach((e, i) => {
    if (i > 0 && e.first <= sorted[i - 1]!.last) fail('INVALID_STATE', `volume table entries overlap at address ${e.first}`);
  });
  return sorted;
}

function describeRanges(ranges: ReadonlyArray<readonly [number, number]>): string {
  if (ranges.length === 0) return 'no addresses';
  return `addresses ${ranges.map(([a, b]) => `${a}..${b}`).join(', ')}`;
}
