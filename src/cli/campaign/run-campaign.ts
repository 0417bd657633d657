import { type JobRun, countedJobs } from './counted-jobs.ts';
import { expired, now } from './deadline.ts';
import type { Job, Shard } from './job-plan.ts';
import { type CampaignPlan, makePlan, shareByProperty, shareJobs } from './plan.ts';
import type { PropertyDefinition } from './property-definition.ts';
import type { JobFailure, JobResult } from './run-job.ts';
import { type PropertyStatus, propertyStatus } from './status.ts';
import type { Executor } from './worker-pool.ts';

export interface CampaignOptions {
  readonly seed: number;
  /** Runs per property (null: an open-ended plan, until the time budget ends). */
  readonly runs: number | null;
  readonly timeSeconds?: number | null;
  readonly shard?: Shard;
  /** Runs per job (default 25): the unit of sharding, of parallelism and of a time budget's overshoot. */
  readonly chunkRuns?: number;
  /** The planted failure the executor runs with (part of the plan's identity). */
  readonly planted?: string | null;
  readonly onProgress?: (p: PropertyTally) => void;
}

/** A property's totals: while the campaign runs, everything so far; in the CampaignRun, its counted jobs (counted-jobs.ts). */
export interface PropertyTally {
  readonly id: string;
  readonly title: string;
  /** The witnesses the property names (PropertyDefinition.witnesses). */
  readonly witnessNames: readonly string[];
  /** The shard's share of the plan for this property; null: an open-ended plan. */
  readonly planned: readonly Job[] | null;
  runs: number;
  /** Runs started, shrinking runs included (the progress display's count). */
  runsStarted: number;
  commands: number;
  millis: number;
  /** Jobs that ran to the end, counted or not. */
  jobs: number;
  /** Witness name → times reached. */
  readonly witnesses: Record<string, number>;
  readonly transitions: Map<string, number>;
  readonly states: Set<string>;
  failure: (JobFailure & { readonly jobIndex: number }) | null;
  /** Every job that ran, in job order (failed ones and those after the failure included). */
  readonly ledger: JobRun[];
}

export interface CampaignRun {
  readonly plan: CampaignPlan;
  readonly shard: Shard;
  /** The properties with a share in this shard (all of them, for an open-ended plan), in plan order. */
  readonly properties: readonly PropertyTally[];
  readonly millis: number;
}

function tally(def: PropertyDefinition, planned: readonly Job[] | null): PropertyTally {
  return {
    id: def.id, title: def.title, witnessNames: def.witnesses ?? [], planned, runs: 0, runsStarted: 0, commands: 0, millis: 0, jobs: 0,
    witnesses: Object.fromEntries((def.witnesses ?? []).map((w) => [w, 0])), transitions: new Map(), states: new Set(), failure: null, ledger: [],
  };
}

function absorb(t: PropertyTally, r: JobResult): void {
  t.runs += r.runs;
  t.commands += r.commands;
  t.millis += r.millis;
  t.jobs += 1;
  for (const w of t.witnessNames) t.witnesses[w] = (t.witnesses[w] ?? 0) + (r.witnesses[w] ?? 0);
  for (const [k, n] of Object.entries(r.transitions)) t.transitions.set(k, (t.transitions.get(k) ?? 0) + n);
  for (const s of r.states) t.states.add(s);
  // Several jobs of a property may fail at once (workers): the lowest job number wins, so the result does not depend on timing.
  if (r.failure && (!t.failure || r.job.index < t.failure.jobIndex)) t.failure = { ...r.failure, jobIndex: r.job.index };
}

function ledgerEntry(r: JobResult): JobRun {
  return { index: r.job.index, chunk: r.job.chunk, seed: r.job.seed, runs: r.runs, commands: r.commands, witnesses: r.witnesses, failed: r.failure !== undefined };
}

/** A property's final tally: its counted jobs folded in job order; the ledger keeps every job that ran. */
function settle(def: PropertyDefinition, planned: readonly Job[] | null, results: readonly JobResult[]): PropertyTally {
  const t = tally(def, planned);
  const counted = countedJobs(results.map((r) => ({ index: r.job.index, failed: r.failure !== undefined, r })));
  for (const { r } of counted) absorb(t, r);
  t.runsStarted = t.runs;
  t.jobs = results.length;
  t.millis = results.reduce((n, r) => n + r.millis, 0); // time spent, counted or not
  t.ledger.push(...results.map(ledgerEntry).sort((a, b) => a.index - b.index));
  return t;
}

/**
 * Runs the shard's share of the plan on `executor`, in job order, until it is done or the time
 * budget ends (spec/campaign.md). A failed property gets no new jobs. Under an open-ended plan
 * the order is round-robin, so every property gets a job before any gets a second one.
 */
export async function runCampaign(defs: readonly PropertyDefinition[], executor: Executor, o: CampaignOptions): Promise<CampaignRun> {
  const start = now();
  const plan = makePlan({ seed: o.seed, runsPerProperty: o.runs, chunkRuns: o.chunkRuns ?? 25, planted: o.planted ?? null, properties: defs.map((d) => d.id) });
  const shard = o.shard ?? { index: 1, count: 1 };
  const share = shareByProperty(plan, shard);
  const inShare = share === null ? defs : defs.filter((d) => share.has(d.id));
  const tallies = new Map(inShare.map((d) => [d.id, tally(d, share?.get(d.id) ?? null)]));
  const results = new Map(inShare.map((d) => [d.id, [] as JobResult[]]));
  const jobs = shareJobs(plan, shard);
  const started = new Map<number, number>(); // job index → runs started by it
  const allFailed = (): boolean => [...tallies.values()].every((t) => t.failure);
  const next = (): Job | undefined => {
    if (expired(start, o.timeSeconds ?? null) || allFailed()) return undefined;
    for (let j = jobs.next(); !j.done; j = jobs.next()) if (!tallies.get(j.value.property)!.failure) return j.value;
    return undefined;
  };
  const onProgress = (job: Job, runs: number, commands: number): void => {
    const t = tallies.get(job.property)!;
    t.runsStarted += runs - (started.get(job.index) ?? 0);
    started.set(job.index, runs);
    o.onProgress?.({ ...t, commands: t.commands + commands });
  };
  const finished = (j: Job, r: JobResult): void => {
    results.get(j.property)!.push(r);
    absorb(tallies.get(j.property)!, r);
    o.onProgress?.(tallies.get(j.property)!);
  };
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    for (let job = inFlight.size < executor.slots ? next() : undefined; job; job = inFlight.size < executor.slots ? next() : undefined) {
      const j = job;
      const p: Promise<void> = executor
        .run(j, onProgress)
        .then((r) => finished(j, r), (e: unknown) => finished(j, crashed(j, e)))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  const properties = inShare.map((d) => settle(d, share?.get(d.id) ?? null, results.get(d.id)!));
  return { plan, shard, properties, millis: now() - start };
}

/** A settled tally's status (status.ts): what its planned and ran jobs allow it to claim. */
export function tallyStatus(t: PropertyTally): PropertyStatus {
  return propertyStatus({ failed: t.failure !== null, planned: t.planned?.map((j) => j.index) ?? null, ran: t.ledger.map((j) => j.index) });
}

/** A job that could not run (a worker died, a property threw outside fast-check) counts as a failure. */
function crashed(job: Job, e: unknown): JobResult {
  const message = e instanceof Error ? e.message : String(e);
  return {
    job, runs: 0, commands: 0, witnesses: {}, transitions: {}, states: [], millis: 0,
    failure: { seed: job.seed, path: '', message: `the job could not run: ${message.split('\n')[0]}`, counterexample: message, trace: '' },
  };
}
