import { machineCoverage, mergeCounts } from './coverage-merge.ts';
import type { Shard } from './job-plan.ts';
import type { CampaignRun } from './run-campaign.ts';
import type { CampaignSummary } from './summary.ts';
import type { TraceReplays } from './trace-replays.ts';

export interface SummaryContext {
  readonly seed: number;
  readonly shard: Shard;
  readonly runs: number | null;
  readonly timeSeconds: number | null;
  readonly workers: number;
  readonly saved: ReadonlyMap<string, string>;
}

/** The campaign's results as out/campaign.json holds them (src/cli/campaign/summary.ts). */
export function buildSummary(run: CampaignRun, replays: TraceReplays, c: SummaryContext): CampaignSummary {
  const transitions = new Map(replays.transitions);
  const states = new Set(replays.states);
  for (const t of run.properties) {
    mergeCounts(transitions, t.transitions);
    for (const s of t.states) states.add(s);
  }
  return {
    seed: c.seed,
    shard: c.shard,
    runsPerProperty: c.runs,
    timeBudgetSeconds: c.timeSeconds,
    workers: c.workers,
    millis: Math.round(run.millis),
    properties: run.properties.map((t) => ({
      id: t.id,
      title: t.title,
      runs: t.runs,
      commands: t.commands,
      statesReached: t.states.size,
      transitionsReached: t.transitions.size,
      failed: t.failure !== null,
      millis: Math.round(t.millis),
      ...(t.failure
        ? { failure: { seed: t.failure.seed, path: t.failure.path, message: t.failure.message, counterexample: t.failure.counterexample, regression: c.saved.get(t.id) ?? null } }
        : {}),
    })),
    traces: replays.traces.map(({ file, steps, exitCode }) => ({ file, steps, exitCode })),
    coverage: machineCoverage(transitions, states),
  };
}
