/**
 * LC-E.literalFlows: the literal variant (the seed's flowcharts as written, errata included,
 * spec/errata.md) driven through the trace runner by random requests, copy steps and host
 * writes on one whole-volume pair. It checks only that every step is answered — accepted or
 * refused with a code — and never crashes the model; the errata themselves are the business
 * of the LC properties' literal runs (properties/lc/lc-errata.ts). Its job is reach: the
 * literal transitions of machines/local-pair.machine.ts are taken here, so the campaign's
 * machine coverage (README "Coverage") is complete.
 */
import fc from 'fast-check';
import { newContext } from '../../src/trace/context.ts';
import { runStep } from '../../src/trace/runner.ts';
import type { TraceStep } from '../../src/trace/schema.ts';
import { bump, type Counters, type PropertyDefinition } from '../harness/support.ts';

const TRACK_BYTES = 512;

/**
 * Volumes of 1, 2 and 8 tracks, one track most often: there the literal division loop ends as a division (Fig. 21 step
 * 2106's jump needs a second track, LC-E-2), so the literal flows out of `divided` are reached.
 */

function setup(tracks: number): TraceStep[] {
  return [
    { op: 'system', id: 'S', ldevBytes: 512, raidGroups: [{ id: 'RG', level: 'raid5', devices: 3, deviceBytes: 8192, stripeUnitBytes: 512 }] },
    { op: 'volume', system: 'S', id: 'ORIG', emulation: 'OPEN-V', bytes: tracks * TRACK_BYTES, trackBytes: TRACK_BYTES },
    { op: 'volume', system: 'S', id: 'COPY', emulation: 'OPEN-V', bytes: tracks * TRACK_BYTES, trackBytes: TRACK_BYTES },
    { op: 'pairCreate', id: 'P1', kind: 'local', original: 'S:ORIG', copy: 'S:COPY' },
  ] as TraceStep[];
}

/** One request, copy step or host write; weighted so that copies often stop half-way. */
const stepArb = (tracks: number): fc.Arbitrary<TraceStep> => {
  const track = fc.nat(tracks - 1);
  const extent = fc.tuple(track, track).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
  return fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: track, fill: fc.integer({ min: 1, max: 255 }) }).map(({ t, fill }) => ({ op: 'write', system: 'S', volume: 'ORIG', offset: t * TRACK_BYTES, data: { fill, length: TRACK_BYTES } })) },
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }).map((tracks) => ({ op: 'step', pair: 'P1', tracks })) },
  { weight: 4, arbitrary: fc.constant({ op: 'pairDivide', pair: 'P1' }) },
  { weight: 4, arbitrary: extent.map((e) => ({ op: 'extentUpdate', pair: 'P1', extents: [e] })) },
  { weight: 2, arbitrary: extent.map((e) => ({ op: 'extentDivide', pair: 'P1', extents: [e] })) },
  { weight: 2, arbitrary: fc.constant({ op: 'extentCouple', pair: 'P1' }) },
  { weight: 2, arbitrary: fc.constant({ op: 'settle' }) },
  { weight: 1, arbitrary: fc.constant({ op: 'pairDelete', pair: 'P1' }) },
  { weight: 1, arbitrary: fc.constant({ op: 'pairCreate', id: 'P1', kind: 'local', original: 'S:ORIG', copy: 'S:COPY' }) },
  ) as fc.Arbitrary<TraceStep>;
};

/**
 * The literal extent update during division (LC-E-6) as one move: divide a generated pair,
 * update an extent while dividing, then let both copies end — on a one-track volume the
 * division ends `divided` first, and the literal update's end is taken in `divided`.
 */
const updateWhileDividing = (tracks: number): fc.Arbitrary<TraceStep[]> =>
  fc.nat(tracks - 1).map((t) => [
    { op: 'settle' },
    { op: 'pairDivide', pair: 'P1' },
    { op: 'extentUpdate', pair: 'P1', extents: [[t, t]] },
    { op: 'step', pair: 'P1', tracks: tracks },
    { op: 'step', pair: 'P1', tracks: 1 },
  ] as TraceStep[]);

/** Single steps, and now and then the move above. */
const movesArb = (tracks: number): fc.Arbitrary<TraceStep[]> =>
  fc.oneof({ weight: 12, arbitrary: stepArb(tracks).map((s) => [s]) }, { weight: 1, arbitrary: updateWhileDividing(tracks) });

const tracksArb = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.constant(2) }, { weight: 2, arbitrary: fc.constant(8) });
const runArb = tracksArb.chain((tracks) =>
  fc.tuple(fc.constant(tracks), fc.array(movesArb(tracks), { minLength: 1, maxLength: 130, size: 'max' }).map((moves) => moves.flat())));

function literalFlows(reached?: Counters): fc.IProperty<[[number, TraceStep[]]]> {
  return fc.property(runArb, ([tracks, steps]) => {
    const ctx = newContext('literal');
    let line = 0;
    for (const s of [...setup(tracks), ...steps]) {
      const out = runStep(ctx, ++line, s); // a crash throws here and fails the property
      bump(reached, out.ok ? `accepted:${s.op}` : `refused:${s.op}`);
    }
    bump(reached, 'runs');
    bump(reached, 'commands', steps.length);
  });
}

export const lcLiteralFlows: readonly PropertyDefinition[] = [
  {
    id: 'LC-E.literalFlows',
    title: 'the literal variant (errata included) answers every request, copy step and write of one pair without crashing; it takes the literal transitions',
    numRuns: 200,
    property: () => literalFlows(),
    instrumented: (reached) => literalFlows(reached),
  },
];
