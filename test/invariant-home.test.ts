/**
 * spec/checking.md CHK-7: every invariant spec/ names is declared by one checker of `check`
 * or is a history invariant proved by the property or test the spec names; a checker's file
 * reports exactly the IDs it declares; `check` lists the declarations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKERS, checkedInvariants } from '../src/check/checkers.ts';
import { PROPERTIES } from '../properties/index.ts';

const root = join(import.meta.dirname, '..');
const spec = (f: string) => readFileSync(join(root, 'spec', f), 'utf8');

/** Every invariant a rule line of spec/ defines (`- **X-INV-n**`). */
function specInvariants(): string[] {
  const files = readdirSync(join(root, 'spec')).filter((f) => f.endsWith('.md'));
  return [...new Set(files.flatMap((f) => [...spec(f).matchAll(/^- \*\*([A-Z]+-INV-\d+)\*\*/gm)].map((m) => m[1]!)))].sort();
}

/** The rows of spec/checking.md's history-invariant table: invariant → "proved by" cell. */
function historyInvariants(): Map<string, string> {
  const text = spec('checking.md');
  const table = text.slice(text.indexOf('**History invariants**'));
  const rows = [...table.slice(0, table.indexOf('\n## ')).matchAll(/^\| ([A-Z]+-INV-\d+) \|.*\| (.+) \|$/gm)];
  return new Map(rows.map((m) => [m[1]!, m[2]!]));
}

/** The quoted invariant IDs a file's code reports (not its comments). */
function reportedIn(file: string): string[] {
  const code = readFileSync(join(root, 'src/check', file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return [...new Set([...code.matchAll(/'([A-Z]+-INV-\d+)'/g)].map((m) => m[1]!))].sort();
}

/** Which src/check file exports each checker (by its declared name). */
function checkerFiles(): Map<string, string[]> {
  const files = readdirSync(join(root, 'src/check')).filter((f) => f.endsWith('.ts'));
  const out = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(join(root, 'src/check', f), 'utf8');
    for (const c of CHECKERS) if (text.includes(`name: '${c.name}'`)) out.set(f, [...(out.get(f) ?? []), ...c.invariants]);
  }
  return out;
}

describe('one home for invariants (CHK-7)', () => {
  it('every invariant of spec/ is declared by a checker or proved as a history invariant, and nothing else is declared', () => {
    const named = specInvariants();
    const declared = new Set(CHECKERS.flatMap((c) => c.invariants));
    const history = historyInvariants();
    expect(named.filter((id) => !declared.has(id) && !history.has(id)), 'named in spec/, checked nowhere').toEqual([]);
    expect([...declared].filter((id) => !named.includes(id)), 'declared by a checker, not named in spec/').toEqual([]);
    expect([...history.keys()].filter((id) => !named.includes(id) || declared.has(id)), 'history rows that are not spec invariants or are checked by check').toEqual([]);
  });

  it('each history invariant is proved by what the spec names: a property with that id or a test that cites it', () => {
    for (const [id, proof] of historyInvariants()) {
      const paths = [...proof.matchAll(/`([^`]+\.ts)`/g)].map((m) => m[1]!);
      const props = PROPERTIES.filter((p) => p.id.startsWith(`${id}.`) || p.id === id);
      if (paths.length === 0) expect(props.length, `${id}: no property ${id}.*`).toBeGreaterThan(0);
      for (const p of paths) {
        expect(existsSync(join(root, p)), `${id}: ${p} exists`).toBe(true);
        expect(readFileSync(join(root, p), 'utf8'), `${p} cites ${id}`).toContain(id);
      }
    }
  });

  it("each checker's file reports exactly the IDs its checkers declare", () => {
    const files = checkerFiles();
    expect([...files.values()].flat().sort()).toEqual(CHECKERS.flatMap((c) => c.invariants).sort());
    for (const [file, declared] of files) expect(reportedIn(file), file).toEqual([...new Set(declared)].sort());
  });

  it("check's list is the declarations in family order", () => {
    expect(checkedInvariants()).toEqual([
      'RAID-INV-1', 'VOL-INV-1', 'VOL-INV-2', 'LDEV-INV-1', 'LC-INV-1', 'LC-INV-2', 'LC-INV-3', 'LC-INV-4', 'LC-INV-5', 'LC-INV-6',
      'RC-INV-1', 'RC-INV-2', 'RC-INV-3', 'RC-INV-4', 'RC-INV-5', 'RC-INV-6', 'MG-INV-1', 'MG-INV-2', 'PL-INV-1', 'PL-INV-2', 'CG-INV-3',
    ]);
  });
});
