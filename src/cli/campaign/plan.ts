import { createHash } from 'node:crypto';
import { type Job, planJobs, type Shard, WHOLE } from './job-plan.ts';

/**
 * A campaign's plan (spec/campaign.md): every job it may run, fixed by the campaign seed,
 * runs per property, runs per job, the planted failure and the selected property list (what
 * `--only` kept, in properties/index.ts order). It does not depend on `--shard` or `--time`:
 * a shard runs its share of the plan, a time budget decides how much of it runs. The hash
 * names the plan, so `merge` can tell shards of one campaign from shards of two.
 */
export interface CampaignPlan {
  /** sha256 (hex) of the canonical JSON of the other fields. */
  readonly hash: string;
  readonly seed: number;
  /** null: an open-ended plan (`--time` without `--runs`): jobs without end, a time budget stops them. */
  readonly runsPerProperty: number | null;
  readonly chunkRuns: number;
  readonly planted: string | null;
  readonly properties: readonly string[];
  /** Jobs and runs of the whole plan; null when open-ended. */
  readonly jobs: number | null;
  readonly runs: number | null;
}

export type PlanInput = Omit<CampaignPlan, 'hash' | 'jobs' | 'runs'>;

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function planHash(p: PlanInput): string {
  const identity = { plan: 1, seed: p.seed, runsPerProperty: p.runsPerProperty, chunkRuns: p.chunkRuns, planted: p.planted, properties: p.properties };
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}

export function makePlan(p: PlanInput): CampaignPlan {
  const chunks = p.runsPerProperty === null ? null : Math.ceil(p.runsPerProperty / p.chunkRuns);
  return {
    hash: planHash(p),
    ...p,
    jobs: chunks === null ? null : chunks * p.properties.length,
    runs: p.runsPerProperty === null ? null : p.runsPerProperty * p.properties.length,
  };
}

/** The plan's jobs in shard `shard`'s share, in the order they start (round r holds chunk r of every property). */
export function shareJobs(plan: CampaignPlan, shard: Shard = WHOLE): Generator<Job> {
  return planJobs(plan.properties, { seed: plan.seed, runs: plan.runsPerProperty, chunkRuns: plan.chunkRuns, shard });
}

/** A closed plan's share per property (only properties with a job in it); null when the plan is open-ended. */
export function shareByProperty(plan: CampaignPlan, shard: Shard = WHOLE): Map<string, Job[]> | null {
  if (plan.runsPerProperty === null) return null;
  const share = new Map<string, Job[]>();
  for (const j of shareJobs(plan, shard)) share.set(j.property, [...(share.get(j.property) ?? []), j]);
  return share;
}
