/**
 * Witnesses (PropertyDefinition.witnesses): keys of the `reached` counters a property's
 * instrumented build fills. A job counts each, the campaign sums them into campaign.json and
 * the table, merge sums them over shards, and under --require-coverage a witness never reached
 * by a property that ran fails the campaign, with a line naming it.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../src/cli/campaign/run-job.ts';
import { chunkSeed } from '../src/cli/campaign/job-plan.ts';
import { verdictOf } from '../src/cli/campaign/verdict.ts';
import { mergeCommand } from '../src/cli/merge-command.ts';
import { campaignTo, holds, witnessed } from './campaign-toys.ts';

const definitions = [witnessed('W'), holds('H')];

describe('campaign: witnesses', () => {
  it('a job counts each named witness (0 for one never reached); the campaign sums them over its jobs', async () => {
    const def = definitions[0]!;
    const jobs = await Promise.all([0, 1].map((chunk) => runJob(def, { index: chunk * 2, property: 'W', chunk, seed: chunkSeed(20261125, 'W', chunk), runs: 25 })));
    for (const j of jobs) {
      expect(Object.keys(j.witnesses)).toEqual(['even', 'big', 'negative']);
      expect(j.witnesses.even).toBeGreaterThan(0);
      expect(j.witnesses.negative).toBe(0);
    }
    const { code, printed, summary } = await campaignTo({ definitions, runs: 50 });
    expect(code).toBe(0); // witnesses are reported; they fail a campaign only when coverage is required
    const [w, h] = summary.properties;
    expect(w!.witnesses).toEqual({ even: jobs[0]!.witnesses.even! + jobs[1]!.witnesses.even!, big: jobs[0]!.witnesses.big! + jobs[1]!.witnesses.big!, negative: 0 });
    expect(h!.witnesses).toEqual({});
    expect(summary.witnessesMissed).toEqual(['W: negative']);
    expect(printed).toMatch(/│ W\s*│\s+50 │\s+50 │.*│\s+2\/3 │ ok/); // 50 runs, 50 "commands", 2 of 3 witnesses
    expect(printed).toMatch(/│ H\s*│.*│\s+— │ ok/);
    expect(printed).toContain('  witness never reached: W: negative\n');
  });

  it('--require-coverage: a witness never reached fails the campaign (exit 1), in the campaign and in merge', async () => {
    const whole = await campaignTo({ definitions, runs: 50, requireCoverage: true });
    expect(whole.code).toBe(1);
    expect(whole.summary.verdict).toBe('failed');
    expect(whole.printed).toContain('  witness never reached: W: negative\n');
    const shards = await Promise.all([1, 2].map((index) => campaignTo({ definitions, runs: 50, shard: { index, count: 2 } })));
    expect(shards.map((s) => s.code)).toEqual([0, 0]); // a shard alone does not require coverage
    const printed: string[] = [];
    expect(mergeCommand(shards.map((s) => s.file), { requireCoverage: true, write: (t) => void printed.push(t) })).toBe(1);
    expect(printed.join('')).toContain('  witness never reached: W: negative\n');
    const summed = shards.flatMap((s) => s.summary.properties.filter((p) => p.id === 'W')).reduce((n, p) => n + p.witnesses.even!, 0);
    expect(summed).toBe(whole.summary.properties[0]!.witnesses.even);
  });

  it('the verdict: every witness reached passes under required coverage, one missed fails, a property that did not run misses none', async () => {
    const reachAll = { ...witnessed('W'), witnesses: ['even', 'big'] };
    const all = await campaignTo({ definitions: [reachAll], runs: 50 });
    expect(verdictOf(all.summary.properties, [], [], true).verdict).toBe('ok');
    const some = await campaignTo({ definitions: [witnessed('W')], runs: 50 });
    expect(verdictOf(some.summary.properties, [], [], true)).toMatchObject({ verdict: 'failed', witnessesMissed: ['W: negative'], coverageFails: true });
    const unrun = some.summary.properties.map((p) => ({ ...p, runs: 0, ranJobs: [], status: 'notRun' as const }));
    expect(verdictOf(unrun, [], [], true)).toMatchObject({ verdict: 'incomplete', witnessesMissed: [] });
  });
});
