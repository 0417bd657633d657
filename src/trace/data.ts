/**
 * Data values of the trace format (spec/trace-format.md, "Data" and "Data values").
 *
 * A Data value is exactly one of
 *   {"text": "..."}              the string's UTF-8 bytes
 *   {"hex": "deadbeef"}          an even number of hex digits, either case
 *   {"fill": 65, "length": 4096} one byte value repeated
 *   {"sha256": "<64 hex>"}       expectations only: the digest of the bytes read
 *
 * Unlike most numeric step fields, a Data value that cannot be turned into bytes (odd or
 * non-hex digits, a fill outside 0..255, a negative or fractional length, a malformed
 * digest) is a trace error: the data itself is unreadable, so there is nothing for the model
 * to refuse. The schemas below enforce that, so every Data value that came out of
 * `parseTrace` decodes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { firstDifference } from '../check/bytes-equal.ts';
import { fail } from '../errors.ts';

const HEX_BYTES = /^(?:[0-9a-fA-F]{2})*$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

export const TextDataSchema = z.strictObject({ text: z.string() });

export const HexDataSchema = z.strictObject({
  hex: z.string().regex(HEX_BYTES, {
    error: 'expected an even number of hex digits (0-9, a-f, A-F)',
  }),
});

export const FillDataSchema = z.strictObject({
  fill: z.number().refine((v) => Number.isInteger(v) && v >= 0 && v <= 255, {
    error: 'expected a whole number from 0 to 255',
  }),
  length: z.number().refine((v) => Number.isSafeInteger(v) && v >= 0, {
    error: 'expected a whole number of bytes, at least 0',
  }),
});

export const Sha256DataSchema = z.strictObject({
  sha256: z.string().regex(SHA256_HEX, { error: 'expected 64 hex digits' }),
});

/** Data given to the model (a write's `data`). */
export const DataSchema = z.union([TextDataSchema, HexDataSchema, FillDataSchema], {
  error: 'expected a Data value: {"text"}, {"hex"} or {"fill", "length"}',
});

/** Data expected from the model (a read's `expect`): any Data value, or a digest. */
export const ExpectDataSchema = z.union(
  [TextDataSchema, HexDataSchema, FillDataSchema, Sha256DataSchema],
  { error: 'expected a Data value: {"text"}, {"hex"}, {"fill", "length"} or {"sha256"}' },
);

export type TextData = z.infer<typeof TextDataSchema>;
export type HexData = z.infer<typeof HexDataSchema>;
export type FillData = z.infer<typeof FillDataSchema>;
export type Sha256Data = z.infer<typeof Sha256DataSchema>;
export type Data = z.infer<typeof DataSchema>;
export type ExpectData = z.infer<typeof ExpectDataSchema>;

const encoder = new TextEncoder();

/**
 * Number of bytes `d` stands for, without allocating them (so a caller can check a range
 * before decoding a large fill). Throws ModelError INVALID_ARGUMENT on an undecodable value
 * (never for a value that came out of `parseTrace`).
 */
export function dataLength(d: Data): number {
  if ('text' in d) return encoder.encode(d.text).length;
  if ('hex' in d) {
    checkHex(d.hex);
    return d.hex.length / 2;
  }
  checkFill(d);
  return d.length;
}

/**
 * The bytes a Data value stands for. Throws ModelError INVALID_ARGUMENT on an undecodable
 * value (odd or non-hex digits, a fill outside 0..255, a length that is not a whole number
 * ≥ 0); `parseTrace` already rejects those as trace errors, so that only happens for values
 * built by hand.
 */
export function decodeData(d: Data): Uint8Array {
  if ('text' in d) return encoder.encode(d.text);
  if ('hex' in d) {
    checkHex(d.hex);
    return new Uint8Array(Buffer.from(d.hex, 'hex')); // one copy (Uint8Array.from walks the bytes one by one)
  }
  checkFill(d);
  return new Uint8Array(d.length).fill(d.fill);
}

/** Lower-case hex digest of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Lower-case hex of `bytes` (the form a read's result carries). */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Whether `bytes` are what `expect` describes: the same length and bytes, or (for
 * `{sha256}`) the same SHA-256 digest, hex compared without regard to case.
 */
export function matchesExpectation(bytes: Uint8Array, expect: ExpectData): boolean {
  if ('sha256' in expect) {
    if (!SHA256_HEX.test(expect.sha256)) fail('INVALID_ARGUMENT', 'sha256 must be 64 hex digits');
    return sha256Hex(bytes) === expect.sha256.toLowerCase();
  }
  if ('fill' in expect) {
    checkFill(expect);
    if (bytes.length !== expect.length) return false;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== expect.fill) return false;
    return true;
  }
  return firstDifference(decodeData(expect), bytes) < 0;
}

/** The last hex string found valid: `dataLength` then `decodeData` of one write test it once. */
let lastValidHex: string | null = null;

function checkHex(hex: unknown): void {
  if (hex === lastValidHex) return;
  if (typeof hex !== 'string' || !HEX_BYTES.test(hex)) {
    fail('INVALID_ARGUMENT', 'hex data must be an even number of hex digits (0-9, a-f, A-F)');
  }
  lastValidHex = hex.length <= 1 << 21 ? hex : null; // never keeps a large string alive
}

function checkFill(d: { fill: unknown; length: unknown }): void {
  const { fill, length } = d;
  if (typeof fill !== 'number' || !Number.isInteger(fill) || fill < 0 || fill > 255) {
    fail('INVALID_ARGUMENT', `fill must be a whole number from 0 to 255, got ${String(fill)}`);
  }
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    fail('INVALID_ARGUMENT', `fill length must be a whole number ≥ 0, got ${String(length)}`);
  }
}
