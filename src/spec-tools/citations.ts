/**
 * Who cites a rule ID: the code of src/ and machines/ as `path#name` (spec/rules.json's
 * `implementedBy`) and the property and test files as paths (`provedBy`). A file ending in
 * `.test.ts` proves, wherever it lives.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { enclosingName } from './enclosing-name.ts';

export { enclosingName } from './enclosing-name.ts';

/** A rule ID as the code cites it (the same families as spec/rules.json). */
const RULE_ID = /\b(?:RAID-[A-Z]+-\d+|DEV-\d+|VOL-(?:[A-Z]+-)?\d+|LDEV-(?:INV-)?\d+|SYS-\d+|LC-[A-Z]+-\d+|VTOC-[A-Z]+-\d+|RC-[A-Z]+-\d+|MG-[A-Z]+-\d+|PL-[A-Z]+-\d+|CG-[A-Z]+-\d+|TERM-[A-Z]+-\d+|BK-[A-Z]+-\d+|TAPE-[A-Z]+-\d+|CHK-\d+|LIM-(?:INV-)?\d+)\b/g;

const isTest = (path: string): boolean => path.endsWith('.test.ts');

/** The `.ts` files under `dir`, as paths relative to `root`, sorted. */
function sources(root: string, dir: string): string[] {
  return readdirSync(join(root, dir))
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(join(root, p)).isDirectory()) return sources(root, p);
      return p.endsWith('.ts') ? [p] : [];
    });
}

/** Adds `value` to the sorted-later set of `key`. */
function note(into: Map<string, Set<string>>, key: string, value: string): void {
  const set = into.get(key) ?? new Set<string>();
  set.add(value);
  into.set(key, set);
}

const sortedLists = (m: Map<string, Set<string>>): Map<string, string[]> => new Map([...m].map(([k, s]) => [k, [...s].sort()]));

/** Every rule ID one file cites, each with the place it cites it from (`path#name`, or `path`). */
function citationsOf(root: string, path: string): Array<{ id: string; place: string }> {
  const lines = readFileSync(join(root, path), 'utf8').split('\n');
  return lines.flatMap((line, i) =>
    [...line.matchAll(RULE_ID)].map((m) => {
      const name = enclosingName(lines, i);
      return { id: m[0], place: name ? `${path}#${name}` : path };
    }),
  );
}

/**
 * Rule ID → the `path#name` places of `dirs` that cite it (sorted, unique), test files left
 * out (they go to {@link citingFiles}).
 */
export function citingPlaces(root: string, dirs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const dir of dirs) {
    for (const path of sources(root, dir).filter((p) => !isTest(p))) {
      for (const c of citationsOf(root, path)) note(out, c.id, c.place);
    }
  }
  return sortedLists(out);
}

/**
 * Rule ID → the files that cite it (sorted, unique): every `.ts` file of `dirs`, and the
 * `.test.ts` files of `testsIn` (tests that live next to the code).
 */
export function citingFiles(root: string, dirs: readonly string[], testsIn: readonly string[] = []): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const files = [...dirs.flatMap((d) => sources(root, d)), ...testsIn.flatMap((d) => sources(root, d).filter(isTest))];
  for (const path of files) {
    for (const m of readFileSync(join(root, path), 'utf8').matchAll(RULE_ID)) note(out, m[0], path);
  }
  return sortedLists(out);
}
