/**
 * Issue #13 (in part), spec/architecture.md: no import cycles in src/ and machines/, type-only
 * imports included (a type cycle is still two modules that cannot be read, or moved, one
 * without the other); no import from a higher layer than the page's table gives, apart from
 * its pinned exceptions; and src/ loads the test tooling of properties/ through one door.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** The files a module imports or re-exports from (relative specifiers only). */
function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => resolve(dirname(file), m[1]!));
}

/** Strongly connected components of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative(root, w));
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** spec/architecture.md's layer table: `src/<folder>`, `src/<file>.ts` or a top-level folder → layer. */
function layers(): Map<string, number> {
  const text = readFileSync(join(root, 'spec/architecture.md'), 'utf8');
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)) {
    for (const name of [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!)) out.set(name === 'machines' ? 'machines' : `src/${name}`, Number(m[1]));
  }
  return out;
}

/** spec/architecture.md's pinned exceptions: "from -> to". */
function pinned(): Set<string> {
  const text = readFileSync(join(root, 'spec/architecture.md'), 'utf8');
  const section = text.slice(text.indexOf('## Pinned exceptions'), text.indexOf('## The road'));
  return new Set([...section.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((m) => `${m[1]} -> ${m[2]}`));
}

/** The layer-table name of a module: its folder under src/, its own name at src/, or its top-level folder. */
function unitOf(file: string): string {
  const parts = relative(root, file).split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? `src/${parts[1]}` : `src/${parts[1]}`;
}

/** Imports that run to a higher layer (or to a module the table does not place), not pinned. */
function upward(files: readonly string[], table: Map<string, number>, allowed: Set<string>): string[] {
  const bad: string[] = [];
  for (const f of files) {
    const from = unitOf(f);
    for (const t of imports(f)) {
      const to = unitOf(t);
      if (to === from || !t.startsWith(join(root, 'src')) && !t.startsWith(join(root, 'machines'))) continue;
      const edge = `${relative(root, f)} -> ${relative(root, t)}`;
      const [a, b] = [table.get(from), table.get(to)];
      if (a === undefined || b === undefined) bad.push(`${edge} (not in the layer table: ${a === undefined ? from : to})`);
      else if (b >= a && !allowed.has(edge)) bad.push(`${edge} (layer ${a} imports layer ${b})`);
    }
  }
  return bad;
}

describe('import rules', () => {
  it('src/ and machines/ have no import cycles', () => {
    const files = [...sources(join(root, 'src')), ...sources(join(root, 'machines'))];
    const graph = new Map(files.map((f) => [f, imports(f)]));
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it('src/ reaches properties/ only through src/tooling.ts (the model never depends on its tests)', () => {
    const through = sources(join(root, 'src')).filter((f) => /(?:from\s+|import\()\s*'[./]*\/properties\//.test(readFileSync(f, 'utf8')));
    expect(through.map((f) => relative(root, f))).toEqual(['src/tooling.ts']);
  });

  it('imports run only down the layers of spec/architecture.md, apart from its pinned exceptions', () => {
    const files = [...sources(join(root, 'src')), ...sources(join(root, 'machines'))];
    const allowed = pinned();
    expect(allowed.size).toBeGreaterThan(0);
    expect(upward(files, layers(), allowed)).toEqual([]);
    const used = new Set(files.flatMap((f) => imports(f).map((t) => `${relative(root, f)} -> ${relative(root, t)}`)));
    expect([...allowed].filter((e) => !used.has(e)), 'pinned exceptions no longer in the code (remove them from the page)').toEqual([]);
  });

  it('properties/ has no import cycles, and its harness/ imports no family folder (spec/architecture.md, "Properties")', () => {
    const files = sources(join(root, 'properties'));
    const graph = new Map(files.map((f) => [f, imports(f)]));
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
    const harness = join(root, 'properties', 'harness');
    const intoFamilies = files.filter((f) => f.startsWith(harness)).flatMap((f) =>
      imports(f).filter((t) => t.startsWith(join(root, 'properties')) && !t.startsWith(harness)).map((t) => `${relative(root, f)} -> ${relative(root, t)}`));
    expect(intoFamilies).toEqual([]);
  });

  it('the layer check sees an upward import when there is one', () => {
    const model = join(root, 'src/model/rebuild-process.ts'); // imports src/raid
    const toRaid = (table: Map<string, number>) => upward([model], table, new Set()).filter((e) => e.includes('-> src/raid/'));
    expect(toRaid(new Map([['src/raid', 4], ['src/model', 12]]))).toEqual([]);
    expect(toRaid(new Map([['src/raid', 13], ['src/model', 12]])).length).toBeGreaterThan(0);
  });

  it('the check sees a cycle when there is one', () => {
    const a = join(root, 'a.ts');
    const b = join(root, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts']]);
  });
});
