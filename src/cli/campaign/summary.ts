/**
 * What a campaign wrote (out/campaign.json, schema in spec/campaign.md): the plan it ran a
 * share of, each property's status, totals and job ledger, failures with replay tokens,
 * machine coverage; read by `merge`, the HTML report (src/report/) and CI.
 */
import type { JobRun } from './counted-jobs.ts';
import type { CampaignPlan } from './plan.ts';
import type { PropertyStatus, Verdict } from './status.ts';

/** The format of campaign.json: `merge` refuses any other. */
export const CAMPAIGN_FORMAT = 'campaign-v2';

export interface MachineCoverage {
  /** Machine id (machines/registry.ts MACHINES). */
  readonly machine: string;
  readonly states: readonly string[];
  readonly statesReached: readonly string[];
  /** Every edge key of the machine's graph (`source|EVENT|target[guard]`) with how often it was taken. */
  readonly edges: ReadonlyArray<{ readonly key: string; readonly source: string; readonly event: string; readonly target: string; readonly guard: string | null; readonly rule: string; readonly seed: string; readonly taken: number }>;
}

export interface PropertySummary {
  readonly id: string;
  readonly title: string;
  readonly status: PropertyStatus;
  /** status === 'failed' (kept for readers of the first format). */
  readonly failed: boolean;
  /** Runs and job indexes of this shard's share of the plan; null under an open-ended plan. */
  readonly plannedRuns: number | null;
  readonly plannedJobs: readonly number[] | null;
  /** Every job that ran, in job order; the counted ones are those up to the first failed (counted-jobs.ts). */
  readonly ranJobs: readonly JobRun[];
  /** Sums over the counted jobs. */
  readonly runs: number;
  readonly commands: number;
  /** Each witness the property names → times reached (empty: it names none). */
  readonly witnesses: Readonly<Record<string, number>>;
  /** How many `machine:state` and `machine:edgeKey` this property's counted runs reached, and which. */
  readonly statesReached: number;
  readonly transitionsReached: number;
  readonly reachedStates: readonly string[];
  readonly takenTransitions: readonly string[];
  readonly millis: number;
  /** Present when failed: replay token, the job that failed, where the counterexample trace was saved. */
  readonly failure?: {
    readonly job: number;
    readonly seed: number;
    readonly path: string;
    readonly message: string;
    readonly counterexample: string;
    readonly regression: string | null;
  };
}

export interface CampaignTotals {
  readonly properties: number;
  readonly ok: number;
  readonly failed: number;
  readonly partial: number;
  readonly notRun: number;
  /** Jobs and runs planned for the properties listed; null under an open-ended plan. */
  readonly plannedJobs: number | null;
  readonly plannedRuns: number | null;
  /** Jobs that ran (counted or not); runs and commands counted. */
  readonly jobsRan: number;
  readonly runs: number;
  readonly commands: number;
}

export interface CampaignSummary {
  readonly format: typeof CAMPAIGN_FORMAT;
  readonly plan: CampaignPlan;
  readonly seed: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly runsPerProperty: number | null;
  readonly timeBudgetSeconds: number | null;
  readonly workers: number;
  readonly millis: number;
  readonly requireCoverage: boolean;
  readonly verdict: Verdict;
  readonly totals: CampaignTotals;
  /** The properties with a share in this shard, in plan order. */
  readonly properties: readonly PropertySummary[];
  /** Named witnesses of properties that ran, never reached, as `PROPERTY: name`. */
  readonly witnessesMissed: readonly string[];
  /** Example and regression traces replayed by the campaign (their coverage counts too). */
  readonly traces: ReadonlyArray<{ readonly file: string; readonly steps: number; readonly exitCode: number }>;
  readonly coverage: readonly MachineCoverage[];
}
