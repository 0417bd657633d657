/**
 * merge: shards of one plan give the unsharded campaign's verdict, and anything else is
 * refused (exit 2) with the files, shards or jobs named: a missing shard, a shard given twice,
 * shards of different plans, a file of another format or with an edited plan.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../src/cli/campaign/summary.ts';
import { mergeCommand, type MergeOptions } from '../src/cli/merge-command.ts';
import { campaignTo, claims, holds, rarelyFails, tempDir } from './campaign-toys.ts';

const root = join(import.meta.dirname, '..');
const defs = ['A', 'B', 'C'].map(holds);

function merge(files: readonly string[], o: Partial<MergeOptions> = {}): { code: number; printed: string; merged: CampaignSummary | null } {
  const printed: string[] = [];
  const out = tempDir('merged-');
  const code = mergeCommand(files, { requireCoverage: false, out, write: (t) => void printed.push(t), ...o });
  const file = join(out, 'campaign.json');
  return { code, printed: printed.join(''), merged: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CampaignSummary) : null };
}

/** 3 properties × 2 chunks = jobs 0..5 (chunk c of property p is job 3c + p); shard 1/2 takes 0, 2, 4, shard 2/2 takes 1, 3, 5. */
const shardsOf = (seed: number) => Promise.all([1, 2].map((index) => campaignTo({ definitions: defs, seed, runs: 50, shard: { index, count: 2 } })));

describe('merge: shards of one plan, once each, or a refusal', () => {
  it('a missing shard: refused, naming the jobs no shard planned', async () => {
    const [s1] = await shardsOf(1);
    const r = merge([s1!.file]);
    expect(r.code).toBe(2);
    expect(r.printed).toContain('merge refused: the files are not the shards of one plan');
    expect(r.printed).toContain('missing jobs (no shard planned them; absent: shard 2/2): 1 (B, chunk 0), 3 (A, chunk 1), 5 (C, chunk 1)');
    expect(r.merged).toBeNull();
  });

  it('a shard given twice: refused, naming the duplicated jobs and the files', async () => {
    const [s1, s2] = await shardsOf(1);
    const r = merge([s1!.file, s2!.file, s1!.file]);
    expect(r.code).toBe(2);
    expect(r.printed).toContain(`duplicated jobs (in ${s1!.file} (shard 1/2), ${s1!.file} (shard 1/2)): 0 (A, chunk 0), 2 (C, chunk 0), 4 (B, chunk 1)`);
  });

  it('shards of different plans (another seed): refused, naming each file\'s plan', async () => {
    const [s1] = await shardsOf(1);
    const [, s2] = await shardsOf(2);
    const r = merge([s1!.file, s2!.file]);
    expect(r.code).toBe(2);
    expect(r.printed).toContain('the shards belong to different plans:');
    expect(r.printed).toContain(`${s1!.file}: plan ${s1!.summary.plan.hash.slice(0, 12)} (seed 1, 50 runs per property, 25 per job, 3 properties)`);
    expect(r.printed).toContain(`${s2!.file}: plan ${s2!.summary.plan.hash.slice(0, 12)} (seed 2,`);
  });

  it('a file of the first format, or with an edited plan: refused', async () => {
    const [s1, s2] = await shardsOf(1);
    const old = join(tempDir('old-'), 'campaign.json');
    writeFileSync(old, JSON.stringify({ seed: 1, shard: { index: 2, count: 2 }, properties: [] }));
    expect(merge([s1!.file, old]).printed).toContain(`${old}: not a campaign.json of format campaign-v2`);
    const edited = join(tempDir('edited-'), 'campaign.json');
    writeFileSync(edited, JSON.stringify({ ...s2!.summary, plan: { ...s2!.summary.plan, runsPerProperty: 25 } }));
    const r = merge([s1!.file, edited]);
    expect(r.code).toBe(2);
    expect(r.printed).toContain(`${edited}: its plan hash does not match its plan`);
  });

  it('with failures: statuses, counted runs and the failure reported are the unsharded campaign\'s', async () => {
    const definitions = [rarelyFails('R'), holds('H')];
    const whole = await campaignTo({ definitions, runs: 400 });
    expect(whole.code).toBe(1);
    expect(whole.summary.properties[0]).toMatchObject({ id: 'R', status: 'failed' });
    const shards = await Promise.all([1, 2, 3].map((index) => campaignTo({ definitions, runs: 400, shard: { index, count: 3 } })));
    const r = merge(shards.map((s) => s.file));
    expect(r.code).toBe(1);
    expect(claims(r.merged!)).toEqual(claims(whole.summary));
    // The shards ran jobs of R after its first failure (they could not know of it): kept in the ledger, not counted.
    const ran = r.merged!.properties[0]!.ranJobs;
    expect(ran.length).toBeGreaterThan(whole.summary.properties[0]!.ranJobs.length);
  });

  it('an open-ended plan: every shard once is the whole plan; a missing shard is named', async () => {
    const shards = await Promise.all([1, 2].map((index) => campaignTo({ definitions: defs, runs: null, time: 1, chunkRuns: 1000, shard: { index, count: 2 } })));
    const r = merge(shards.map((s) => s.file));
    expect(r.code).toBe(0);
    expect(r.merged!.properties.map((p) => p.status)).toEqual(['ok', 'ok', 'ok']);
    expect(r.merged!.totals.plannedRuns).toBeNull();
    const missing = merge([shards[0]!.file]);
    expect(missing.code).toBe(2);
    expect(missing.printed).toContain('missing shard 2/2 (an open-ended plan is whole when every shard is there)');
  });
});

describe('merge: shards written with --no-report (command line)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  it('--no-report writes campaign.json (no report.html), and merge accepts the shards', () => {
    const dirs = [1, 2].map(() => tempDir('shard-'));
    for (const [i, dir] of dirs.entries()) {
      const r = cli('campaign', '--only', '^VOL-INV-2', '--runs', '4', '--chunk-runs', '2', '--workers', '0', '--shard', `${i + 1}/2`, '--out', dir, '--no-report');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(existsSync(join(dir, 'campaign.json'))).toBe(true);
      expect(existsSync(join(dir, 'report.html'))).toBe(false);
    }
    const m = cli('merge', ...dirs.map((d) => join(d, 'campaign.json')));
    expect(m.stdout).toMatch(/1\/1 properties ok; 4 of 4 planned runs, \d+ commands: OK \(exit 0\)/);
    expect(m.status).toBe(0);
  });
});
