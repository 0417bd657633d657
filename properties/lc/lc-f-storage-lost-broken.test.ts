/**
 * LC-F-1.productionAvailability can fail: on deliberately broken variants of the model
 * (monkeypatched for one fc.check with vi.spyOn) it finds a counterexample and shrinks it.
 *
 * - a copy-before-write that meets lost data on the copy's storage refuses the host's write
 *   (the behaviour before LC-F-1: production stops because of the copy side);
 * - a write while the pair is suspended by error is not recorded in `gen`;
 * - the copy volume of a pair suspended by error is served as if it were an image;
 * - a resync out of suspendedByError copies only the recorded tracks, not those whose copy
 *   was lost (LC-F-2: caught by "resync complete" once the group is re-created).
 */
import { afterEach, describe, it, vi } from 'vitest';
import { expectCaughtAndShrunk } from '../harness/broken-variant.ts';
import { fail } from '../../src/errors.ts';
import { LocalCopyManager } from '../../src/local-copy/local-copy-manager.ts';
import { LocalPair } from '../../src/local-copy/local-pair.ts';
import { lcFStorageLost } from './lc-f-storage-lost.ts';

const SHRUNK_MAX = 12;
const planWrite = LocalCopyManager.prototype.planWrite;
const commitWrite = LocalCopyManager.prototype.commitWrite;
const read = LocalCopyManager.prototype.read;
const resync = LocalPair.prototype.resync;

function lostCopyRefuses(): void {
  vi.spyOn(LocalCopyManager.prototype, 'planWrite').mockImplementation(function (this: LocalCopyManager, ...args) {
    const plan = planWrite.apply(this, args);
    if (plan.lost) fail('DATA_LOSS', `pair ${plan.pair!.id}: the copy volume's storage cannot take the copy-before-write`);
    return plan;
  });
}

function suspendedWriteNotRecorded(): void {
  vi.spyOn(LocalCopyManager.prototype, 'commitWrite').mockImplementation(function (this: LocalCopyManager, plan, data) {
    const before = plan.tracks.map((d) => plan.pair?.bits.gen.get(d.track));
    commitWrite.call(this, plan, data);
    if (plan.pair?.machineState === 'suspendedByError' && !plan.lost) plan.tracks.forEach((d, i) => !before[i] && plan.pair!.bits.gen.clear(d.track));
  });
}

function suspendedCopyServed(): void {
  vi.spyOn(LocalCopyManager.prototype, 'read').mockImplementation(function (this: LocalCopyManager, volume, offset, length) {
    if (this.pairOf(volume)?.machineState === 'suspendedByError') return volume.read(offset, length);
    return read.call(this, volume, offset, length);
  });
}

function resyncForgetsLostTracks(): void {
  vi.spyOn(LocalPair.prototype, 'resync').mockImplementation(function (this: LocalPair) {
    const tracks = this.bits.gen.bits;
    const before = Array.from({ length: tracks }, (_, t) => this.bits.gen.get(t));
    resync.call(this);
    before.forEach((was, t) => !was && this.bits.gen.clear(t));
  });
}

const VARIANTS = [
  { name: 'a lost copy refuses the host write', breakIt: lostCopyRefuses },
  { name: 'a write while suspended by error is not recorded', breakIt: suspendedWriteNotRecorded },
  { name: 'the copy of a pair suspended by error is served', breakIt: suspendedCopyServed },
  { name: 'a resync forgets the tracks whose copy was lost', breakIt: resyncForgetsLostTracks },
];

describe('broken variants of LC-F-1 fail LC-F-1.productionAvailability', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: caught and shrunk to at most ${SHRUNK_MAX} commands`, () => {
      expectCaughtAndShrunk(v.name, () => lcFStorageLost[0]!.property(), v.breakIt, SHRUNK_MAX);
    });
  }
});
