import { readFileSync } from 'node:fs';
import { untakenTransitions } from './campaign/coverage-merge.ts';
import type { CampaignSummary, MachineCoverage, PropertySummary } from './campaign/summary.ts';
import { coverageLines } from './campaign/summary-table.ts';

/** The shards' coverage as one: each edge taken as often as in all of them, each state reached in any. */
export function mergeCoverage(parts: readonly (readonly MachineCoverage[])[]): MachineCoverage[] {
  return parts[0]!.map((m) => {
    const same = parts.map((p) => p.find((x) => x.machine === m.machine)!);
    return {
      ...m,
      statesReached: m.states.filter((s) => same.some((x) => x.statesReached.includes(s))),
      edges: m.edges.map((e) => ({ ...e, taken: same.reduce((n, x) => n + (x.edges.find((y) => y.key === e.key)?.taken ?? 0), 0) })),
    };
  });
}

/** Each property's totals over the shards (a failure in any shard is a failure). */
export function mergeProperties(parts: readonly (readonly PropertySummary[])[]): PropertySummary[] {
  const byId = new Map<string, PropertySummary>();
  for (const p of parts.flat()) {
    const seen = byId.get(p.id);
    byId.set(p.id, seen ? { ...seen, runs: seen.runs + p.runs, commands: seen.commands + p.commands, failed: seen.failed || p.failed, failure: seen.failure ?? p.failure } : p);
  }
  return [...byId.values()];
}

/**
 * `merge FILE…`: the campaign.json files of the shards of one campaign (a CI matrix) as one
 * verdict: properties failed in any shard, machine coverage over all of them; with
 * `requireCoverage`, a transition no shard took fails it. Exit 0 ok, 1 failed, 2 bad input.
 */
export function mergeCommand(files: readonly string[], o: { requireCoverage: boolean }): number {
  let parts: CampaignSummary[];
  try {
    parts = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CampaignSummary);
  } catch (e) {
    process.stdout.write(`cannot read the campaign summaries: ${(e as Error).message}\n`);
    return 2;
  }
  const seeds = new Set(parts.map((p) => p.seed));
  if (seeds.size > 1) process.stdout.write(`warning: the summaries come from different seeds (${[...seeds].join(', ')}), not shards of one campaign\n`);
  const properties = mergeProperties(parts.map((p) => p.properties));
  const coverage = mergeCoverage(parts.map((p) => p.coverage));
  const failed = properties.filter((p) => p.failed);
  const untaken = untakenTransitions(coverage);
  process.stdout.write(`${files.length} shards: ${properties.length - failed.length}/${properties.length} properties ok, ${properties.reduce((n, p) => n + p.runs, 0)} runs\n`);
  for (const p of failed) process.stdout.write(`  FAIL ${p.id}: ${p.failure?.message ?? ''}\n`);
  process.stdout.write(`Machine coverage (all shards)\n${coverageLines(coverage).join('\n')}\n`);
  for (const t of untaken) process.stdout.write(`  transition never taken: ${t}\n`);
  return failed.length > 0 || (o.requireCoverage && untaken.length > 0) ? 1 : 0;
}
