/**
 * The online-rearrangement properties can fail: run on deliberately broken variants of the model
 * (monkeypatched for the duration of one fc.check with vi.spyOn), they find a counterexample and
 * shrink it to a handful of commands.
 *
 * - a host write below the copy pointer goes to the source LDEV (PL-W-1 undone for writes: the
 *   destination already holds that track, so the write is lost there); caught by PL-INV-1.hostView;
 * - an entry is rebound to its destination as soon as the pointer enters it, before its last
 *   track is copied (PL-C-2 undone); caught by PL-INV-1.hostView;
 * - a finished entry's source LDEV is not returned to the pool (PL-C-2 undone); caught by
 *   PL-INV-2.mappingSound;
 * - the sources are returned once more when the relocation completes, though another
 *   relocation may have taken one meanwhile; caught by PL-INV-2.mappingSound.
 */
import fc from 'fast-check';
import { afterEach, describe, it, vi } from 'vitest';
import { expectCaughtAndShrunk } from '../harness/broken-variant.ts';
import { Relocation } from '../../src/placement/relocation.ts';
import { LdevPool } from '../../src/volume/ldev-pool.ts';
import { LogicalVolume } from '../../src/volume/logical-volume.ts';
import { PL_INV_1_OPTIONS, plInvHostView } from './pl-inv-host-view.ts';
import { PL_INV_2_OPTIONS, plInvMappingSound } from './pl-inv-mapping-sound.ts';
import { plProperty } from './pl-model.ts';

/** Most commands a shrunk counterexample may keep. */
const SHRUNK_MAX = 10;
/**
 * The properties as defined, on shorter runs: a failing run of 150 commands takes seconds to
 * shrink, one of 60 a fraction; every variant is still found within a few hundred runs.
 */
const BROKEN_RUN_COMMANDS = 60;
const hostView = () => plProperty({ ...PL_INV_1_OPTIONS, maxCommands: BROKEN_RUN_COMMANDS });
const mappingSound = () => plProperty({ ...PL_INV_2_OPTIONS, maxCommands: BROKEN_RUN_COMMANDS });

function writesBelowPointerToSource(): void {
  let writing = 0;
  const write = LogicalVolume.prototype.write;
  vi.spyOn(LogicalVolume.prototype, 'write').mockImplementation(function (this: LogicalVolume, offset, data) {
    writing++;
    try {
      write.call(this, offset, data);
    } finally {
      writing--;
    }
  });
  const route = Relocation.prototype.route;
  vi.spyOn(Relocation.prototype, 'route').mockImplementation(function (this: Relocation, entry, address) {
    const routed = route.call(this, entry, address);
    // While relocating, entry.ldev is the source; a write routed elsewhere goes there instead.
    return writing > 0 && routed && routed.ldev !== entry.ldev ? { ldev: entry.ldev, last: routed.last } : routed;
  });
}

function entryReboundEarly(): void {
  const step = Relocation.prototype.step;
  vi.spyOn(Relocation.prototype, 'step').mockImplementation(function (this: Relocation, units) {
    const copied = step.call(this, units);
    const boundary = this.pointer * this.volume.emulation.trackBytes;
    for (const mv of this.moves) {
      if (mv.done || this.volume.table[mv.index]!.first >= boundary) continue;
      this.volume.rebind(mv.index, mv.to);
      mv.done = true;
      this.system.pool.release([mv.from]);
    }
    return copied;
  });
}

function sourceNotReturned(): void {
  vi.spyOn(LdevPool.prototype, 'release').mockImplementation(() => {});
}

function sourcesReturnedTwice(): void {
  const step = Relocation.prototype.step;
  vi.spyOn(Relocation.prototype, 'step').mockImplementation(function (this: Relocation, units) {
    const was = this.done;
    const copied = step.call(this, units);
    if (!was && this.done) this.system.pool.release(this.moves.map((mv) => mv.from));
    return copied;
  });
}

const VARIANTS: readonly { name: string; id: string; property: () => fc.IProperty<any>; breakIt: () => void }[] = [
  { name: 'a host write below the copy pointer goes to the source LDEV', id: 'PL-INV-1.hostView', property: hostView, breakIt: writesBelowPointerToSource },
  { name: 'an entry is rebound before its last track is copied', id: 'PL-INV-1.hostView', property: hostView, breakIt: entryReboundEarly },
  { name: 'a finished entry\'s source LDEV is not returned to the pool', id: 'PL-INV-2.mappingSound', property: mappingSound, breakIt: sourceNotReturned },
  { name: 'the sources are returned to the pool twice', id: 'PL-INV-2.mappingSound', property: mappingSound, breakIt: sourcesReturnedTwice },
];

describe('broken online-rearrangement variants fail the properties', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: ${v.id} fails and shrinks to at most ${SHRUNK_MAX} commands`, () => {
      expectCaughtAndShrunk(v.name, v.property, v.breakIt, SHRUNK_MAX);
    });
  }

  it('the model passes the same properties once the patches are gone', () => {
    for (const def of [plInvHostView[0]!, plInvMappingSound[0]!]) fc.assert(def.property(), { numRuns: 10 });
  });
});
