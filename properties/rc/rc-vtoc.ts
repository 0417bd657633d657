/**
 * The checker's own reading of the VTOC byte format (spec/vtoc.md VTOC-F-1..5), kept apart
 * from src/vtoc/ so that the takeover property (RC-T-5, RC-INV-5) predicts what a takeover
 * keeps, erases or refuses (VTOC_DAMAGED) from the bytes alone.
 */
export interface RefDataset {
  readonly name: string;
  readonly extents: ReadonlyArray<readonly [number, number]>;
}

const MAGIC = 0x434f5456;
const HEADER = 16;

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** VTOC-F-1..3: the bytes of a VTOC listing `entries` in order. */
export function encodeRefVtoc(entries: readonly RefDataset[]): Uint8Array {
  const body: number[] = [];
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    body.push(name.length, ...name, e.extents.length);
    for (const [a, b] of e.extents) for (const n of [a, b]) body.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  }
  const out = new Uint8Array(HEADER + body.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, MAGIC, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, entries.length, true);
  v.setUint32(8, body.length, true);
  out.set(body, HEADER);
  v.setUint32(12, fnv1a(out.subarray(HEADER)), true);
  return out;
}

/** VTOC-F-4, VTOC-F-5: the datasets track 0 lists, or 'damaged'. */
export function decodeRefVtoc(track0: Uint8Array, tracks: number): RefDataset[] | 'damaged' {
  if (track0.length < HEADER) return 'damaged';
  if (track0.subarray(0, HEADER).every((b) => b === 0)) return [];
  const v = new DataView(track0.buffer, track0.byteOffset, track0.byteLength);
  if (v.getUint32(0, true) !== MAGIC || v.getUint16(4, true) !== 1) return 'damaged';
  const count = v.getUint16(6, true);
  const length = v.getUint32(8, true);
  if (HEADER + length > track0.length) return 'damaged';
  const body = track0.subarray(HEADER, HEADER + length);
  if (fnv1a(body) !== v.getUint32(12, true)) return 'damaged';
  const out: RefDataset[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 1 > body.length) return 'damaged';
    const n = body[at++]!;
    if (n === 0 || n > 44 || at + n + 1 > body.length) return 'damaged';
    let name: string;
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(at, at + n));
    } catch {
      return 'damaged';
    }
    at += n;
    const k = body[at++]!;
    if (k === 0 || k > 16 || at + 8 * k > body.length) return 'damaged';
    const extents: Array<readonly [number, number]> = [];
    for (let j = 0; j < k; j++, at += 8) {
      const a = v.getUint32(HEADER + at, true);
      const b = v.getUint32(HEADER + at + 4, true);
      if (a === 0 || a > b || b >= tracks) return 'damaged';
      extents.push([a, b]);
    }
    out.push({ name, extents });
  }
  return at === body.length ? out : 'damaged';
}

/** VTOC-D-4: datasets every extent of which lies inside one extent of `area`. */
export function insideArea(entries: readonly RefDataset[], area: ReadonlyArray<readonly [number, number]>): RefDataset[] {
  return entries.filter((d) => d.extents.every(([a, b]) => area.some(([x, y]) => a >= x && b <= y)));
}

/** Writes that are not meant to damage the VTOC start past its bytes in track 0 (spec/vtoc.md VTOC-F-3). */
const VTOC_SPARE_BYTES = 512;

export function spareVtoc(r: { offset: number; length: number }, tb: number, hitVtoc: boolean): { offset: number; length: number } {
  if (hitVtoc || r.offset >= VTOC_SPARE_BYTES) return r;
  const offset = VTOC_SPARE_BYTES + (r.offset % (tb - VTOC_SPARE_BYTES));
  return { offset, length: Math.max(1, Math.min(r.length, tb - offset)) };
}
