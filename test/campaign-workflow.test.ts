/**
 * .github/workflows/campaign.yml, run here: its setup job's shard list, each shard job's
 * campaign command (with a small budget) and the merge job's command, in a scratch folder laid
 * out as a runner's checkout. The merged verdict and totals must be the unsharded campaign's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CampaignSummary } from '../src/cli/campaign/summary.ts';
import { verdictOf } from '../src/cli/campaign/verdict.ts';
import { claims, tempDir } from './campaign-toys.ts';

const root = join(import.meta.dirname, '..');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}
interface Job {
  readonly needs?: string | string[];
  readonly outputs?: Record<string, string>;
  readonly strategy?: { matrix: Record<string, string> };
  readonly steps: Step[];
}
const workflow = parse(readFileSync(join(root, '.github/workflows/campaign.yml'), 'utf8')) as {
  on: { workflow_dispatch: { inputs: Record<string, { default: string }> } };
  jobs: Record<string, Job>;
};

/** Two fast properties (RAID byte-exactness on RAID1 and address translation). */
const ONLY = `'^(VOL-INV-2|RAID-INV-[12]\\.byteExact\\.raid1)'`;
const SMALL = { seed: '7', runs: '4' };

/** `${{ name }}` expressions of the workflow, from the given context; an unknown one fails the test. */
function expand(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    expect(context, `no value for \${{ ${name} }}`).toHaveProperty([name]);
    return context[name]!;
  });
}

function stepWith(job: Job, pattern: RegExp): Step {
  const step = job.steps.find((s) => pattern.test(s.run ?? s.uses ?? ''));
  expect(step, `a step matching ${pattern}`).toBeDefined();
  return step!;
}

function stepEnv(step: Step, context: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), context)]));
}

/** A scratch checkout: the repository's sources and node_modules linked in, out/ empty. */
function checkout(): string {
  const dir = tempDir('runner-');
  for (const entry of ['node_modules', 'src', 'properties', 'machines', 'examples', 'package.json']) symlinkSync(join(root, entry), join(dir, entry));
  mkdirSync(join(dir, 'out'));
  return dir;
}

/** Runs a step's shell line with bash in `cwd`, as a runner would. */
function bash(line: string, cwd: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', line], { cwd, env: { ...process.env, CI: 'true', ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

const summaryIn = (file: string): CampaignSummary => JSON.parse(readFileSync(file, 'utf8')) as CampaignSummary;

describe('the campaign workflow (GitHub Actions), run locally', () => {
  it('has the inputs seed, runs and shards, a setup job whose shard list makes the matrix, and a merge after the shards', () => {
    expect(Object.keys(workflow.on.workflow_dispatch.inputs).sort()).toEqual(['runs', 'seed', 'shards']);
    const { setup, shard, merge } = workflow.jobs;
    expect(setup!.outputs!.shards).toMatch(/steps\.list\.outputs\.shards/);
    expect(shard!.needs).toBe('setup');
    expect(shard!.strategy!.matrix.shard).toMatch(/fromJSON\(needs\.setup\.outputs\.shards\)/);
    expect(merge!.needs).toEqual(expect.arrayContaining(['shard']));
    for (const job of [shard!, merge!]) {
      stepWith(job, /^actions\/checkout@/);
      stepWith(job, /^actions\/setup-node@/);
      stepWith(job, /^npm ci\b/);
    }
    const list = setup!.steps.find((s) => s.id === 'list')!;
    const output = join(tempDir('gh-output-'), 'out');
    const r = spawnSync('bash', ['-e', '-c', list.run!], { env: { ...process.env, ...stepEnv(list, { 'inputs.shards': '3' }), GITHUB_OUTPUT: output }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('shards=[1,2,3]\n');
    const bad = spawnSync('bash', ['-e', '-c', list.run!], { env: { ...process.env, SHARDS: 'x', GITHUB_OUTPUT: output }, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  it('2 shards of a small campaign, uploaded and merged as the workflow does: the unsharded campaign\'s verdict and totals', async () => {
    const { setup, shard, merge } = workflow.jobs;
    const list = setup!.steps.find((s) => s.id === 'list')!;
    const output = join(tempDir('gh-output-'), 'out');
    spawnSync('bash', ['-e', '-c', list.run!], { env: { ...process.env, SHARDS: '2', GITHUB_OUTPUT: output } });
    const shards = JSON.parse(readFileSync(output, 'utf8').replace(/^shards=/, '')) as number[];
    expect(shards).toEqual([1, 2]);

    const campaign = stepWith(shard!, /src\/cli\.ts campaign --shard/);
    const upload = stepWith(shard!, /^actions\/upload-artifact@/);
    const small = ` --chunk-runs 2 --only ${ONLY} --workers 0`;
    const context = (i: number, n: number) => ({ 'matrix.shard': String(i), 'inputs.shards': String(n), 'inputs.seed': SMALL.seed, 'inputs.runs': SMALL.runs });
    const runner = checkout();
    const alone = checkout();
    const [ran, whole] = await Promise.all([
      Promise.all(shards.map((i) => bash(campaign.run! + small, runner, stepEnv(campaign, context(i, shards.length))))),
      bash(`${campaign.run!}${small} --require-coverage`, alone, stepEnv(campaign, context(1, 1))), // the merge requires coverage too
    ]);
    for (const r of ran) expect(r.code, r.out).toBe(0); // a shard alone requires no coverage
    expect(whole.code, whole.out).toBe(1); // two RAID/volume properties take no machine transition

    // What the upload step takes (and the download step lays out again as out/<artifact name>/).
    for (const i of shards) {
      const paths = expand(upload.with!.path!, context(i, shards.length)).split('\n').filter((p) => p.trim() !== '');
      expect(existsSync(join(runner, paths[0]!))).toBe(true);
      expect(expand(upload.with!.name!, context(i, shards.length))).toBe(`shard-${i}`);
      expect(paths[0]).toBe(`out/shard-${i}/campaign.json`);
    }
    expect(stepWith(merge!, /^actions\/download-artifact@/).with).toMatchObject({ pattern: 'shard-*', path: 'out' });

    const mergeStep = stepWith(merge!, /src\/cli\.ts merge /);
    expect(mergeStep.run).toContain('out/shard-*/campaign.json');
    const merged = await bash(mergeStep.run!, runner, {});
    expect(merged.code, merged.out).toBe(whole.code);
    const mergedFile = join(runner, 'out/merged/campaign.json');
    expect(existsSync(mergedFile), 'the merge step writes out/merged/campaign.json').toBe(true);
    const m = summaryIn(mergedFile);
    const u = summaryIn(join(alone, 'out/shard-1/campaign.json'));
    expect(u.properties.length).toBe(2);
    expect(u.totals).toMatchObject({ ok: 2, plannedRuns: 8, runs: 8 });
    expect(claims(m)).toEqual(claims(u));
    expect(m.totals).toEqual(u.totals);
    expect(m.coverage).toEqual(u.coverage);
    // Without required coverage both say ok.
    expect(verdictOf(m.properties, m.traces, m.coverage, false).verdict).toBe('ok');
    expect(verdictOf(u.properties, u.traces, u.coverage, false).verdict).toBe('ok');
  }, 60_000);
});
