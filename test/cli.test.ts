/**
 * The command line as a user meets it: bad input gets one clear line and an exit code, never a
 * stack trace; merge of shard summaries. Each case is a subprocess (about a second each, mostly
 * start-up), so the cases run at once.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCoverage, mergeProperty } from '../src/cli/merge-command.ts';
import type { MachineCoverage, PropertySummary } from '../src/cli/campaign/summary.ts';

const root = join(import.meta.dirname, '..');

function cli(...args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, out: `${stdout}${stderr}` });
    });
  });
}

describe('cli: bad input', () => {
  const cases: Array<[string[], number, RegExp]> = [
    [['replay', 'no-such-file.jsonl'], 2, /cannot read no-such-file\.jsonl: no such file/],
    [['run', 'examples'], 2, /cannot read examples: it is a folder/],
    [['bogus'], 1, /unknown command 'bogus'/],
    [['campaign', '--shard', '3/2'], 1, /expected i\/N with 1 ≤ i ≤ N/],
    [['campaign', '--runs', '0'], 1, /expected a whole number ≥ 1/],
    [['campaign', '--only', 'no-such-property', '--no-report'], 2, /no property matches/],
    [['campaign', '--plant', 'nope', '--no-report'], 2, /unknown planted failure "nope"/],
    [['replay', '--property', 'LC-INV-1.pointInTime'], 2, /needs a FILE, or --property ID with --seed/],
  ];
  for (const [args, status, message] of cases) {
    it.concurrent(`${args.join(' ')}: exit ${status}, one clear message`, async () => {
      const r = await cli(...args);
      expect(r.out).toMatch(message);
      expect(r.out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
      expect(r.status).toBe(status);
    });
  }
});

describe('merge: the shards of one campaign as one verdict', () => {
  const machine = (taken: number[], reached: string[]): MachineCoverage => ({
    machine: 'm', states: ['a', 'b'], statesReached: reached,
    edges: taken.map((n, i) => ({ key: `e${i}`, source: 'a', event: `E${i}`, target: 'b', guard: null, rule: 'R', seed: '', taken: n })),
  });
  it('sums edges and unites states; a failure in any shard fails the property', () => {
    const [m] = mergeCoverage([[machine([1, 0], ['a'])], [machine([0, 2], ['b'])]]);
    expect(m!.edges.map((e) => e.taken)).toEqual([1, 2]);
    expect(m!.statesReached).toEqual(['a', 'b']);
    const job = (index: number, failed: boolean) => ({ index, chunk: index, seed: index, runs: 25, commands: 10, witnesses: {}, failed });
    const p: PropertySummary = {
      id: 'P', title: '', status: 'ok', failed: false, plannedRuns: 25, plannedJobs: [0], ranJobs: [job(0, false)], runs: 25, commands: 10, witnesses: {},
      statesReached: 0, transitionsReached: 0, reachedStates: [], takenTransitions: [], millis: 1,
    };
    const failure = { job: 1, seed: 1, path: '', message: 'x', counterexample: '', regression: null };
    const merged = mergeProperty([p, { ...p, status: 'failed', failed: true, plannedJobs: [1], ranJobs: [job(1, true)], failure }]);
    expect(merged).toMatchObject({ runs: 50, commands: 20, failed: true, status: 'failed', failure: { job: 1 } });
  });
});
