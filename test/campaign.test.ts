import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './capture-stdout.ts';
import { campaignCommand, type CampaignCommandOptions } from '../src/cli/campaign-command.ts';
import { planJobs } from '../src/cli/campaign/job-plan.ts';
import { runCampaign } from '../src/cli/campaign/run-campaign.ts';
import type { JobResult } from '../src/cli/campaign/run-job.ts';
import { type Executor, inProcessExecutor, workerExecutor } from '../src/cli/campaign/worker-pool.ts';
import { mergeCommand } from '../src/cli/merge-command.ts';
import { campaignTo, claims, holds, tempDir } from './campaign-toys.ts';
import { replayCommand } from '../src/cli/replay.ts';
import { runTrace } from '../src/trace/runner.ts';
import { PROPERTIES } from '../properties/index.ts';

const TOY = [
  { id: 'always', title: 'holds', property: () => fc.property(fc.nat(), (n) => n >= 0) },
  { id: 'never-above-9', title: 'fails at 10', property: () => fc.property(fc.nat(100), (n) => n < 10) },
];

function options(o: Partial<CampaignCommandOptions>): CampaignCommandOptions {
  return {
    seed: 20261125, runs: 25, time: null, only: null, shard: { index: 1, count: 1 }, workers: 0, chunkRuns: 25,
    out: null, regressions: mkdtempSync(join(tmpdir(), 'regressions-')), traces: [], requireCoverage: false, write: () => {}, ...o,
  };
}

describe('campaign: jobs, shards and replay tokens', () => {
  it('a passing and a failing property; the failure keeps its replay token', async () => {
    const run = await runCampaign(TOY, inProcessExecutor(TOY), { seed: 42, runs: 50 });
    const [always, failing] = run.properties;
    expect(always).toMatchObject({ id: 'always', runs: 50, failure: null });
    expect(failing!.failure).toMatchObject({ counterexample: '[10]' });
    const replay = fc.check(TOY[1]!.property(), { seed: failing!.failure!.seed, path: failing!.failure!.path, endOnFailure: true });
    expect(replay.counterexample).toEqual([10]);
  });

  it('shards of one seed are disjoint and together are the whole campaign', () => {
    const ids = ['A', 'B', 'C'];
    const whole = [...planJobs(ids, { seed: 7, runs: 100, chunkRuns: 25, shard: { index: 1, count: 1 } })];
    const shards = [1, 2, 3].map((index) => [...planJobs(ids, { seed: 7, runs: 100, chunkRuns: 25, shard: { index, count: 3 } })]);
    expect(whole).toHaveLength(12);
    expect(shards.flat().map((j) => j.index).sort((a, b) => a - b)).toEqual(whole.map((j) => j.index));
    expect(new Set(shards.flat().map((j) => j.seed)).size).toBe(12);
    expect(shards.flat().find((j) => j.index === 5)).toEqual(whole[5]);
    for (const shard of shards) expect(new Set(shard.map((j) => j.property))).toEqual(new Set(ids)); // a share of every property
  });

  it('a time budget with no run limit stops starting jobs when the time is up', async () => {
    const slow = [{ id: 'slow', title: '', property: () => fc.property(fc.nat(), () => { for (let i = 0; i < 2e4; i++); }) }];
    const run = await runCampaign(slow, inProcessExecutor(slow), { seed: 1, runs: null, timeSeconds: 1, chunkRuns: 50 });
    expect(run.properties[0]!.runs).toBeGreaterThan(0);
    expect(run.properties[0]!.runs % 50).toBe(0);
  });

  it('worker threads give the same totals as one thread (each job is a function of its seed)', async () => {
    const defs = PROPERTIES.filter((d) => d.id === 'VOL-INV-2.addressTranslation');
    const here = await runCampaign(defs, inProcessExecutor(defs), { seed: 5, runs: 40, chunkRuns: 10 });
    const pool = workerExecutor(2);
    try {
      const there = await runCampaign(defs, pool, { seed: 5, runs: 40, chunkRuns: 10 });
      expect(there.properties[0]!.runs).toBe(40);
      expect(there.properties[0]!.commands).toBe(here.properties[0]!.commands);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('campaign: the plan does not depend on the shard', () => {
  it('--only with shards: each shard runs its share of the whole selection, and merged they are the unsharded campaign', async () => {
    // The selection of `--only '^(RAID-INV-1|LC-INV-1|RC-INV-1)' --runs 25`, with toy bodies (fast): one job per property.
    const only = /^(RAID-INV-1|LC-INV-1|RC-INV-1)/i;
    const ids = PROPERTIES.map((d) => d.id).filter((id) => only.test(id));
    expect(ids.length).toBeGreaterThan(2);
    const definitions = ids.map(holds);
    const whole = await campaignTo({ definitions, only, runs: 25 });
    const shards = [await campaignTo({ definitions, only, runs: 25, shard: { index: 1, count: 2 } }), await campaignTo({ definitions, only, runs: 25, shard: { index: 2, count: 2 } })];
    expect(whole.summary.totals).toMatchObject({ properties: ids.length, ok: ids.length, plannedRuns: 25 * ids.length, runs: 25 * ids.length });
    expect(shards.flatMap((s) => s.summary.properties.map((p) => p.id)).sort()).toEqual([...ids].sort()); // a partition of the selection
    for (const s of shards) {
      expect(s.summary.plan.hash).toBe(whole.summary.plan.hash);
      for (const p of s.summary.properties) expect(p).toMatchObject({ status: 'ok', runs: 25 }); // nothing "0 runs ok"
    }
    const printed: string[] = [];
    const out = tempDir('merged-');
    expect(mergeCommand(shards.map((s) => s.file), { requireCoverage: false, out, write: (t) => void printed.push(t) })).toBe(0);
    expect(printed.join('')).toContain(`${ids.length}/${ids.length} properties ok; ${25 * ids.length} of ${25 * ids.length} planned runs`);
    const merged = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
    expect(claims(merged)).toEqual(claims(whole.summary));
  });

  it('an open-ended plan gives every property a job before any gets a second one, with 2 worker slots too', async () => {
    const defs = ['A', 'B', 'C', 'D', 'E'].map(holds);
    const order: string[] = [];
    const executor: Executor = {
      slots: 2,
      run: async (job): Promise<JobResult> => {
        order.push(job.property);
        await new Promise((resolve) => setTimeout(resolve, 5 + (job.index % 3) * 5)); // jobs end out of order
        return { job, runs: job.runs, commands: 0, witnesses: {}, transitions: {}, states: [], millis: 1 };
      },
      close: async () => {},
    };
    const run = await runCampaign(defs, executor, { seed: 1, runs: null, timeSeconds: 1, chunkRuns: 5 });
    expect(order.length).toBeGreaterThan(10);
    for (let round = 0; (round + 1) * 5 <= order.length; round++) expect(new Set(order.slice(round * 5, round * 5 + 5)).size).toBe(5);
    const jobs = run.properties.map((p) => p.jobs);
    expect(Math.max(...jobs) - Math.min(...jobs)).toBeLessThanOrEqual(1);
  });
});

describe('campaign: a planted failure is caught, saved as a regression trace and explained by replay', () => {
  it('lc-skip-copy-before-write: LC-INV-1 fails, the trace is saved, run passes on the real model, replay explains it', async () => {
    const o = options({ only: /^LC-INV-1\.pointInTime$/, runs: 100, planted: 'lc-skip-copy-before-write' });
    expect(await campaignCommand(o)).toBe(1);
    const files = readdirSync(o.regressions);
    expect(files).toHaveLength(1);
    const text = readFileSync(join(o.regressions, files[0]!), 'utf8');
    const header = JSON.parse(text.split('\n').find((l) => l.startsWith('{"trace"'))!) as Record<string, unknown>;
    expect(header).toMatchObject({ trace: 1, property: 'LC-INV-1.pointInTime', planted: 'lc-skip-copy-before-write' });
    expect(typeof header.seed).toBe('number');
    expect(typeof header.path).toBe('string');
    // The planted failure was undone: the model as it stands passes the trace.
    expect(runTrace(text).exitCode).toBe(0);
    const { result: code, printed: narrative } = await captureStdout(() => replayCommand(join(o.regressions, files[0]!), {}));
    expect(code).toBe(1);
    expect(narrative).toContain('planted failure "lc-skip-copy-before-write" is active');
    expect(narrative).toMatch(/FIRST INVARIANT BROKEN: LC-INV-1/);
    expect(narrative).toContain('pairDivide P1');
    expect(runTrace(text).exitCode).toBe(0); // and undone again after the replay
  }, 60_000);

  it('the same property without the plant passes, and nothing is saved', async () => {
    const o = options({ only: /^LC-INV-1\.pointInTime$/, runs: 50 });
    expect(await campaignCommand(o)).toBe(0);
    expect(readdirSync(o.regressions)).toEqual([]);
  }, 60_000);
});
