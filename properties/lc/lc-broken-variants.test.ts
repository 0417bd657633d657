/**
 * The local-copy properties can fail: run on deliberately broken variants of the corrected
 * model (monkeypatched for the duration of one fc.check with vi.spyOn), they find a
 * counterexample and shrink it to a handful of commands.
 *
 * - copy-before-write skipped in dividing (LC-W-2): a host write racing the division copy
 *   overwrites a track the copy still needs; caught by LC-INV-1.pointInTime;
 * - the end of an extent update forgets `div := upd` (LC-C-3): writes made during the update
 *   are then missed by the next update of the same tracks; caught by LC-INV-2.extentUpdate;
 * - a division during generation does not stop the generation copy (LC-R-2 undone, i.e. the
 *   literal LC-E-1 in the corrected model); caught by LC-INV-1.pointInTime;
 * - a couple copy that does not copy (LC-C-5): the next extent division misses every write
 *   made while divided; caught by LC-INV-3.coupleDivide.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalCopyManager } from '../../src/local-copy/local-copy-manager.ts';
import type { Extent } from '../../src/local-copy/extents.ts';
import { LocalPair } from '../../src/local-copy/local-pair.ts';
import { lcInvCoupleDivide } from './lc-inv-couple-divide.ts';
import { lcInvExtentUpdate } from './lc-inv-extent-update.ts';
import { lcInvPointInTime } from './lc-inv-point-in-time.ts';
import { type LcRun, TraceError, ranCommands } from './lc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

/** Most commands a shrunk counterexample may keep. */
const SHRUNK_MAX = 10;

type PairInternals = {
  copyTrack(track: number): void;
  stop(kind: string): void;
  finishExtentUpdate(extent: Extent): void;
  processes: { kind: string }[];
};
const pairProto = LocalPair.prototype as unknown as PairInternals;

function skipCopyBeforeWriteInDividing(): void {
  const write = LocalCopyManager.prototype.commitWrite;
  const copyTrack = pairProto.copyTrack;
  let inHostWrite = false;
  vi.spyOn(LocalCopyManager.prototype, 'commitWrite').mockImplementation(function (this: LocalCopyManager, plan, data) {
    inHostWrite = true;
    try {
      return write.call(this, plan, data);
    } finally {
      inHostWrite = false;
    }
  });
  vi.spyOn(pairProto, 'copyTrack').mockImplementation(function (this: LocalPair, track: number) {
    if (inHostWrite && this.machineState === 'dividing') return;
    copyTrack.call(this, track);
  });
}

function forgetUpdBitsAtUpdateEnd(): void {
  const finish = pairProto.finishExtentUpdate;
  vi.spyOn(pairProto, 'finishExtentUpdate').mockImplementation(function (this: LocalPair, extent: Extent) {
    finish.call(this, extent);
    this.bits.div.clearRange(extent[0], extent[1]);
  });
}

function keepGenerationRunning(): void {
  vi.spyOn(pairProto, 'stop').mockImplementation(() => {});
}

function coupleCopiesNothing(): void {
  const copyTrack = pairProto.copyTrack;
  vi.spyOn(pairProto, 'copyTrack').mockImplementation(function (this: LocalPair, track: number) {
    if ((this as unknown as PairInternals).processes[0]?.kind === 'extentCouple' && this.machineState === 'extentCoupling') return;
    copyTrack.call(this, track);
  });
}

const VARIANTS: readonly { name: string; def: PropertyDefinition; breakIt: () => void }[] = [
  { name: 'copy-before-write skipped in dividing', def: lcInvPointInTime[0]!, breakIt: skipCopyBeforeWriteInDividing },
  { name: 'extent update end forgets div := upd', def: lcInvExtentUpdate[0]!, breakIt: forgetUpdBitsAtUpdateEnd },
  { name: 'division during generation keeps the generation copy', def: lcInvPointInTime[0]!, breakIt: keepGenerationRunning },
  { name: 'couple copy copies nothing', def: lcInvCoupleDivide[0]!, breakIt: coupleCopiesNothing },
];

describe('broken local-copy variants fail the properties', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: ${v.def.id} fails and shrinks to at most ${SHRUNK_MAX} commands`, () => {
      v.breakIt();
      const details = fc.check(v.def.property(), { numRuns: 500 });
      vi.restoreAllMocks();
      const replay = `seed ${details.seed}, path ${details.counterexamplePath}`;
      expect(details.failed, 'the property must fail on a broken variant').toBe(true);
      expect(details.errorInstance, replay).toBeInstanceOf(TraceError);
      const ran = ranCommands(details.counterexample![0] as LcRun);
      const message = (details.errorInstance as Error).message;
      expect(ran.length, `${replay}: ${ran.join(', ')}\n${message}`).toBeGreaterThanOrEqual(1);
      expect(ran.length, `${replay}: ${ran.join(', ')}\n${message}`).toBeLessThanOrEqual(SHRUNK_MAX);
      if (process.env.PROPERTIES_REPORT) console.log(`${v.name}: ${ran.join(', ')}\n${message}`);
    });
  }

  it('the corrected model passes the same properties once the patches are gone', () => {
    for (const def of [lcInvPointInTime[0]!, lcInvExtentUpdate[0]!]) fc.assert(def.property(), { numRuns: 20 });
  });
});
