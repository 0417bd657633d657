import { TapeDamaged } from './tape-errors.ts';

/**
 * The AWSTAPE container (spec/tape.md, TAPE-F-1..7): a run of 6-byte headers, each followed
 * by the bytes it announces. This layer knows blocks, segments and tape marks, not labels:
 * two tape marks in a row mean nothing here (TAPE-F-7).
 */
export type AwsChunk = { readonly kind: 'data'; readonly bytes: Uint8Array } | { readonly kind: 'tapemark' };

/** A chunk as read, with where it lies in the image (TAPE-F-6). */
export interface LocatedChunk {
  readonly chunk: AwsChunk;
  /** 1-based index of its (first) header. */
  readonly block: number;
  /** Byte offset of its (first) header. */
  readonly offset: number;
  /** Headers it took: 1, or the number of segments (TAPE-F-5). */
  readonly headers: number;
}

export const AWS_HEADER_BYTES = 6;
/** Largest length one header can announce (a 16-bit field, TAPE-F-4). */
export const AWS_SEGMENT_BYTES_MAX = 0xffff;
/** TAPE-F-2: the flags of byte 1 (a whole block has NEWREC|ENDREC, a tape mark TAPEMARK alone). */
export const FLAG1_NEWREC = 0x80;
export const FLAG1_TAPEMARK = 0x40;
export const FLAG1_ENDREC = 0x20;
/** Bits of flags byte 1 Hercules' HET format uses for zlib (0x01) and bzip2 (0x02) compression. */
const FLAG1_HET_COMPRESSION = 0x03;
const FLAG1_KNOWN = FLAG1_NEWREC | FLAG1_TAPEMARK | FLAG1_ENDREC;

/** Segments a data chunk of `bytes` takes (TAPE-F-5): one for 0..65535 bytes. */
export function segmentsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / AWS_SEGMENT_BYTES_MAX));
}

/** TAPE-F-1..5: the image of `chunks`, sized once and filled in one pass. */
export function writeBlocks(chunks: readonly AwsChunk[]): Uint8Array {
  let size = 0;
  for (const c of chunks) size += c.kind === 'tapemark' ? AWS_HEADER_BYTES : segmentsOf(c.bytes.length) * AWS_HEADER_BYTES + c.bytes.length;
  const out = new Uint8Array(size);
  let at = 0;
  let prev = 0;
  const header = (length: number, flags: number): void => {
    out[at] = length & 0xff;
    out[at + 1] = length >>> 8;
    out[at + 2] = prev & 0xff;
    out[at + 3] = prev >>> 8;
    out[at + 4] = flags;
    out[at + 5] = 0; // TAPE-F-1: flags byte 2 is always 0
    at += AWS_HEADER_BYTES;
    prev = length; // TAPE-F-3
  };
  for (const c of chunks) {
    if (c.kind === 'tapemark') {
      header(0, FLAG1_TAPEMARK);
      continue;
    }
    const n = segmentsOf(c.bytes.length);
    for (let s = 0; s < n; s++) {
      const part = c.bytes.subarray(s * AWS_SEGMENT_BYTES_MAX, (s + 1) * AWS_SEGMENT_BYTES_MAX);
      header(part.length, (s === 0 ? FLAG1_NEWREC : 0) | (s === n - 1 ? FLAG1_ENDREC : 0));
      out.set(part, at);
      at += part.length;
    }
  }
  if (at !== size) throw new Error(`writeBlocks filled ${at} of ${size} bytes`);
  return out;
}

/** The chunks of an image, without their places. Throws TapeDamaged (TAPE-R-2). */
export function readBlocks(bytes: Uint8Array): AwsChunk[] {
  return readLocatedBlocks(bytes).map((c) => c.chunk);
}

interface Header {
  readonly length: number;
  readonly prev: number;
  readonly flags: number;
}

/** An open segmented block (TAPE-F-5): its first header and the parts so far. */
interface Open {
  readonly block: number;
  readonly offset: number;
  readonly parts: Uint8Array[];
}

/** TAPE-F-6, TAPE-R-2: every chunk with its first header's index and offset. */
export function readLocatedBlocks(bytes: Uint8Array): LocatedChunk[] {
  const out: LocatedChunk[] = [];
  let at = 0;
  let block = 0;
  let prev = 0;
  let open: Open | null = null;
  while (at < bytes.length) {
    block++;
    const h = readHeader(bytes, at, block, prev);
    prev = h.length;
    if (h.flags & FLAG1_TAPEMARK) {
      if (open) throw new TapeDamaged(block, at, `a tape mark inside the segmented block begun at block ${open.block}`);
      out.push({ chunk: { kind: 'tapemark' }, block, offset: at, headers: 1 });
      at += AWS_HEADER_BYTES;
      continue;
    }
    const data = bytes.slice(at + AWS_HEADER_BYTES, at + AWS_HEADER_BYTES + h.length);
    open = segment(open, h.flags, data, block, at);
    at += AWS_HEADER_BYTES + h.length;
    if (h.flags & FLAG1_ENDREC) {
      out.push({ chunk: { kind: 'data', bytes: joined(open.parts) }, block: open.block, offset: open.offset, headers: block - open.block + 1 });
      open = null;
    }
  }
  if (open) throw new TapeDamaged(block + 1, bytes.length, `the image ends inside the segmented block begun at block ${open.block}`);
  return out;
}

/** TAPE-F-1..4, TAPE-R-2: one header, checked against the bytes left and the previous length. */
function readHeader(bytes: Uint8Array, at: number, block: number, prev: number): Header {
  const left = bytes.length - at;
  if (left < AWS_HEADER_BYTES) throw new TapeDamaged(block, at, `truncated header: ${left} of ${AWS_HEADER_BYTES} bytes`);
  const length = bytes[at]! | (bytes[at + 1]! << 8);
  const h: Header = { length, prev: bytes[at + 2]! | (bytes[at + 3]! << 8), flags: bytes[at + 4]! };
  if (h.prev !== prev) throw new TapeDamaged(block, at, `previous-length field is ${h.prev}, but ${block === 1 ? 'the first block has none (0)' : `block ${block - 1} is ${prev} bytes long`}`);
  if (bytes[at + 5] !== 0) throw new TapeDamaged(block, at, `unknown flags byte 2 0x${hex(bytes[at + 5]!)} (only 0 is defined)`);
  const unknown = h.flags & ~FLAG1_KNOWN;
  if (unknown) {
    const het = unknown & FLAG1_HET_COMPRESSION ? ' (HET compression, not supported: make the tape with hetinit -d)' : '';
    throw new TapeDamaged(block, at, `unknown bits 0x${hex(unknown)} in flags byte 1 0x${hex(h.flags)}${het}`);
  }
  if (h.flags & FLAG1_TAPEMARK) {
    if (h.flags !== FLAG1_TAPEMARK) throw new TapeDamaged(block, at, `a tape mark with NEWREC or ENDREC set (flags byte 1 0x${hex(h.flags)})`);
    if (length !== 0) throw new TapeDamaged(block, at, `a tape mark announcing ${length} bytes`);
    return h;
  }
  if (AWS_HEADER_BYTES + length > left) throw new TapeDamaged(block, at, `truncated block: ${left - AWS_HEADER_BYTES} of ${length} bytes`);
  return h;
}

/** TAPE-F-5, TAPE-R-2: adds one data header's bytes to the open block, or opens one. */
function segment(open: Open | null, flags: number, data: Uint8Array, block: number, at: number): Open {
  const first = (flags & FLAG1_NEWREC) !== 0;
  if (first && open) throw new TapeDamaged(block, at, `a new block begins inside the segmented block begun at block ${open.block}`);
  if (!first && !open) throw new TapeDamaged(block, at, `a continuation segment (flags byte 1 0x${hex(flags)}) with no first segment before it`);
  const whole = flags === (FLAG1_NEWREC | FLAG1_ENDREC);
  if (!whole && data.length === 0) throw new TapeDamaged(block, at, 'an empty segment of a segmented block');
  const o = open ?? { block, offset: at, parts: [] };
  o.parts.push(data);
  return o;
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
