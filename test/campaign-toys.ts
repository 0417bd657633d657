/**
 * Toy property definitions and helpers for the campaign tests: fast fast-check properties
 * that the campaign runs in this thread, so plans, shards, budgets, merges and witnesses are
 * tested in milliseconds.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { campaignCommand, type CampaignCommandOptions } from '../src/cli/campaign-command.ts';
import type { PropertyDefinition } from '../src/cli/campaign/property-definition.ts';
import type { CampaignSummary } from '../src/cli/campaign/summary.ts';

/** A property that holds, named `id`. */
export function holds(id: string): PropertyDefinition {
  return { id, title: `${id} holds`, property: () => fc.property(fc.nat(), (n) => n >= 0) };
}

/** A property whose every job takes about `millis` of busy work per run (a budget runs out on it). */
export function slow(id: string, millis: number): PropertyDefinition {
  const spin = (): void => {
    const end = performance.now() + millis;
    while (performance.now() < end);
  };
  return { id, title: `${id} is slow`, property: () => fc.property(fc.nat(), () => spin()) };
}

/** Fails on a rare value: some jobs fail, others pass (which ones is fixed by their seeds). */
export function rarelyFails(id: string): PropertyDefinition {
  return { id, title: `${id} fails at 990 and above`, property: () => fc.property(fc.nat(1000), (n) => n < 990) };
}

/** Names three witnesses and reaches two: `even` most runs, `big` some, `negative` never. */
export function witnessed(id: string): PropertyDefinition {
  const run = (reached: Record<string, number> | null) =>
    fc.property(fc.nat(1000), (n) => {
      if (!reached) return;
      reached.commands = (reached.commands ?? 0) + 1;
      if (n % 2 === 0) reached.even = (reached.even ?? 0) + 1;
      if (n > 500) reached.big = (reached.big ?? 0) + 1;
    });
  return { id, title: `${id} reaches two of its witnesses`, witnesses: ['even', 'big', 'negative'], property: () => run(null), instrumented: (reached) => run(reached) };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function options(o: Partial<CampaignCommandOptions>): CampaignCommandOptions {
  return {
    seed: 20261125, runs: 25, time: null, only: null, shard: { index: 1, count: 1 }, workers: 0, chunkRuns: 25,
    out: null, regressions: tempDir('regressions-'), traces: [], requireCoverage: false, write: () => {}, ...o,
  };
}

/** Runs a campaign into a fresh folder: its exit code, what it printed and its campaign.json. */
export async function campaignTo(o: Partial<CampaignCommandOptions>): Promise<{ code: number; printed: string; file: string; summary: CampaignSummary }> {
  const out = tempDir('campaign-');
  const printed: string[] = [];
  const code = await campaignCommand(options({ out, report: false, write: (t) => void printed.push(t), ...o }));
  const file = join(out, 'campaign.json');
  return { code, printed: printed.join(''), file, summary: JSON.parse(readFileSync(file, 'utf8')) as CampaignSummary };
}

/**
 * What a campaign claims, which a merge of its shards must claim too: verdict, statuses, counted
 * totals, witnesses and failures. (Jobs that ran uncounted after a failure may differ.)
 */
export function claims(s: CampaignSummary): unknown {
  const { jobsRan: _ran, ...totals } = s.totals;
  return {
    verdict: s.verdict,
    totals,
    witnessesMissed: s.witnessesMissed,
    properties: s.properties.map((p) => ({
      id: p.id, status: p.status, runs: p.runs, commands: p.commands, plannedRuns: p.plannedRuns, plannedJobs: p.plannedJobs,
      witnesses: p.witnesses, failure: p.failure && { job: p.failure.job, seed: p.failure.seed, path: p.failure.path, message: p.failure.message },
    })),
  };
}
