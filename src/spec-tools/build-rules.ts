/**
 * Regenerates spec/rules.json from the rule lines of the spec files (`- **ID** (seed): text`).
 * Run with `npm run spec:rules` after editing a spec; test/spec-rules.test.ts checks they agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_FILES = ['spec/raid.md', 'spec/volumes.md', 'spec/local-copy.md', 'spec/vtoc.md', 'spec/remote-copy.md', 'spec/migration.md', 'spec/placement.md', 'spec/checking.md', 'spec/limits.md'];
const RULE_LINE = /^- \*\*([A-Z][A-Z-]*-\d+)\*\*\s*(?:\(([^)]*)\))?:?\s*(.*)$/;

export interface RuleRow {
  readonly id: string;
  readonly spec: string;
  readonly seed: string;
  readonly summary: string;
}

export function rulesOf(root: string): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const spec of SPEC_FILES) {
    for (const line of readFileSync(join(root, spec), 'utf8').split('\n')) {
      const m = RULE_LINE.exec(line);
      if (m) rows.push({ id: m[1]!, spec, seed: m[2] ?? '', summary: m[3]!.slice(0, 100) });
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('build-rules.ts')) {
  const root = join(import.meta.dirname, '..', '..');
  writeFileSync(join(root, 'spec/rules.json'), `${JSON.stringify({ rules: rulesOf(root) }, null, 1)}\n`);
}
