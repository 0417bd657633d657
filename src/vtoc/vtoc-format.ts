import { fail } from '../errors.ts';

/**
 * The file-management information (VTOC) in track 0 of a volume (spec/vtoc.md, VTOC-F-1..5).
 * It lives in the volume's own bytes, so it is copied, split and taken over like any data,
 * and a host write over track 0 can damage it: parsing is strict and never trusts a length.
 */
export interface DatasetEntry {
  readonly name: string;
  /** Inclusive track ranges. */
  readonly extents: ReadonlyArray<readonly [number, number]>;
}

export const VTOC_MAGIC = 0x434f5456; // "VTOC" read as a little-endian u32
export const VTOC_VERSION = 1;
export const VTOC_HEADER_BYTES = 16;
export const DATASET_NAME_BYTES_MAX = 44;
export const DATASET_EXTENTS_MAX = 16;

/** FNV-1a over the entry bytes: a wrong byte anywhere is caught (VTOC-F-4). */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** VTOC-F-1 (header), VTOC-F-2 (entries), VTOC-F-3 (back to back): the bytes for track 0. */
export function encodeVtoc(entries: readonly DatasetEntry[]): Uint8Array {
  const body: number[] = [];
  const text = new TextEncoder();
  for (const e of entries) {
    const name = text.encode(e.name);
    body.push(name.length, ...name, e.extents.length);
    for (const [a, b] of e.extents) body.push(...u32(a), ...u32(b));
  }
  const out = new Uint8Array(VTOC_HEADER_BYTES + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, VTOC_MAGIC, true);
  view.setUint16(4, VTOC_VERSION, true);
  view.setUint16(6, entries.length, true);
  view.setUint32(8, body.length, true);
  out.set(body, VTOC_HEADER_BYTES);
  view.setUint32(12, fnv1a(out.subarray(VTOC_HEADER_BYTES)), true);
  return out;
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** VTOC-F-5: a track 0 of zeros is a volume with no datasets; anything else must parse exactly. */
export function decodeVtoc(track0: Uint8Array, tracks: number): DatasetEntry[] {
  if (track0.length < VTOC_HEADER_BYTES) damaged(`track 0 holds ${track0.length} bytes, less than the ${VTOC_HEADER_BYTES}-byte header`);
  const view = new DataView(track0.buffer, track0.byteOffset, track0.byteLength);
  if (view.getUint32(0, true) === 0 && track0.subarray(0, VTOC_HEADER_BYTES).every((b) => b === 0)) return [];
  if (view.getUint32(0, true) !== VTOC_MAGIC) damaged('track 0 does not start with "VTOC"');
  if (view.getUint16(4, true) !== VTOC_VERSION) damaged(`unknown VTOC version ${view.getUint16(4, true)}`);
  const count = view.getUint16(6, true);
  const length = view.getUint32(8, true);
  if (VTOC_HEADER_BYTES + length > track0.length) damaged(`its ${length} bytes of entries run past track 0`);
  const body = track0.subarray(VTOC_HEADER_BYTES, VTOC_HEADER_BYTES + length);
  if (fnv1a(body) !== view.getUint32(12, true)) damaged('its checksum does not match its entries');
  return readEntries(body, count, tracks);
}

function readEntries(body: Uint8Array, count: number, tracks: number): DatasetEntry[] {
  const entries: DatasetEntry[] = [];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > body.length) damaged(`entry ${entries.length} runs past the entries' end`);
  };
  for (let i = 0; i < count; i++) {
    need(1);
    const nameBytes = body[at++]!;
    if (nameBytes === 0 || nameBytes > DATASET_NAME_BYTES_MAX) damaged(`entry ${i} has a ${nameBytes}-byte name`);
    need(nameBytes + 1);
    const name = decodeName(body.subarray(at, at + nameBytes), i);
    at += nameBytes;
    const n = body[at++]!;
    if (n === 0 || n > DATASET_EXTENTS_MAX) damaged(`entry ${i} has ${n} extents`);
    need(8 * n);
    const extents: Array<readonly [number, number]> = [];
    for (let k = 0; k < n; k++, at += 8) {
      const a = view.getUint32(at, true);
      const b = view.getUint32(at + 4, true);
      if (a > b || b >= tracks || a === 0) damaged(`entry ${i} extent ${k} [${a}, ${b}] is not inside tracks 1..${tracks - 1}`);
      extents.push([a, b]);
    }
    entries.push({ name, extents });
  }
  if (at !== body.length) damaged(`${body.length - at} bytes follow the last entry`);
  return entries;
}

function decodeName(bytes: Uint8Array, i: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return damaged(`entry ${i} has a name that is not UTF-8`);
  }
}

function damaged(why: string): never {
  return fail('VTOC_DAMAGED', `the file-management information cannot be parsed: ${why}`);
}
