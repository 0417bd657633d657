/**
 * A time budget that runs out: the campaign never says more than ran. A property with no runs
 * is `notRun` (not "ok"), one with planned jobs left is `partial`, the campaign exits 3
 * ("incomplete"), 0 with --allow-partial, and a failure still exits 1.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { liveLabel } from '../src/cli/campaign/progress.ts';
import type { PropertyTally } from '../src/cli/campaign/run-campaign.ts';
import { campaignTo, slow } from './campaign-toys.ts';

/** Each job of 40 runs takes about 1.2 s: a 1 s budget starts the first job and no other. */
const defs = [slow('A', 30), slow('B', 30), slow('C', 30)];

describe('campaign: a time budget too short', () => {
  it('open-ended (--time, no --runs): properties without runs are notRun, the campaign is incomplete, exit 3', async () => {
    const { code, printed, summary } = await campaignTo({ definitions: defs, runs: null, time: 1, chunkRuns: 40 });
    expect(code).toBe(3);
    expect(summary.verdict).toBe('incomplete');
    expect(summary.properties.map((p) => [p.id, p.status, p.runs])).toEqual([['A', 'ok', 40], ['B', 'notRun', 0], ['C', 'notRun', 0]]);
    expect(summary.totals).toMatchObject({ ok: 1, notRun: 2, plannedRuns: null, plannedJobs: null, runs: 40 });
    expect(printed).toContain('  not run B\n');
    expect(printed).not.toMatch(/ok\s+B/);
    expect(printed).toMatch(/│ B\s*│\s+0 │.*│ not run\s*│/);
    expect(printed).toContain('1/3 properties ok, 2 not run; 40 runs (open-ended plan), 0 commands: INCOMPLETE (exit 3)');
  });

  it('--allow-partial: the same campaign exits 0, and still says it is incomplete', async () => {
    const { code, printed, summary } = await campaignTo({ definitions: defs, runs: null, time: 1, chunkRuns: 40, allowPartial: true });
    expect(code).toBe(0);
    expect(summary.verdict).toBe('incomplete');
    expect(printed).toContain('INCOMPLETE (exit 0: --allow-partial)');
  });

  it('a closed plan (--runs and --time): a property with planned jobs left is partial', async () => {
    const { code, summary } = await campaignTo({ definitions: defs.slice(0, 2), runs: 80, time: 1, chunkRuns: 40 });
    expect(code).toBe(3);
    expect(summary.properties.map((p) => [p.id, p.status, p.runs, p.plannedRuns])).toEqual([['A', 'partial', 40, 80], ['B', 'notRun', 0, 80]]);
    expect(summary.totals).toMatchObject({ plannedJobs: 4, plannedRuns: 160, jobsRan: 1, runs: 40 });
  });

  it('a failure beats incomplete: exit 1', async () => {
    const fails = { id: 'F', title: 'fails at 10', property: () => fc.property(fc.nat(100), (n) => n < 10) };
    const { code, summary } = await campaignTo({ definitions: [fails, slow('B', 30)], runs: 80, time: 1, chunkRuns: 40 });
    expect(code).toBe(1);
    expect(summary.verdict).toBe('failed');
    expect(summary.properties.map((p) => p.status)).toEqual(['failed', 'partial']);
  });

  it('the progress display says "waiting" until a property has runs, and "ok" only once its planned jobs all ran', () => {
    const t = { id: 'A', jobs: 0, runsStarted: 0, runs: 0, failure: null } as unknown as PropertyTally;
    expect(liveLabel(t, 2)).toBe('waiting');
    expect(liveLabel(t, undefined)).toBe('waiting');
    expect(liveLabel({ ...t, runsStarted: 3 }, 2)).toBe('running');
    expect(liveLabel({ ...t, jobs: 1, runs: 25, runsStarted: 25 }, 2)).toBe('running');
    expect(liveLabel({ ...t, jobs: 2, runs: 50, runsStarted: 50 }, 2)).toBe('ok');
    expect(liveLabel({ ...t, jobs: 9, runs: 225, runsStarted: 225 }, undefined)).toBe('running'); // open-ended: no end to reach
  });
});
