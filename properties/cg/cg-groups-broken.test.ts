/**
 * The consistency-group properties can fail: on deliberately broken variants of the model
 * (monkeypatched for one fc.check with vi.spyOn) they find a counterexample and shrink it.
 *
 * - a remote group that suspends its other pairs one write apart: the mates stay live until the
 *   next write has been transferred to them (CG-F-1; caught by CG-INV-3 and CG-INV-2);
 * - a write whose transfer suspends a member by error still transfers to its mates (CG-F-1);
 * - an at-time split that divides the second pair one write later (CG-R-2, CG-INV-1).
 */
import { afterEach, describe, it, vi } from 'vitest';
import { expectCaughtAndShrunk } from '../harness/broken-variant.ts';
import { LocalCopyManager } from '../../src/local-copy/local-copy-manager.ts';
import { LocalPair } from '../../src/local-copy/local-pair.ts';
import { RemoteCopyManager } from '../../src/remote-copy/remote-copy-manager.ts';
import { cgInvAtTimeSplit, cgInvGroupConsistency } from './cg-groups.ts';

const SHRUNK_MAX = 8;
const holdGroups = RemoteCopyManager.prototype.holdGroups;
const remoteCommit = RemoteCopyManager.prototype.commitWrite;
const divide = LocalPair.prototype.divide;
const localCommit = LocalCopyManager.prototype.commitWrite;

function suspendsOneWriteApart(): void {
  vi.spyOn(RemoteCopyManager.prototype, 'holdGroups').mockImplementation(() => {});
  vi.spyOn(RemoteCopyManager.prototype, 'commitWrite').mockImplementation(function (this: RemoteCopyManager, plan, offset, data) {
    const targets = remoteCommit.call(this, plan, offset, data);
    holdGroups.call(this);
    return targets;
  });
}

function lostShareTransfersToMates(): void {
  vi.spyOn(RemoteCopyManager.prototype, 'groupShares').mockImplementation((plan) => plan);
}

function splitsOneWriteLate(): void {
  const late: LocalPair[] = [];
  vi.spyOn(LocalPair.prototype, 'divide').mockImplementation(function (this: LocalPair, extents) {
    if (this.group !== null && this.id === 'p1' && extents === undefined) {
      this.requireAccepts({ type: 'PAIR_DIVIDE' }, 'pair division');
      late.push(this);
      return;
    }
    divide.call(this, extents);
  });
  vi.spyOn(LocalCopyManager.prototype, 'commitWrite').mockImplementation(function (this: LocalCopyManager, plan, data) {
    localCommit.call(this, plan, data);
    for (const p of late.splice(0)) divide.call(p);
  });
}

const VARIANTS = [
  { name: 'a remote group suspends its pairs one write apart', property: () => cgInvGroupConsistency[0]!.property(), breakIt: suspendsOneWriteApart },
  { name: 'a write that suspends a member by error still transfers to its mates', property: () => cgInvGroupConsistency[0]!.property(), breakIt: lostShareTransfersToMates },
  { name: 'an at-time split divides the second pair one write later', property: () => cgInvAtTimeSplit[0]!.property(), breakIt: splitsOneWriteLate },
];

describe('broken variants of CG-F-1 and CG-R-2 fail the consistency-group properties', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: caught and shrunk to at most ${SHRUNK_MAX} commands`, () => {
      expectCaughtAndShrunk(v.name, v.property, v.breakIt, SHRUNK_MAX);
    });
  }
});
