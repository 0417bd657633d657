/**
 * The values LIM-INV-1's mutations put into traces (properties/fuzz/fuzz-mutations.ts): extreme
 * numbers, each field's limit edges (spec/limits.md: the limit itself, accepted, and one more,
 * refused), names that live on `Object.prototype`, names around nameCharsMax, and broken lines.
 * Kept apart from the mutations so a reader sees at a glance what the fuzzer tries.
 */
import { LIMITS, type LimitName } from '../../src/limits.ts';

/**
 * JSON has no literal for a number too large for a double, but `1e400` is valid JSON that
 * `JSON.parse` turns into Infinity (spec/trace-format.md, "JSON types, not values"). A step
 * holds these markers where such a literal belongs; rendering writes the literal in their place.
 */
export const HUGE_LITERALS = { '@@+1e400@@': '1e400', '@@-1e400@@': '-1e400' } as const;
export type HugeMarker = keyof typeof HUGE_LITERALS;

/** A number, or a marker for a literal no double can hold. */
export type FuzzNumber = number | HugeMarker;

/** Tried in every numeric field: zero, negative, fractional, around 2^31, 2^40, 2^53, beyond. */
export const EXTREME_NUMBERS: readonly FuzzNumber[] = [
  0, -1, 0.5, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 40, 2 ** 48, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE, -(2 ** 31),
  '@@+1e400@@', '@@-1e400@@', 1e-300,
];

const edge = (max: number): number[] => [max, max + 1];

/**
 * LIM-3 edges per field name (the last key of the field's path): the value a limit accepts
 * and the value it refuses. A field with no limit of its own gets the extremes only.
 */
export const LIMIT_EDGES: Readonly<Record<string, readonly number[]>> = {
  // read length, fill length (LIM: transferBytesMax)
  length: edge(LIMITS.transferBytesMax),
  offset: [LIMITS.volumeBytesMax - 1, LIMITS.volumeBytesMax, Number.MAX_SAFE_INTEGER],
  bytes: edge(LIMITS.volumeBytesMax),
  trackBytes: edge(LIMITS.trackBytesMax),
  deviceBytes: edge(LIMITS.deviceBytesMax),
  devices: edge(LIMITS.devicesPerGroupMax),
  // one LDEV per 512 bytes of a large group: the ldevCountMax edge comes from the pair of fields
  ldevBytes: [512, LIMITS.deviceBytesMax, LIMITS.volumeBytesMax + 512],
  stripeUnitBytes: [512, LIMITS.deviceBytesMax],
  // `tracks` of `step`, extents' track numbers and relocate's `tracks`
  tracks: [LIMITS.settleUnitsMax, LIMITS.settleUnitsMax + 1, LIMITS.volumeTracksMax - 1, LIMITS.volumeTracksMax],
  extent: [LIMITS.volumeTracksMax - 1, LIMITS.volumeTracksMax],
  pairTables: [2 ** 31, LIMITS.ldevCountMax + 1],
  every: [2 ** 53, 1],
  device: [LIMITS.devicesPerGroupMax, 2 ** 31],
  fill: [255, 256],
};

/**
 * The number `choice` (0..40) picks for a field named `field`: below 20 one of the field's
 * limit edges when it has any (half the tries, and shrinking goes toward the limit itself),
 * otherwise one of the extremes.
 */
export function numberFor(field: string, choice: number): FuzzNumber {
  const edges = Object.hasOwn(LIMIT_EDGES, field) ? LIMIT_EDGES[field]! : [];
  if (choice < 20 && edges.length > 0) return edges[choice % edges.length]!;
  return EXTREME_NUMBERS[choice % EXTREME_NUMBERS.length]!;
}

/**
 * Limits a request meets where it enters, and the field that carries the value (`name`: any
 * name field; `extents`: a list that many extents long). The `limit` mutation sets one to the
 * limit itself (accepted by that limit) or one more (refused, naming it: LIM-3).
 */
export const LIMIT_PROBES: ReadonlyArray<{ readonly field: string; readonly limit: LimitName }> = [
  { field: 'devices', limit: 'devicesPerGroupMax' },
  { field: 'trackBytes', limit: 'trackBytesMax' },
  { field: 'deviceBytes', limit: 'deviceBytesMax' },
  { field: 'bytes', limit: 'volumeBytesMax' },
  { field: 'name', limit: 'nameCharsMax' },
  { field: 'extents', limit: 'extentsPerRequestMax' },
  { field: 'length', limit: 'transferBytesMax' },
  { field: 'tracks', limit: 'settleUnitsMax' },
];

/**
 * The transfer lengths of LIM-2 for a read's `length` or a write's fill `length`: the limit's
 * edge, then values no buffer can have (shrinking goes toward the first of these that fails).
 */
export const TRANSFER_LENGTHS: readonly FuzzNumber[] = [
  LIMITS.transferBytesMax, LIMITS.transferBytesMax + 1, -1, 2 ** 40, '@@+1e400@@', 2 ** 53, 0.5, 0, 2 ** 31,
];

/** Every key of `Object.prototype` (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...). */
export const PROTOTYPE_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype).sort();

/** Names that are not prototype keys but probe a name field: the nameCharsMax edge, 300 chars, empty, separators. */
export const ODD_NAMES: readonly string[] = [
  'n'.repeat(LIMITS.nameCharsMax),
  'n'.repeat(LIMITS.nameCharsMax + 1),
  'x'.repeat(300),
  '',
  ':',
  ' ',
  'é'.repeat(200),
];

/** Every name a mutation tries: prototype names first (the fuzzer's bias), then the odd ones. */
export const FUZZ_NAMES: readonly string[] = [...PROTOTYPE_NAMES, ...ODD_NAMES];

export function isPrototypeName(name: string): boolean {
  return PROTOTYPE_NAMES.includes(name);
}

/**
 * Fields whose string value names something (a system, volume, pair, group, process) or picks
 * a value of a fixed list the model interprets (emulation, level, kind, fence, allocate,
 * tables). `original`, `copy`, `source` and (migration) `target` are `"SYSTEM:VOLUME"`.
 */
export const NAME_FIELDS: ReadonlySet<string> = new Set([
  'system', 'volume', 'id', 'pair', 'raidGroup', 'emulation', 'level', 'kind', 'fence', 'allocate', 'process',
  'name', 'original', 'copy', 'source', 'target', 'targetVolume', 'tables', 'between',
]);

/** Keys added as unknown fields: a typo, prototype keys (own properties after JSON.parse), and a near-miss. */
export const UNKNOWN_FIELDS: readonly string[] = ['ofset', '__proto__', 'constructor', 'toString', 'expectErrors', 'Op'];

/** Values of another JSON type, for a field of any type (a trace error, unless the field takes any JSON). */
export const RETYPED_VALUES: readonly unknown[] = ['12', 12, [], {}, null, true, [[0, 1]], { '0': 0, '1': 1 }, 'x'.repeat(300)];

/** Whole lines that are not steps: each is a trace error (exit 2) naming its line. */
export const BROKEN_LINES: readonly string[] = [
  '{"op": "write"',
  '[]',
  '"step"',
  '{}',
  '{"op": "wirte", "system": "S"}',
  '{"trace": 1}',
  'nul',
  '{"op": "settle"} // trailing comment',
  '{"op": "write", "system": "S", "volume": "V", "offset": 0, "data": {"fill": 300, "length": 1}}',
  '{"op": "read", "system": "S", "volume": "V", "offset": 0, "length": 1, "expect": {"sha256": "zz"}}',
  '{"op": "status", "pair": "P", "expectError": "NOT_A_CODE"}',
  '{"op": "step", "pair": "P", "process": "P"}',
];
