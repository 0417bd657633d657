import { machineCoverage, mergeCounts } from './coverage-merge.ts';
import { type CampaignRun, type PropertyTally, tallyStatus } from './run-campaign.ts';
import { CAMPAIGN_FORMAT, type CampaignSummary, type PropertySummary } from './summary.ts';
import type { TraceReplays } from './trace-replays.ts';
import { verdictOf } from './verdict.ts';

export interface SummaryContext {
  readonly timeSeconds: number | null;
  readonly workers: number;
  readonly requireCoverage: boolean;
  readonly saved: ReadonlyMap<string, string>;
}

/** The campaign's results as out/campaign.json holds them (src/cli/campaign/summary.ts, spec/campaign.md). */
export function buildSummary(run: CampaignRun, replays: TraceReplays, c: SummaryContext): CampaignSummary {
  const transitions = new Map(replays.transitions);
  const states = new Set(replays.states);
  for (const t of run.properties) {
    mergeCounts(transitions, t.transitions);
    for (const s of t.states) states.add(s);
  }
  const properties = run.properties.map((t) => propertySummary(t, c.saved));
  const traces = replays.traces.map(({ file, steps, exitCode }) => ({ file, steps, exitCode }));
  const coverage = machineCoverage(transitions, states);
  const { verdict, totals, witnessesMissed } = verdictOf(properties, traces, coverage, c.requireCoverage);
  return {
    format: CAMPAIGN_FORMAT,
    plan: run.plan,
    seed: run.plan.seed,
    shard: run.shard,
    runsPerProperty: run.plan.runsPerProperty,
    timeBudgetSeconds: c.timeSeconds,
    workers: c.workers,
    millis: Math.round(run.millis),
    requireCoverage: c.requireCoverage,
    verdict,
    totals,
    properties,
    witnessesMissed,
    traces,
    coverage,
  };
}

function propertySummary(t: PropertyTally, saved: ReadonlyMap<string, string>): PropertySummary {
  const status = tallyStatus(t);
  return {
    id: t.id,
    title: t.title,
    status,
    failed: status === 'failed',
    plannedRuns: t.planned?.reduce((n, j) => n + j.runs, 0) ?? null,
    plannedJobs: t.planned?.map((j) => j.index) ?? null,
    ranJobs: t.ledger,
    runs: t.runs,
    commands: t.commands,
    witnesses: t.witnesses,
    statesReached: t.states.size,
    transitionsReached: t.transitions.size,
    reachedStates: [...t.states].sort(),
    takenTransitions: [...t.transitions.keys()].sort(),
    millis: Math.round(t.millis),
    ...(t.failure
      ? { failure: { job: t.failure.jobIndex, seed: t.failure.seed, path: t.failure.path, message: t.failure.message, counterexample: t.failure.counterexample, regression: saved.get(t.id) ?? null } }
      : {}),
  };
}
