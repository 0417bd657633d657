/**
 * EBCDIC (code page 037) for the characters standard labels use (spec/tape.md, TAPE-F-8):
 * blank, A–Z, 0–9 and the specials of Hercules' label character set plus the national
 * characters $ # @. Any other byte decodes to U+FFFD, which no label field accepts.
 */
const CP037: ReadonlyArray<readonly [string, number]> = [
  [' ', 0x40], ['.', 0x4b], ['<', 0x4c], ['(', 0x4d], ['+', 0x4e], ['&', 0x50], ['!', 0x5a], ['$', 0x5b],
  ['*', 0x5c], [')', 0x5d], [';', 0x5e], ['-', 0x60], ['/', 0x61], [',', 0x6b], ['%', 0x6c], ['_', 0x6d],
  ['>', 0x6e], ['?', 0x6f], [':', 0x7a], ['#', 0x7b], ['@', 0x7c], ["'", 0x7d], ['=', 0x7e], ['"', 0x7f],
  ...letters('ABCDEFGHI', 0xc1), ...letters('JKLMNOPQR', 0xd1), ...letters('STUVWXYZ', 0xe2), ...letters('0123456789', 0xf0),
];

function letters(run: string, first: number): Array<readonly [string, number]> {
  return [...run].map((c, i) => [c, first + i] as const);
}

/** The characters a label may hold (TAPE-F-8). */
export const LABEL_CHARS: ReadonlySet<string> = new Set(CP037.map(([c]) => c));

const TO_EBCDIC = new Map(CP037);
const FROM_EBCDIC: readonly string[] = (() => {
  const table = new Array<string>(256).fill('\ufffd');
  for (const [c, b] of CP037) table[b] = c;
  return table;
})();

/** Encodes label text; every character must be in LABEL_CHARS (the writer checks its input first). */
export function encodeEbcdic(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = TO_EBCDIC.get(text[i]!);
    if (b === undefined) throw new RangeError(`'${text[i]}' has no EBCDIC label code (TAPE-F-8)`);
    out[i] = b;
  }
  return out;
}

/** Decodes label bytes; a byte outside the table becomes U+FFFD. */
export function decodeEbcdic(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += FROM_EBCDIC[b]!;
  return text;
}
