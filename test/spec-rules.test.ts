import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const RULE_ID = /\b(?:RAID-[A-Z]+-\d+|DEV-\d+|VOL-(?:[A-Z]+-)?\d+|LDEV-(?:INV-)?\d+|SYS-\d+|LC-[A-Z]+-\d+|VTOC-[A-Z]+-\d+|RC-[A-Z]+-\d+|MG-[A-Z]+-\d+|PL-[A-Z]+-\d+|CHK-\d+|LIM-(?:INV-)?\d+)\b/g;
const table = JSON.parse(readFileSync(join(root, 'spec/rules.json'), 'utf8')) as {
  rules: Array<{ id: string; spec: string }>;
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
});
