/**
 * The example traces LIM-INV-1 mutates (examples/*.jsonl, all valid, read once at module load),
 * what each one defines (systems, volumes, RAID groups, pairs), and paths into step values:
 * the plumbing of properties/fuzz/fuzz-mutations.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = ReadonlyArray<string | number>;

/** One line of a case: a step (or, for a broken line, raw text) and the example step it came from (-1: added). */
export interface Entry {
  readonly origin: number;
  step: Json;
  readonly raw?: string;
}

/** What one example defines, for rewriting a step taken from another example onto its names. */
export interface Names {
  readonly systems: string[];
  readonly volumes: Array<[string, string]>;
  readonly groups: Array<[string, string]>;
  readonly pairs: string[];
}

export interface Example {
  readonly file: string;
  readonly header: JsonObject;
  readonly steps: readonly JsonObject[];
  readonly names: Names;
}

const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');

function loadExample(file: string): Example {
  const values = readFileSync(join(EXAMPLES_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('//'))
    .map((l) => JSON.parse(l) as JsonObject);
  const [header, ...steps] = values;
  const names: Names = { systems: [], volumes: [], groups: [], pairs: [] };
  for (const s of steps) {
    if (s.op === 'system') {
      names.systems.push(String(s.id));
      for (const g of s.raidGroups as JsonObject[]) names.groups.push([String(s.id), String(g.id)]);
    }
    if (s.op === 'volume') names.volumes.push([String(s.system), String(s.id)]);
    if (s.op === 'pairCreate') names.pairs.push(String(s.id));
  }
  return { file, header: header!, steps, names };
}

/** The example traces, in file order. */
export const EXAMPLES: readonly Example[] = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.jsonl')).sort().map(loadExample);

/** Steps of the longest example: the keep mask's length. */
export const KEEP_SLOTS = Math.max(...EXAMPLES.map((e) => e.steps.length));

/** Every step of every example, without its expectations: what `insert` puts elsewhere. */
export const REQUEST_POOL: readonly JsonObject[] = EXAMPLES.flatMap((e) => e.steps).map((s) => {
  const { expect: _e, expectError: _x, ...rest } = s;
  return rest;
});

/** What makes an example reach a deep state: a division, a remote pair suspended (twice: the rarest), a takeover, a migration. */
function depth(e: Example): number {
  const has = (p: (s: JsonObject) => boolean) => (e.steps.some(p) ? 1 : 0);
  const remote = has((s) => s.op === 'pairCreate' && s.kind === 'remote');
  return (
    has((s) => s.op === 'pairDivide' || s.op === 'extentDivide') +
    2 * remote * has((s) => s.op === 'linkDown' || s.op === 'pairSuspend') +
    has((s) => s.op === 'takeover') +
    has((s) => s.op === 'pairCreate' && s.kind === 'migration')
  );
}

/**
 * Example indexes to draw from, each 1 + depth times, so more runs reach divided, suspended,
 * taken over and migrating pairs. The simplest example comes first (shrinking goes toward it).
 */
export const EXAMPLE_CHOICES: readonly number[] = EXAMPLES.flatMap((e, i) => Array.from({ length: 1 + depth(e) }, () => i));

// ---------------------------------------------------------------------------------------
// Paths into steps

export function* nodes(value: Json, path: Path = []): Generator<{ path: Path; value: Json }> {
  if (path.length > 0) yield { path, value };
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* nodes(value[i]!, [...path, i]);
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) yield* nodes(value[k]!, [...path, k]);
}

/** The field a path ends in: its last key, or `extent` for a track number inside `extents`. */
export function fieldOf(path: Path): string {
  const keys = path.filter((p): p is string => typeof p === 'string');
  if (keys.includes('extents') && typeof path[path.length - 1] === 'number') return 'extent';
  return keys[keys.length - 1] ?? '';
}

/** Defines the key as an own property, so `__proto__` is a field, never the prototype. */
export function setKey(obj: JsonObject | Json[], key: string | number, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function setAt(root: Json, path: Path, value: Json): void {
  let at = root as JsonObject;
  for (const p of path.slice(0, -1)) at = (at as unknown as Record<string | number, Json>)[p] as JsonObject;
  setKey(at, path[path.length - 1]!, value);
}

export function deleteAt(root: Json, path: Path): void {
  let at = root as JsonObject;
  for (const p of path.slice(0, -1)) at = (at as unknown as Record<string | number, Json>)[p] as JsonObject;
  if (Array.isArray(at)) at.splice(path[path.length - 1] as number, 1);
  else delete at[path[path.length - 1] as string];
}

export type Site = { entry: Entry; path: Path; value: Json };

/** Fields of steps (never inside an `expect`, which only judges) that `keep` accepts. */
export function sites(entries: readonly Entry[], keep: (s: Site) => boolean): Site[] {
  const out: Site[] = [];
  for (const entry of entries) {
    for (const n of nodes(entry.step)) if (n.path[0] !== 'expect' && keep({ entry, ...n })) out.push({ entry, ...n });
  }
  return out;
}

export function pick<T>(list: readonly T[], selector: number): T | undefined {
  return list.length === 0 ? undefined : list[selector % list.length];
}

/** A step of another example, made to name this example's systems, volumes, groups and pairs. */
export function rewritten(template: JsonObject, names: Names, ref: number): JsonObject {
  const step = structuredClone(template);
  const vol = pick(names.volumes, ref);
  const key = (k: number) => pick(names.volumes, ref + k)?.join(':');
  const sys = (k: number) => pick(names.systems, ref + k);
  if (typeof step.pair === 'string' && names.pairs.length > 0) step.pair = pick(names.pairs, ref)!;
  if (typeof step.volume === 'string' && vol) [step.system, step.volume] = vol;
  else if (typeof step.system === 'string' && sys(0) !== undefined) step.system = sys(0)!;
  if (typeof step.raidGroup === 'string') step.raidGroup = pick(names.groups.filter(([s]) => s === step.system), ref)?.[1] ?? step.raidGroup;
  for (const [k, field] of (['original', 'copy', 'source'] as const).entries()) if (typeof step[field] === 'string' && key(k)) step[field] = key(k)!;
  if (typeof step.target === 'string') step.target = step.kind === 'migration' ? (key(1) ?? step.target) : (sys(1) ?? step.target);
  if (Array.isArray(step.between) && names.systems.length > 1) step.between = [sys(0)!, sys(1)!];
  if (typeof step.process === 'string' && step.process.startsWith('relocate:') && vol) step.process = `relocate:${vol.join(':')}`;
  if (typeof step.process === 'string' && step.process.startsWith('rebuild:')) {
    const g = pick(names.groups, ref);
    if (g) step.process = `rebuild:${g.join(':')}`;
  }
  return step;
}
