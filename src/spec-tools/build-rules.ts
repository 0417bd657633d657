/**
 * Regenerates spec/rules.json, the spec index (spec/README.md, "From a seed figure and step
 * to rule, transition, function and property"): every rule of the spec files with its full
 * text, its seed citation and the figures and steps it names (ranges expanded), the code that
 * cites it (`implementedBy`, `file#function` in src/ and machines/) and the properties and
 * tests that do (`provedBy`). Run with `npm run spec:rules` after editing a spec or moving
 * code; test/spec-rules.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { citingFiles, citingPlaces } from './citations.ts';
import { ruleTexts } from './rule-lines.ts';
import { seedRefs } from './seed-refs.ts';

export const SPEC_FILES = ['spec/raid.md', 'spec/volumes.md', 'spec/local-copy.md', 'spec/vtoc.md', 'spec/remote-copy.md', 'spec/migration.md', 'spec/placement.md', 'spec/consistency-groups.md', 'spec/terminals.md', 'spec/backup.md', 'spec/tape.md', 'spec/checking.md', 'spec/limits.md'];

export interface RuleRow {
  readonly id: string;
  readonly spec: string;
  readonly seed: string;
  readonly summary: string;
  readonly figures: readonly number[];
  readonly steps: readonly number[];
  readonly implementedBy: readonly string[];
  readonly provedBy: readonly string[];
}

export function rulesOf(root: string): RuleRow[] {
  const implemented = citingPlaces(root, ['src', 'machines']);
  const proved = citingFiles(root, ['properties', 'test'], ['src', 'machines']);
  return SPEC_FILES.flatMap((spec) => ruleTexts(root, spec)).map((r) => {
    const { figures, steps } = seedRefs(r.seed);
    return { ...r, figures, steps, implementedBy: implemented.get(r.id) ?? [], provedBy: proved.get(r.id) ?? [] };
  });
}

/** spec/rules.json's text as it should be now. */
export function rulesJson(root: string): string {
  return `${JSON.stringify({ rules: rulesOf(root) }, null, 1)}\n`;
}

if (process.argv[1]?.endsWith('build-rules.ts')) {
  const root = join(import.meta.dirname, '..', '..');
  writeFileSync(join(root, 'spec/rules.json'), rulesJson(root));
}
