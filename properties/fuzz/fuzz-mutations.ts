/**
 * LIM-INV-1's inputs: mutated trace texts made from the example traces (examples/*.jsonl, all
 * valid, read once at module load). A case is an example, a keep mask over its steps (almost
 * every step kept, so requests reach deep states; shrinking drops steps) and a few mutations:
 * extreme and limit-edge numbers, prototype and over-long names (at one site, or a name renamed
 * everywhere), repeated, reversed and overlapping extents, huge transfer lengths, wrong JSON
 * types, dropped and unknown fields, broken lines, and steps duplicated, moved or taken from
 * another example (every request in every state). Mutations pick their target with a selector
 * over the candidates before the keep mask applies, so dropping a step while shrinking never
 * moves a mutation onto another step.
 */
import fc from 'fast-check';
import { LIMITS } from '../../src/limits.ts';
import {
  BROKEN_LINES, FUZZ_NAMES, HUGE_LITERALS, isPrototypeName, LIMIT_PROBES, NAME_FIELDS, numberFor, RETYPED_VALUES, TRANSFER_LENGTHS,
  UNKNOWN_FIELDS, type FuzzNumber,
} from './fuzz-values.ts';
import {
  deleteAt, EXAMPLE_CHOICES, EXAMPLES, type Entry, type Example, fieldOf, type Json, type JsonObject, KEEP_SLOTS, pick, REQUEST_POOL,
  rewritten, setAt, setKey, type Site, sites,
} from './fuzz-examples.ts';

// ---------------------------------------------------------------------------------------
// Mutations: plain data, so fast-check prints and shrinks them; `sel` picks among candidates.

export type Mutation =
  | { readonly kind: 'number'; readonly sel: number; readonly value: number }
  | { readonly kind: 'transfer'; readonly sel: number; readonly value: number }
  | { readonly kind: 'limit'; readonly sel: number; readonly probe: number; readonly plus: 0 | 1 | 512 }
  | { readonly kind: 'name'; readonly sel: number; readonly name: number; readonly part: number }
  | { readonly kind: 'rename'; readonly sel: number; readonly name: number }
  | { readonly kind: 'extents'; readonly sel: number; readonly how: ExtentsHow }
  | { readonly kind: 'everywhere'; readonly field: number; readonly value: number }
  | { readonly kind: 'grow'; readonly factor: number }
  | { readonly kind: 'retype'; readonly sel: number; readonly value: number }
  | { readonly kind: 'drop'; readonly sel: number }
  | { readonly kind: 'unknown'; readonly sel: number; readonly field: number }
  | { readonly kind: 'duplicate'; readonly sel: number; readonly to: number }
  | { readonly kind: 'move'; readonly sel: number; readonly to: number }
  | { readonly kind: 'insert'; readonly template: number; readonly to: number; readonly ref: number }
  | { readonly kind: 'broken'; readonly line: number; readonly to: number }
  | { readonly kind: 'header'; readonly how: 'literal' | 'unknownField' | 'version2' };

export const EXTENTS_HOWS = ['repeat2000', 'repeatAtLimit', 'repeatOverLimit', 'reverseEach', 'reverseList', 'overlap', 'huge', 'empty'] as const;
type ExtentsHow = (typeof EXTENTS_HOWS)[number];

/** Fields `everywhere` sets in every step at once (a world of huge devices, volumes, transfers). */
export const EVERYWHERE_FIELDS = ['deviceBytes', 'bytes', 'ldevBytes', 'trackBytes', 'length', 'offset', 'devices', 'stripeUnitBytes', 'tracks'];
/** `grow` multiplies every size and address by one of these, keeping the trace's shape. */
export const GROW_FACTORS = [16, 256, 4096, 2 ** 20];
const GROWN_FIELDS = new Set(['deviceBytes', 'ldevBytes', 'bytes', 'trackBytes', 'stripeUnitBytes', 'offset', 'length']);

const sel = fc.nat({ max: 1_000_000 });
const upTo = (n: number) => fc.nat({ max: n - 1 });

/** Weights favour valid-ish steps with bad values (refusals deep in a run) over trace errors. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('number' as const), sel, value: fc.nat({ max: 40 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('transfer' as const), sel, value: upTo(TRANSFER_LENGTHS.length) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('limit' as const), sel, probe: upTo(LIMIT_PROBES.length), plus: fc.constantFrom(0 as const, 1 as const, 512 as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('name' as const), sel, name: upTo(FUZZ_NAMES.length), part: fc.nat({ max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('rename' as const), sel, name: upTo(FUZZ_NAMES.length) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('extents' as const), sel, how: fc.constantFrom(...EXTENTS_HOWS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('everywhere' as const), field: upTo(EVERYWHERE_FIELDS.length), value: fc.nat({ max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grow' as const), factor: upTo(GROW_FACTORS.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retype' as const), sel, value: upTo(RETYPED_VALUES.length) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), sel }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), sel, field: upTo(UNKNOWN_FIELDS.length) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), sel, to: sel }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), sel, to: sel }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), template: upTo(REQUEST_POOL.length), to: sel, ref: sel }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('broken' as const), line: upTo(BROKEN_LINES.length), to: sel }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('header' as const), how: fc.constantFrom('literal' as const, 'unknownField' as const, 'version2' as const) }) },
);

// ---------------------------------------------------------------------------------------
// Applying a mutation

const asJson = (n: FuzzNumber): Json => n;
const isExtentList = (v: Json): v is number[][] => Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2);
const isNameSite = (s: Site): boolean => typeof s.value === 'string' && NAME_FIELDS.has(fieldOf(s.path));

/** A name with part 0, 1 or 2 of a `"SYSTEM:VOLUME"` value replaced (the whole, the system, the volume). */
function withName(value: string, name: string, part: number): string {
  const i = value.indexOf(':');
  if (i < 0 || part === 0) return name;
  return part === 1 ? `${name}${value.slice(i)}` : `${value.slice(0, i + 1)}${name}`;
}

/** The list's extents over and over, `n` of them in all. */
function extentsRepeated(list: number[][], n: number): Json {
  return Array.from({ length: n }, (_, i) => list[i % Math.max(1, list.length)] ?? [0, 0]);
}

const isOpenV = (step: Json): step is JsonObject => step !== null && typeof step === 'object' && !Array.isArray(step) && step.op === 'volume' && step.emulation === 'OPEN-V';

function extentsMutated(list: number[][], how: ExtentsHow): Json {
  const repeat = (n: number) => extentsRepeated(list, n);
  switch (how) {
    case 'repeat2000': return repeat(2000);
    case 'repeatAtLimit': return repeat(LIMITS.extentsPerRequestMax);
    case 'repeatOverLimit': return repeat(LIMITS.extentsPerRequestMax + 1);
    case 'reverseEach': return list.map(([a, b]) => [b!, a!]);
    case 'reverseList': return [...list].reverse();
    case 'overlap': return [...list, ...list.map(([a, b]) => [a!, b! + 3]), ...list.map(([a, b]) => [a! + 1, b!])];
    case 'huge': return [...list, [0, 2 ** 40]];
    case 'empty': return [];
  }
}

/** Applies one mutation in place; returns what it did (for the counterexample) and tags, or null if it found no site. */
function apply(entries: Entry[], header: JsonObject, m: Mutation, ex: Example): Applied {
  switch (m.kind) {
    case 'number': {
      const s = pick(sites(entries, (x) => typeof x.value === 'number'), m.sel);
      if (!s) return null;
      const v = numberFor(fieldOf(s.path), m.value);
      setAt(s.entry.step, s.path, asJson(v));
      return { did: `${s.path.join('.')} := ${String(v)}`, tags: ['number'] };
    }
    case 'transfer': {
      const readOrFill = (x: Site) => fieldOf(x.path) === 'length' && typeof x.value === 'number' && (x.path.length === 1 || x.path[0] === 'data');
      const s = pick(sites(entries, readOrFill), m.sel);
      if (!s) return null;
      const v = TRANSFER_LENGTHS[m.value]!;
      setAt(s.entry.step, s.path, asJson(v));
      return { did: `${(s.entry.step as JsonObject).op} ${s.path.join('.')} := ${String(v)}`, tags: ['transfer'] };
    }
    case 'limit':
      return applyLimit(entries, m);
    case 'name': {
      const s = pick(sites(entries, isNameSite), m.sel);
      if (!s) return null;
      const name = FUZZ_NAMES[m.name]!;
      setAt(s.entry.step, s.path, withName(s.value as string, name, m.part));
      return { did: `${s.path.join('.')} := ${JSON.stringify(name).slice(0, 40)}`, tags: [isPrototypeName(name) ? 'prototypeName' : 'oddName'] };
    }
    case 'rename':
      return applyRename(entries, m, ex);
    case 'extents': {
      const s = pick(sites(entries, (x) => isExtentList(x.value) && fieldOf(x.path) === 'extents'), m.sel);
      if (!s) return null;
      setAt(s.entry.step, s.path, extentsMutated(s.value as number[][], m.how));
      return { did: `${(s.entry.step as JsonObject).op} extents: ${m.how}`, tags: ['extents'] };
    }
    case 'everywhere': {
      const field = EVERYWHERE_FIELDS[m.field]!;
      const v = numberFor(field, m.value);
      const found = sites(entries, (x) => typeof x.value === 'number' && fieldOf(x.path) === field);
      for (const s of found) setAt(s.entry.step, s.path, asJson(v));
      return found.length === 0 ? null : { did: `every ${field} := ${String(v)}`, tags: ['everywhere'] };
    }
    case 'grow': {
      const k = GROW_FACTORS[m.factor]!;
      const found = sites(entries, (x) => typeof x.value === 'number' && GROWN_FIELDS.has(fieldOf(x.path)));
      for (const s of found) setAt(s.entry.step, s.path, (s.value as number) * k);
      return { did: `every size and address × ${k}`, tags: ['grow'] };
    }
    case 'retype': {
      const s = pick(sites(entries, () => true), m.sel);
      if (!s) return null;
      setAt(s.entry.step, s.path, structuredClone(RETYPED_VALUES[m.value]) as Json);
      return { did: `${s.path.join('.')} := ${JSON.stringify(RETYPED_VALUES[m.value]).slice(0, 40)}`, tags: ['retype'] };
    }
    case 'drop': {
      const s = pick(sites(entries, (x) => typeof x.path[x.path.length - 1] === 'string'), m.sel);
      if (!s) return null;
      deleteAt(s.entry.step, s.path);
      return { did: `drop ${s.path.join('.')}`, tags: ['drop'] };
    }
    case 'unknown': {
      const e = pick(entries.filter((x) => x.raw === undefined), m.sel);
      if (!e) return null;
      const field = UNKNOWN_FIELDS[m.field]!;
      setKey(e.step as JsonObject, field, 1);
      return { did: `${(e.step as JsonObject).op} + unknown field ${field}`, tags: ['unknownField'] };
    }
    case 'duplicate': case 'move': case 'insert': case 'broken': case 'header':
      return applyStructural(entries, header, m, ex);
  }
}

type Applied = { did: string; tags: string[] } | null;

/** A field at one limit of spec/limits.md, plus `m.plus`. */
function applyLimit(entries: Entry[], m: Extract<Mutation, { kind: 'limit' }>): Applied {
  const { field, limit } = LIMIT_PROBES[m.probe]!;
  const n = LIMITS[limit] + m.plus; // + 512: one block more, for the fields counted in whole blocks
  const found = sites(entries, (x) => (field === 'name' ? isNameSite(x) : fieldOf(x.path) === field && (field === 'extents' ? isExtentList(x.value) : typeof x.value === 'number')));
  // trackBytes is optional: an OPEN-V volume step without one gets it
  if (field === 'trackBytes') for (const e of entries) if (isOpenV(e.step) && !Object.hasOwn(e.step, 'trackBytes')) found.push({ entry: e, path: ['trackBytes'], value: 0 });
  const s = pick(found, m.sel);
  if (!s) return null;
  const value = field === 'name' ? 'n'.repeat(n) : field === 'extents' ? extentsRepeated(s.value as number[][], n) : n;
  setAt(s.entry.step, s.path, value);
  return { did: `${(s.entry.step as JsonObject).op} ${s.path.join('.')}: ${limit} + ${m.plus} (${n})`, tags: ['limitEdge'] };
}

/** One name of the example renamed everywhere it is used. */
function applyRename(entries: Entry[], m: Extract<Mutation, { kind: 'rename' }>, ex: Example): Applied {
  const all = [...new Set([...ex.names.systems, ...ex.names.volumes.map(([, v]) => v), ...ex.names.groups.map(([, g]) => g), ...ex.names.pairs])];
  const old = pick(all, m.sel);
  if (old === undefined) return null;
  const name = FUZZ_NAMES[m.name]!;
  const swap = (v: string) => (v === old ? name : v.includes(':') ? v.split(':').map((p) => (p === old ? name : p)).join(':') : v);
  for (const s of sites(entries, isNameSite)) setAt(s.entry.step, s.path, swap(s.value as string));
  return { did: `rename ${old} to ${JSON.stringify(name).slice(0, 40)} everywhere`, tags: [isPrototypeName(name) ? 'prototypeName' : 'oddName', 'rename'] };
}

/** Mutations of the trace's lines rather than of a field: duplicate, move, insert, a broken line, the header. */
function applyStructural(entries: Entry[], header: JsonObject, m: Extract<Mutation, { kind: 'duplicate' | 'move' | 'insert' | 'broken' | 'header' }>, ex: Example): Applied {
  const at = (n: number) => n % (entries.length + 1);
  switch (m.kind) {
    case 'duplicate':
    case 'move': {
      const from = m.sel % Math.max(1, entries.length);
      const e = entries[from];
      if (!e) return null;
      if (m.kind === 'move') entries.splice(from, 1);
      const copy: Entry = e.raw === undefined ? { origin: e.origin, step: structuredClone(e.step) } : e;
      entries.splice(m.to % (entries.length + 1), 0, m.kind === 'move' ? e : copy);
      return { did: `${m.kind} ${e.raw ?? (e.step as JsonObject).op} (step ${e.origin + 1})`, tags: [m.kind] };
    }
    case 'insert': {
      const step = rewritten(REQUEST_POOL[m.template]!, ex.names, m.ref);
      entries.splice(at(m.to), 0, { origin: -1, step });
      return { did: `insert ${JSON.stringify(step).slice(0, 80)}`, tags: ['insert'] };
    }
    case 'broken':
      entries.splice(at(m.to), 0, { origin: -1, step: null, raw: BROKEN_LINES[m.line]! });
      return { did: `broken line ${BROKEN_LINES[m.line]}`, tags: ['broken'] };
    case 'header':
      if (m.how === 'literal') setKey(header, 'variant', 'literal');
      if (m.how === 'unknownField') setKey(header, 'tarce', 1);
      if (m.how === 'version2') setKey(header, 'trace', 2);
      return { did: `header: ${m.how}`, tags: ['header'] };
  }
}

// ---------------------------------------------------------------------------------------
// Cases and their text

export interface FuzzCase {
  readonly example: number;
  /** Per example step (by its index): kept or dropped. */
  readonly keep: readonly boolean[];
  readonly mutations: readonly Mutation[];
}

/** JSON text of a value, with the markers of fuzz-values.ts written as the literals they stand for. */
function render(value: Json): string {
  let text = JSON.stringify(value);
  for (const [marker, literal] of Object.entries(HUGE_LITERALS)) text = text.split(JSON.stringify(marker)).join(literal);
  return text;
}

/** A rendered case: the trace text, what each mutation did, and tags (`prototypeName`, `transfer`, ...). */
export class FuzzTrace {
  readonly text: string;
  readonly did: readonly string[];
  readonly tags: ReadonlySet<string>;
  /** Step lines (not the header). */
  readonly stepCount: number;

  constructor(readonly fuzzCase: FuzzCase) {
    const ex = EXAMPLES[fuzzCase.example]!;
    const header = structuredClone(ex.header);
    const entries: Entry[] = ex.steps.map((s, origin) => ({ origin, step: structuredClone(s) }));
    const did: string[] = [];
    const tags = new Set<string>();
    for (const m of fuzzCase.mutations) {
      const r = apply(entries, header, m, ex);
      if (!r) continue;
      did.push(r.did);
      for (const t of r.tags) tags.add(t);
    }
    const kept = entries.filter((e) => e.origin < 0 || fuzzCase.keep[e.origin] !== false);
    this.text = `${[render(header), ...kept.map((e) => e.raw ?? render(e.step))].join('\n')}\n`;
    this.did = did;
    this.tags = tags;
    this.stepCount = kept.length;
  }

  [fc.toStringMethod](): string {
    const ex = EXAMPLES[this.fuzzCase.example]!;
    return `FuzzTrace from examples/${ex.file}, ${this.stepCount} step${this.stepCount === 1 ? '' : 's'}; mutations: ${this.did.join('; ') || 'none'}\n${this.text}`;
  }
}

/**
 * Mutated traces. The keep mask drops about one step in 25 (`fc.option` shrinks to the dropped
 * side, so shrinking removes steps); up to four mutations, none in a few cases (the example as
 * it is, minus dropped steps, reaches every deep state the examples reach).
 */
export function fuzzTraceArb(): fc.Arbitrary<FuzzTrace> {
  const keep = fc.option(fc.constant(true), { freq: 25, nil: false });
  return fc
    .record({
      example: fc.constantFrom(...EXAMPLE_CHOICES),
      keep: fc.array(keep, { minLength: KEEP_SLOTS, maxLength: KEEP_SLOTS }),
      mutations: fc.array(mutationArb, { maxLength: 4 }),
    })
    .map((c) => new FuzzTrace(c));
}
