import { countedJobs, countedTotals, type JobRun } from './counted-jobs.ts';
import { propertyStatus } from './status.ts';
import { CAMPAIGN_FORMAT, type CampaignSummary, type MachineCoverage, type PropertySummary } from './summary.ts';
import { verdictOf } from './verdict.ts';

/**
 * The shards of one plan as one campaign (spec/campaign.md, "Merge"): each property's ledgers
 * joined and counted as the unsharded campaign counts them (counted-jobs.ts), so statuses,
 * runs, commands, witnesses and the failure reported are the unsharded campaign's. Call it on
 * shards merge-check.ts accepted.
 */
export function mergeSummaries(parts: readonly CampaignSummary[], requireCoverage: boolean): CampaignSummary {
  const plan = parts[0]!.plan;
  const properties = plan.properties.flatMap((id) => {
    const same = parts.flatMap((s) => s.properties.filter((p) => p.id === id));
    return same.length ? [mergeProperty(same)] : [];
  });
  const coverage = mergeCoverage(parts.map((p) => p.coverage));
  const traces = parts.flatMap((p) => p.traces);
  const { verdict, totals, witnessesMissed } = verdictOf(properties, traces, coverage, requireCoverage);
  return {
    format: CAMPAIGN_FORMAT,
    plan,
    seed: plan.seed,
    shard: { index: 1, count: 1 },
    runsPerProperty: plan.runsPerProperty,
    timeBudgetSeconds: parts[0]!.timeBudgetSeconds,
    workers: parts[0]!.workers,
    millis: Math.max(...parts.map((p) => p.millis)), // shards run side by side
    requireCoverage,
    verdict,
    totals,
    properties,
    witnessesMissed,
    traces,
    coverage,
  };
}

/** One property over the shards that list it. */
export function mergeProperty(same: readonly PropertySummary[]): PropertySummary {
  const first = same[0]!;
  const open = same.some((p) => p.plannedJobs === null);
  const plannedJobs = open ? null : same.flatMap((p) => p.plannedJobs ?? []).sort((a, b) => a - b);
  const ranJobs: JobRun[] = same.flatMap((p) => p.ranJobs).sort((a, b) => a.index - b.index);
  const counted = countedJobs(ranJobs);
  const names = [...new Set(same.flatMap((p) => Object.keys(p.witnesses)))];
  const { runs, commands, witnesses } = countedTotals(names, counted);
  const status = propertyStatus({ failed: counted.some((j) => j.failed), planned: plannedJobs, ran: ranJobs.map((j) => j.index) });
  // Each shard reports its own first failure; the campaign's is the lowest job's.
  const failure = same.flatMap((p) => (p.failure ? [p.failure] : [])).sort((a, b) => a.job - b.job)[0];
  const reachedStates = [...new Set(same.flatMap((p) => p.reachedStates))].sort();
  const takenTransitions = [...new Set(same.flatMap((p) => p.takenTransitions))].sort();
  return {
    id: first.id,
    title: first.title,
    status,
    failed: status === 'failed',
    plannedRuns: open ? null : same.reduce((n, p) => n + (p.plannedRuns ?? 0), 0),
    plannedJobs,
    ranJobs,
    runs,
    commands,
    witnesses,
    statesReached: reachedStates.length,
    transitionsReached: takenTransitions.length,
    reachedStates,
    takenTransitions,
    millis: same.reduce((n, p) => n + p.millis, 0),
    ...(failure ? { failure } : {}),
  };
}

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
