import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../src/cli/campaign/run-campaign.ts';

describe('campaign: every property runs from one seed, and a failure keeps its replay token', () => {
  it('a passing and a failing property', async () => {
    const seen: string[] = [];
    const outcomes = await runCampaign(
      [
        { id: 'always', title: 'holds', property: () => fc.property(fc.nat(), (n) => n >= 0) },
        { id: 'never-above-9', title: 'fails at 10', property: () => fc.property(fc.nat(100), (n) => n < 10) },
      ],
      { runs: 50, seed: 42, onDone: (o) => seen.push(o.id) },
    );
    expect(seen).toEqual(['always', 'never-above-9']);
    expect(outcomes[0]).toMatchObject({ id: 'always', failed: false, runs: 50 });
    const failed = outcomes[1]!;
    expect(failed.failed).toBe(true);
    expect(failed.counterexample).toBe('[10]');
    const replay = fc.check(fc.property(fc.nat(100), (n) => n < 10), { seed: failed.replay!.seed, path: failed.replay!.path, endOnFailure: true });
    expect(replay.counterexample).toEqual([10]);
  });
});
