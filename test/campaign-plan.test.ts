/**
 * The plan (spec/campaign.md): every job a campaign may run, named by a stable hash of the
 * seed, the options and the property list, and the same for every shard.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson, makePlan, type PlanInput, shareByProperty, shareJobs } from '../src/cli/campaign/plan.ts';
import { propertyStatus } from '../src/cli/campaign/status.ts';

const input: PlanInput = { seed: 20261125, runsPerProperty: 150, chunkRuns: 25, planted: null, properties: ['A', 'B'] };

describe('campaign plan', () => {
  it('its hash is sha256 of a canonical JSON: pinned, and independent of key order', () => {
    expect(makePlan(input).hash).toBe('7ae383bb95e69f638a38fa7baa60cf33bf7637a50220ea9edb5b500d84903335');
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const reordered = { properties: ['A', 'B'], planted: null, chunkRuns: 25, runsPerProperty: 150, seed: 20261125 };
    expect(makePlan(reordered).hash).toBe(makePlan(input).hash);
  });

  it('every input that changes the jobs changes the hash', () => {
    const base = makePlan(input).hash;
    const changed = [{ seed: 7 }, { runsPerProperty: 149 }, { runsPerProperty: null }, { chunkRuns: 50 }, { planted: 'x' }, { properties: ['B', 'A'] }, { properties: ['A'] }];
    const hashes = changed.map((c) => makePlan({ ...input, ...c }).hash);
    expect(new Set([base, ...hashes]).size).toBe(changed.length + 1);
  });

  it('its size: 6 jobs and 150 runs per property; an open-ended plan has none', () => {
    expect(makePlan(input)).toMatchObject({ jobs: 12, runs: 300 });
    expect(makePlan({ ...input, runsPerProperty: 140 })).toMatchObject({ jobs: 12, runs: 280 }); // the last chunk of each is 15 runs
    expect(makePlan({ ...input, runsPerProperty: null })).toMatchObject({ jobs: null, runs: null });
    expect(shareByProperty(makePlan({ ...input, runsPerProperty: null }))).toBeNull();
  });

  it('shards split the whole plan, numbered over the whole property list: a property may have no job in a shard', () => {
    const plan = makePlan({ ...input, runsPerProperty: 25, properties: ['A', 'B', 'C'] }); // one job each
    const shares = [1, 2].map((index) => shareByProperty(plan, { index, count: 2 })!);
    expect([...shares[0]!.keys()]).toEqual(['A', 'C']); // jobs 0 and 2
    expect([...shares[1]!.keys()]).toEqual(['B']); // job 1, not renumbered
    expect(shares[1]!.get('B')!.map((j) => j.index)).toEqual([1]);
    expect([...shareJobs(plan)].map((j) => j.index)).toEqual([0, 1, 2]);
  });

  it('statuses: failed over notRun over partial over ok; an open-ended plan is ok once a job ran', () => {
    expect(propertyStatus({ failed: true, planned: [0, 3], ran: [] })).toBe('failed');
    expect(propertyStatus({ failed: false, planned: [0, 3], ran: [] })).toBe('notRun');
    expect(propertyStatus({ failed: false, planned: [0, 3], ran: [0] })).toBe('partial');
    expect(propertyStatus({ failed: false, planned: [0, 3], ran: [3, 0] })).toBe('ok');
    expect(propertyStatus({ failed: false, planned: null, ran: [] })).toBe('notRun');
    expect(propertyStatus({ failed: false, planned: null, ran: [4] })).toBe('ok');
  });
});
