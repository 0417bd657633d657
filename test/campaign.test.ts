import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './capture-stdout.ts';
import { campaignCommand, type CampaignCommandOptions } from '../src/cli/campaign-command.ts';
import { planJobs } from '../src/cli/campaign/job-plan.ts';
import { runCampaign } from '../src/cli/campaign/run-campaign.ts';
import { inProcessExecutor, workerExecutor } from '../src/cli/campaign/worker-pool.ts';
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
