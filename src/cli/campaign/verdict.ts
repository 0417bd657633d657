import { untakenTransitions } from './coverage-merge.ts';
import { campaignVerdict, type Verdict } from './status.ts';
import type { CampaignTotals, MachineCoverage, PropertySummary } from './summary.ts';

/**
 * The verdict and totals of a campaign or of merged shards, from the same inputs both ways
 * (spec/campaign.md): so `merge` says exactly what the unsharded campaign says.
 */

/** Named witnesses of properties that ran, reached 0 times, as `PROPERTY: name`. */
export function missedWitnesses(properties: readonly PropertySummary[]): string[] {
  return properties.filter((p) => p.runs > 0).flatMap((p) => Object.entries(p.witnesses).filter(([, n]) => n === 0).map(([w]) => `${p.id}: ${w}`));
}

export function totalsOf(properties: readonly PropertySummary[]): CampaignTotals {
  const count = (s: PropertySummary['status']): number => properties.filter((p) => p.status === s).length;
  const open = properties.some((p) => p.plannedJobs === null);
  return {
    properties: properties.length,
    ok: count('ok'),
    failed: count('failed'),
    partial: count('partial'),
    notRun: count('notRun'),
    plannedJobs: open ? null : properties.reduce((n, p) => n + (p.plannedJobs?.length ?? 0), 0),
    plannedRuns: open ? null : properties.reduce((n, p) => n + (p.plannedRuns ?? 0), 0),
    jobsRan: properties.reduce((n, p) => n + p.ranJobs.length, 0),
    runs: properties.reduce((n, p) => n + p.runs, 0),
    commands: properties.reduce((n, p) => n + p.commands, 0),
  };
}

export interface VerdictParts {
  readonly verdict: Verdict;
  readonly totals: CampaignTotals;
  readonly witnessesMissed: string[];
  /** Transitions never taken, and whether that (or a missed witness) fails the campaign. */
  readonly untaken: string[];
  readonly coverageFails: boolean;
  readonly badTraces: number;
}

export function verdictOf(
  properties: readonly PropertySummary[],
  traces: ReadonlyArray<{ readonly exitCode: number }>,
  coverage: readonly MachineCoverage[],
  requireCoverage: boolean,
): VerdictParts {
  const witnessesMissed = missedWitnesses(properties);
  const untaken = untakenTransitions(coverage);
  const coverageFails = requireCoverage && (untaken.length > 0 || witnessesMissed.length > 0);
  const badTraces = traces.filter((t) => t.exitCode !== 0).length;
  const verdict = campaignVerdict({ statuses: properties.map((p) => p.status), otherFailures: badTraces + (coverageFails ? 1 : 0) });
  return { verdict, totals: totalsOf(properties), witnessesMissed, untaken, coverageFails, badTraces };
}
