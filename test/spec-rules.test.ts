import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesJson } from '../src/spec-tools/build-rules.ts';
import { enclosingName } from '../src/spec-tools/enclosing-name.ts';

const root = join(import.meta.dirname, '..');
const RULE_ID = /\b(?:RAID-[A-Z]+-\d+|DEV-\d+|VOL-(?:[A-Z]+-)?\d+|LDEV-(?:INV-)?\d+|SYS-\d+|LC-[A-Z]+-\d+|VTOC-[A-Z]+-\d+|RC-[A-Z]+-\d+|MG-[A-Z]+-\d+|PL-[A-Z]+-\d+|CG-[A-Z]+-\d+|TERM-[A-Z]+-\d+|BK-[A-Z]+-\d+|TAPE-[A-Z]+-\d+|CHK-\d+|LIM-(?:INV-)?\d+)\b/g;
const table = JSON.parse(readFileSync(join(root, 'spec/rules.json'), 'utf8')) as {
  rules: Array<{ id: string; spec: string; summary: string; steps: number[]; figures: number[]; implementedBy: string[]; provedBy: string[] }>;
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function citedIn(dirs: string[]): Set<string> {
  const ids = new Set<string>();
  for (const d of dirs) for (const f of files(join(root, d))) for (const m of readFileSync(f, 'utf8').matchAll(RULE_ID)) ids.add(m[0]);
  return ids;
}

describe('spec: rule tables agree with the spec text and the code', () => {
  it('every rule in spec/rules.json is defined in its spec file, and every defined rule is in the table', () => {
    const defined = new Set<string>();
    for (const spec of new Set(table.rules.map((r) => r.spec))) {
      for (const m of readFileSync(join(root, spec), 'utf8').matchAll(/^- \*\*([A-Z][A-Z-]*-\d+)\*\*/gm)) defined.add(m[1]!);
    }
    expect([...defined].sort()).toEqual(table.rules.map((r) => r.id).sort());
  });

  it('every rule ID the code cites exists in the spec', () => {
    const known = new Set(table.rules.map((r) => r.id));
    const unknown = [...citedIn(['src', 'machines', 'properties', 'test'])].filter((id) => !known.has(id));
    expect(unknown).toEqual([]);
  });

  it('every rule is cited by the code or a test that carries it out', () => {
    const cited = citedIn(['src', 'machines', 'properties', 'test']);
    const uncited = table.rules.map((r) => r.id).filter((id) => !cited.has(id));
    expect(uncited).toEqual([]);
  });

  it('spec/rules.json is what the spec and the code say now (else: npm run spec:rules)', () => {
    const now = rulesJson(root);
    expect(readFileSync(join(root, 'spec/rules.json'), 'utf8') === now, 'spec/rules.json is stale: run npm run spec:rules').toBe(true);
  });

  it('a seed step inside a cited range finds its rule, with the rule\'s whole text, its code and its properties', () => {
    const at1909 = table.rules.filter((r) => r.steps.includes(1909)); // LC-W-2 cites "Fig. 19 steps 1908–1912, 1906"
    expect(at1909.map((r) => r.id)).toEqual(['LC-W-2']);
    const rule = at1909[0]!;
    expect(rule.figures).toEqual([19]);
    expect(rule.summary).toContain('copy-before-write'); // past the rule's first line
    expect(rule.implementedBy).toContain('src/local-copy/write-routing.ts#routeFig19');
    expect(rule.provedBy).toContain('properties/lc/lc-inv-point-in-time.ts');
  });

  it('every implementedBy and provedBy entry names a file that exists, and most rules have both', () => {
    const missing = table.rules.flatMap((r) => [...r.implementedBy, ...r.provedBy].map((p) => p.split('#')[0]!)).filter((f) => !existsSync(join(root, f)));
    expect(missing).toEqual([]);
    expect(table.rules.flatMap((r) => r.implementedBy).filter((p) => p.includes('.test.ts'))).toEqual([]); // a test proves
    expect(table.rules.filter((r) => r.implementedBy.length > 0).length).toBeGreaterThan(table.rules.length * 0.9);
  });

  // RULE-n: rule-shaped words that cite no rule, so this file proves none of them
  it('a citing line belongs to the declaration its doc comment stands above, else to the one around it', () => {
    const lines = ['/**', ' * RULE-2: copy first.', ' */', 'function routeFig19(pair) {', '  if (x) {', '    y(); // RULE-3', '  }', '}'];
    expect(enclosingName(lines, 1)).toBe('routeFig19');
    expect(enclosingName(lines, 5)).toBe('routeFig19');
    expect(enclosingName(['// RULE-1 at the top'], 0)).toBeNull();
    // a local constant or a call that opens a callback or an object is no scope of its own
    expect(enclosingName(['export function stripeLayout(level) {', '  // RULE-4: dedicated parity', '  const n = 1;', '}'], 1)).toBe('stripeLayout');
    expect(enclosingName(['  create(req): Pair {', '    const name = id(req); // RULE-5', '  }'], 1)).toBe('create');
    expect(enclosingName(['function check() {', '  const found = [];', '  if (x) {', "    found.push({ invariant: 'RULE-6' });", '  }', '}'], 3)).toBe('check');
    expect(enclosingName(["describe('x', () => {", "  it('RULE-7: inside', () => {", '    expect(y).toEqual({', '      a: 1, // RULE-7', '    });'], 3)).toBeNull();
  });
});
