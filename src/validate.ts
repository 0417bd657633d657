import { fail } from './errors.ts';

/** Guards for public entry points (DEV-2, VOL-A-3): a refused argument throws before any state changes. */

export function requireInteger(name: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    fail('INVALID_ARGUMENT', `${name} must be a whole number, got ${String(value)}`);
  }
  if (value < min) fail('INVALID_ARGUMENT', `${name} must be at least ${min}, got ${value}`);
  return value;
}

export function requirePositive(name: string, value: unknown): number {
  return requireInteger(name, value, 1);
}

/** A byte range [offset, offset+length) inside a space of `size` bytes. */
export function requireRange(what: string, offset: unknown, length: unknown, size: number): void {
  if (inRange(offset, length, size)) return; // the common case builds no message
  const o = requireInteger(`${what} offset`, offset);
  const l = requireInteger(`${what} length`, length);
  if (o + l > size || o > size) {
    fail('OUT_OF_RANGE', `${what} [${o}, ${o + l}) reaches outside ${size} bytes`);
  }
}

/** Whether [offset, offset+length) is a sane range inside `size` bytes: what `requireRange` accepts. */
export function inRange(offset: unknown, length: unknown, size: number): boolean {
  return typeof offset === 'number' && typeof length === 'number' && Number.isSafeInteger(offset) && Number.isSafeInteger(length) &&
    offset >= 0 && length >= 0 && offset + length <= size;
}

/** `requireRange` for I/O to volume `volumeId` ("volume ID read"), its label built only for a refusal. */
export function requireVolumeRange(volumeId: string, verb: string, offset: unknown, length: unknown, size: number): void {
  if (!inRange(offset, length, size)) requireRange(`volume ${volumeId} ${verb}`, offset, length, size);
}
