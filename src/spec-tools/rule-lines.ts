import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A rule as its spec file states it: `- **ID** (seed citation): text`, continuation lines included. */
export interface RuleText {
  readonly id: string;
  readonly spec: string;
  readonly seed: string;
  /** The whole rule, its lines joined with single spaces (markdown kept). */
  readonly summary: string;
}

const RULE_LINE = /^- \*\*([A-Z][A-Z-]*-\d+)\*\*\s*(?:\(([^)]*)\))?:?\s*(.*)$/;
/** A continuation line of a list item: indented, not blank. */
const CONTINUATION = /^\s{2,}\S/;

/** Every rule of one spec file, in the order written. */
export function ruleTexts(root: string, spec: string): RuleText[] {
  const lines = readFileSync(join(root, spec), 'utf8').split('\n');
  const rules: RuleText[] = [];
  lines.forEach((line, i) => {
    const m = RULE_LINE.exec(line);
    if (!m) return;
    const parts = [m[3]!.trim()];
    for (let j = i + 1; j < lines.length && CONTINUATION.test(lines[j]!); j++) parts.push(lines[j]!.trim());
    rules.push({ id: m[1]!, spec, seed: m[2] ?? '', summary: parts.filter((p) => p !== '').join(' ') });
  });
  return rules;
}
