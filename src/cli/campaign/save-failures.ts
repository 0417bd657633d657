import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PropertyTally } from './run-campaign.ts';

/** properties/regressions/campaign-<property>-<seed>.jsonl: one name per counterexample, stable across runs. */
export function regressionFileName(property: string, seed: number): string {
  const slug = property.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `campaign-${slug}-${(seed >>> 0).toString(16).padStart(8, '0')}.jsonl`;
}

/** Writes each failed property's counterexample trace into `dir`; returns property id → file written. */
export function saveFailures(tallies: readonly PropertyTally[], dir: string): Map<string, string> {
  const saved = new Map<string, string>();
  for (const t of tallies) {
    if (!t.failure?.trace) continue;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, regressionFileName(t.id, t.failure.seed));
    writeFileSync(file, t.failure.trace);
    saved.set(t.id, file);
  }
  return saved;
}
