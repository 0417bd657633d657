import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, planProblems, type ShardFile, shareProblems } from './campaign/merge-check.ts';
import { mergeSummaries } from './campaign/merge-summaries.ts';
import { verdictExitCode } from './campaign/status.ts';
import { coverageLines, summaryTable } from './campaign/summary-table.ts';
import type { CampaignSummary } from './campaign/summary.ts';
import { verdictLine } from './campaign/verdict-line.ts';
import { verdictOf } from './campaign/verdict.ts';

export { mergeCoverage, mergeProperty, mergeSummaries } from './campaign/merge-summaries.ts';

export interface MergeOptions {
  readonly requireCoverage: boolean;
  readonly allowPartial?: boolean;
  /** Folder for the merged campaign.json (the unsharded campaign's, shard 1/1); null or absent writes none. */
  readonly out?: string | null;
  readonly write?: (text: string) => void;
}

/**
 * `merge FILE…`: the campaign.json files of the shards of one plan (a CI matrix) as the one
 * verdict the unsharded campaign would give (spec/campaign.md, "Merge"). It refuses (exit 2),
 * naming the files, shards or jobs, unless every file is of one plan and their shares are
 * disjoint and together the whole plan. Exit 0 ok, 1 failed, 2 refused, 3 incomplete.
 */
export function mergeCommand(files: readonly string[], o: MergeOptions): number {
  const write = o.write ?? ((t: string) => void process.stdout.write(t));
  let parts: ShardFile[];
  try {
    parts = files.map((file) => ({ file, summary: JSON.parse(readFileSync(file, 'utf8')) as CampaignSummary }));
  } catch (e) {
    write(`cannot read the campaign summaries: ${(e as Error).message}\n`);
    return 2;
  }
  const problems = [formatProblems, planProblems, shareProblems].reduce<string[]>((found, check) => (found.length ? found : check(parts)), []);
  if (problems.length) {
    write(`merge refused: the files are not the shards of one plan\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return 2;
  }
  const merged = mergeSummaries(parts.map((p) => p.summary), o.requireCoverage);
  write(`${files.length} shards of plan ${merged.plan.hash.slice(0, 12)} (seed ${merged.seed}, ${merged.plan.properties.length} properties)\n`);
  write(`\n${summaryTable(merged, merged.plan.planted ?? undefined)}\n`);
  write(`\nMachine coverage (all shards)\n${coverageLines(merged.coverage).join('\n')}\n`);
  const v = verdictOf(merged.properties, merged.traces, merged.coverage, o.requireCoverage);
  for (const t of v.untaken) write(`  transition never taken: ${t}\n`);
  for (const w of v.witnessesMissed) write(`  witness never reached: ${w}\n`);
  if (o.out) {
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, 'campaign.json'), `${JSON.stringify(merged, null, 2)}\n`);
    write(`\nwrote ${join(o.out, 'campaign.json')}\n`);
  }
  const code = verdictExitCode(v.verdict, o.allowPartial === true);
  write(`\n${verdictLine(v, code)}\n`);
  return code;
}
