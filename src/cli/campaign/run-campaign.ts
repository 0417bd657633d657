import { expired, now } from './deadline.ts';
import { type Job, planJobs, type Shard, WHOLE } from './job-plan.ts';
import type { PropertyDefinition } from './property-definition.ts';
import type { JobFailure, JobResult } from './run-job.ts';
import type { Executor } from './worker-pool.ts';

export interface CampaignOptions {
  readonly seed: number;
  /** Runs per property (null: until the time budget ends). */
  readonly runs: number | null;
  readonly timeSeconds?: number | null;
  readonly shard?: Shard;
  /** Runs per job (default 25): the unit of sharding, of parallelism and of a time budget's overshoot. */
  readonly chunkRuns?: number;
  readonly onProgress?: (p: PropertyTally) => void;
}

/** A property's totals so far. */
export interface PropertyTally {
  readonly id: string;
  readonly title: string;
  runs: number;
  /** Runs started, shrinking runs included (the progress display's count). */
  runsStarted: number;
  commands: number;
  millis: number;
  jobs: number;
  readonly transitions: Map<string, number>;
  readonly states: Set<string>;
  failure: (JobFailure & { readonly jobIndex: number }) | null;
}

export interface CampaignRun {
  readonly properties: readonly PropertyTally[];
  readonly millis: number;
}

function tally(def: PropertyDefinition): PropertyTally {
  return { id: def.id, title: def.title, runs: 0, runsStarted: 0, commands: 0, millis: 0, jobs: 0, transitions: new Map(), states: new Set(), failure: null };
}

function absorb(t: PropertyTally, r: JobResult): void {
  t.runs += r.runs;
  t.commands += r.commands;
  t.millis += r.millis;
  t.jobs += 1;
  for (const [k, n] of Object.entries(r.transitions)) t.transitions.set(k, (t.transitions.get(k) ?? 0) + n);
  for (const s of r.states) t.states.add(s);
  // Several jobs of a property may fail at once (workers): the lowest job number wins, so the result does not depend on timing.
  if (r.failure && (!t.failure || r.job.index < t.failure.jobIndex)) t.failure = { ...r.failure, jobIndex: r.job.index };
}

/** Runs the shard's jobs on `executor` until they are done or the time budget ends. A failed property gets no new jobs. */
export async function runCampaign(defs: readonly PropertyDefinition[], executor: Executor, o: CampaignOptions): Promise<CampaignRun> {
  const start = now();
  const tallies = new Map(defs.map((d) => [d.id, tally(d)]));
  const jobs = planJobs(defs.map((d) => d.id), { seed: o.seed, runs: o.runs, chunkRuns: o.chunkRuns ?? 25, shard: o.shard ?? WHOLE });
  const started = new Map<number, number>(); // job index → runs started by it
  const failed = (): boolean => [...tallies.values()].every((t) => t.failure);
  const next = (): Job | undefined => {
    if (expired(start, o.timeSeconds ?? null) || failed()) return undefined;
    for (let j = jobs.next(); !j.done; j = jobs.next()) if (!tallies.get(j.value.property)!.failure) return j.value;
    return undefined;
  };
  const onProgress = (job: Job, runs: number, commands: number): void => {
    const t = tallies.get(job.property)!;
    t.runsStarted += runs - (started.get(job.index) ?? 0);
    started.set(job.index, runs);
    o.onProgress?.({ ...t, commands: t.commands + commands });
  };
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    for (let job = inFlight.size < executor.slots ? next() : undefined; job; job = inFlight.size < executor.slots ? next() : undefined) {
      const j = job;
      const p: Promise<void> = executor
        .run(j, onProgress)
        .then(
          (r) => absorb(tallies.get(j.property)!, r),
          (e: unknown) => absorb(tallies.get(j.property)!, crashed(j, e)),
        )
        .then(() => o.onProgress?.(tallies.get(j.property)!))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  return { properties: [...tallies.values()], millis: now() - start };
}

/** A job that could not run (a worker died, a property threw outside fast-check) counts as a failure. */
function crashed(job: Job, e: unknown): JobResult {
  const message = e instanceof Error ? e.message : String(e);
  return {
    job, runs: 0, commands: 0, transitions: {}, states: [], millis: 0,
    failure: { seed: job.seed, path: '', message: `the job could not run: ${message.split('\n')[0]}`, counterexample: message, trace: '' },
  };
}
