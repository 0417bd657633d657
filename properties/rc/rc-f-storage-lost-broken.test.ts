/**
 * RC-F-3.productionAvailability can fail: on deliberately broken variants of the model
 * (monkeypatched for one fc.check with vi.spyOn) it finds a counterexample and shrinks it.
 *
 * - a target that lost data refuses the host's write whatever the fence (the behaviour before
 *   RC-F-3: production stops because of the copy side);
 * - a write while a pair is suspended by error is not recorded in its bitmap;
 * - a `data` pair is suspended by error like a `never` pair instead of refusing the write;
 * - a resync out of suspendedByError copies only the recorded tracks, not those lost at the
 *   target (RC-F-3: caught by "resync complete" once the group is re-created).
 */
import { afterEach, describe, it, vi } from 'vitest';
import { expectCaughtAndShrunk } from '../harness/broken-variant.ts';
import { fail } from '../../src/errors.ts';
import { RemoteCopyManager } from '../../src/remote-copy/remote-copy-manager.ts';
import { RemotePair } from '../../src/remote-copy/remote-pair.ts';
import { rcFStorageLost } from './rc-f-storage-lost.ts';

const SHRUNK_MAX = 12;
const planWrite = RemoteCopyManager.prototype.planWrite;
const commitWrite = RemoteCopyManager.prototype.commitWrite;
const restartCopy = RemotePair.prototype.restartCopy;

function lostTargetRefuses(): void {
  vi.spyOn(RemoteCopyManager.prototype, 'planWrite').mockImplementation(function (this: RemoteCopyManager, ...args) {
    const plan = planWrite.apply(this, args);
    const lost = plan.find((s) => s.lost);
    if (lost) fail('DATA_LOSS', `pair ${lost.pair.id}: the target's storage cannot store the write`);
    return plan;
  });
}

function suspendedByErrorNotRecorded(): void {
  vi.spyOn(RemoteCopyManager.prototype, 'commitWrite').mockImplementation(function (this: RemoteCopyManager, plan, offset, data) {
    const before = plan.map((s) => s.record.map((t) => s.pair.bits.get(t)));
    const out = commitWrite.call(this, plan, offset, data);
    plan.forEach((s, i) => {
      if (s.pair.state === 'suspendedByError' && !s.lost) s.record.forEach((t, j) => !before[i]![j] && s.pair.bits.clear(t));
    });
    return out;
  });
}

function dataFenceSuspends(): void {
  vi.spyOn(RemoteCopyManager.prototype, 'planWrite').mockImplementation(function (this: RemoteCopyManager, ...args) {
    const data = [...this.pairs.values()].filter((p) => p.fence === 'data');
    const set = (p: RemotePair, f: string) => ((p as unknown as { fence: string }).fence = f);
    for (const p of data) set(p, 'never');
    try {
      return planWrite.apply(this, args);
    } finally {
      for (const p of data) set(p, 'data');
    }
  });
}

function resyncForgetsLostTracks(): void {
  vi.spyOn(RemotePair.prototype, 'restartCopy').mockImplementation(function (this: RemotePair) {
    this.suspendReason = null;
    restartCopy.call(this);
  });
}

const VARIANTS = [
  { name: 'a target that lost data refuses the write whatever the fence', breakIt: lostTargetRefuses },
  { name: 'a write while suspended by error is not recorded', breakIt: suspendedByErrorNotRecorded },
  { name: 'a data pair is suspended by error instead of refusing the write', breakIt: dataFenceSuspends },
  { name: 'a resync forgets the tracks lost at the target', breakIt: resyncForgetsLostTracks },
];

describe('broken variants of RC-F-3 fail RC-F-3.productionAvailability', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: caught and shrunk to at most ${SHRUNK_MAX} commands`, () => {
      expectCaughtAndShrunk(v.name, () => rcFStorageLost[0]!.property(), v.breakIt, SHRUNK_MAX);
    });
  }
});
