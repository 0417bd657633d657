/**
 * Where a failed `read` expectation first goes wrong, for the narrative and the viewer:
 * `byte 511 of the read (volume offset 3071): got 0x00, expected 0x01`. Pure: it compares
 * the bytes read with the step's expected Data value (hex, fill or text; a sha256 digest
 * says nothing about positions, so it gets no detail).
 */

type Fields = Readonly<Record<string, unknown>>;

/** The expected byte at `i`, and how many bytes are expected; null for a digest or an unreadable value. */
interface Expected {
  readonly length: number;
  readonly at: (i: number) => number;
}

function expectedOf(expect: unknown): Expected | null {
  const e = (expect ?? {}) as Fields;
  if (typeof e.fill === 'number' && typeof e.length === 'number') {
    const fill = e.fill;
    return { length: e.length, at: () => fill };
  }
  let bytes: Uint8Array | null = null;
  if (typeof e.text === 'string') bytes = new TextEncoder().encode(e.text);
  else if (typeof e.hex === 'string' && /^(?:[0-9a-fA-F]{2})*$/.test(e.hex)) bytes = Uint8Array.from(Buffer.from(e.hex, 'hex'));
  if (bytes === null) return null;
  const b = bytes;
  return { length: b.length, at: (i) => b[i]! };
}

function hexByte(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/**
 * The first difference between `actual` (the bytes a read at volume offset `offset`
 * returned) and `expect`, or a length difference; null when they agree or `expect` gives no
 * bytes to compare.
 */
export function readMismatch(expect: unknown, actual: Uint8Array, offset: number): string | null {
  const want = expectedOf(expect);
  if (want === null) return null;
  const common = Math.min(want.length, actual.length);
  const lengths = want.length === actual.length ? '' : `the read returned ${actual.length} bytes, the expectation has ${want.length}`;
  for (let i = 0; i < common; i++) {
    if (actual[i] !== want.at(i)) {
      const where = `byte ${i} of the read (volume offset ${offset + i}): got ${hexByte(actual[i]!)}, expected ${hexByte(want.at(i))}`;
      return lengths ? `${where}; ${lengths}` : where;
    }
  }
  return lengths || null;
}
