/**
 * The remote-copy and migration properties can fail: run on deliberately broken variants of the
 * corrected model (monkeypatched for the duration of one fc.check with vi.spyOn), or on the
 * literal variant, they find a counterexample and shrink it to a handful of commands.
 *
 * - a write at or above the copy pointer during `copying` is transferred and its bit cleared,
 *   so the copy never carries the rest of the track (RC-W-4 undone); caught by RC-INV-2.copyPrefix;
 * - a write to a suspended pair is not recorded (RC-W-5 undone); caught by RC-INV-3.suspensionRecords;
 * - a resynchronisation clears the bitmap before copying (RC-R-2 undone); caught by RC-INV-3;
 * - the group/LDEV tables forget a second pair of the same source (RC-D-2, RC-D-3, RC-G-5
 *   undone): writes to a sibling's area are neither transferred nor recorded; caught by RC-INV-6.tablesSound;
 * - the literal variant (erratum RC-E-1: host access during the copy of A into B reversed);
 *   caught by RC-INV-5.takeover;
 * - the literal variant (erratum MG-E-1: a write above the pointer is not marked copied);
 *   caught by MG-INV-1.transparency, comparing only what the host sees;
 * - a migration copy that marks tracks copied without pulling them (MG-C-1 undone); caught by
 *   MG-INV-1.transparency (N's stored bytes: MG-INV-2).
 */
import fc from 'fast-check';
import { afterEach, describe, it, vi } from 'vitest';
import { expectCaughtAndShrunk } from '../harness/broken-variant.ts';
import { MigrationPair } from '../../src/migration/migration-pair.ts';
import { inArea } from '../../src/remote-copy/area.ts';
import { RemoteCopyManager } from '../../src/remote-copy/remote-copy-manager.ts';
import { RemotePair } from '../../src/remote-copy/remote-pair.ts';
import { SourceTables } from '../../src/remote-copy/source-tables.ts';
import { MG_INV_1_OPTIONS, mgInvTransparency } from '../mg/mg-inv-transparency.ts';
import { mgProperty } from '../mg/mg-model.ts';
import { rcInvCopyPrefix } from './rc-inv-copy-prefix.ts';
import { rcInvSuspensionRecords } from './rc-inv-suspension-records.ts';
import { RC_INV_5_OPTIONS } from './rc-inv-takeover.ts';
import { rcInvTablesSound } from './rc-inv-tables-sound.ts';
import { rcProperty } from './rc-model.ts';

/** Most commands a shrunk counterexample may keep. */
const SHRUNK_MAX = 12;

/** Wraps every host write's remote part: `after` runs once the write is stored and routed. */
function afterRemoteWrite(after: (manager: RemoteCopyManager, pairs: RemotePair[], tracks: number[], offset: number, data: Uint8Array, before: Map<RemotePair, boolean[]>) => void): void {
  const plan = RemoteCopyManager.prototype.planWrite;
  const commit = RemoteCopyManager.prototype.commitWrite;
  const planned = new WeakMap<object, { pairs: RemotePair[]; tracks: number[] }>();
  vi.spyOn(RemoteCopyManager.prototype, 'planWrite').mockImplementation(function (this: RemoteCopyManager, system, volume, offset, length) {
    const p = plan.call(this, system, volume, offset, length);
    const T = volume.emulation.trackBytes;
    const tracks: number[] = [];
    for (let t = Math.floor(offset / T); t * T < offset + length; t++) tracks.push(t);
    planned.set(p, { pairs: [...this.pairs.values()].filter((x) => x.source.volume === volume), tracks });
    return p;
  });
  vi.spyOn(RemoteCopyManager.prototype, 'commitWrite').mockImplementation(function (this: RemoteCopyManager, p, offset, data) {
    const { pairs, tracks } = planned.get(p)!;
    const before = new Map(pairs.map((x) => [x, tracks.map((t) => x.bits.get(t))]));
    const written = commit.call(this, p, offset, data);
    after(this, pairs, tracks, offset, data, before);
    return written;
  });
}

function transferAbovePointerClearsBit(): void {
  afterRemoteWrite((_m, pairs, tracks, offset, data) => {
    for (const p of pairs) {
      if (p.state !== 'copying') continue;
      const T = p.source.volume.emulation.trackBytes;
      for (const t of tracks) {
        if (t < p.pointer || !inArea(p.area, t)) continue;
        const a = Math.max(offset, t * T);
        const b = Math.min(offset + data.length, (t + 1) * T);
        p.target.write(a, data.subarray(a - offset, b - offset));
        p.bits.clear(t);
      }
    }
  });
}

function suspendedWriteNotRecorded(): void {
  afterRemoteWrite((_m, pairs, tracks, _offset, _data, before) => {
    for (const p of pairs) {
      if (p.state !== 'suspended') continue;
      tracks.forEach((t, i) => {
        if (!before.get(p)![i]) p.bits.clear(t);
      });
    }
  });
}

function resyncClearsBitmap(): void {
  const restart = RemotePair.prototype.restartCopy;
  vi.spyOn(RemotePair.prototype, 'restartCopy').mockImplementation(function (this: RemotePair) {
    restart.call(this);
    for (const [a, b] of this.area) this.bits.clearRange(a, b);
  });
}

function tablesForgetSiblings(): void {
  const add = SourceTables.prototype.add;
  vi.spyOn(SourceTables.prototype, 'add').mockImplementation(function (this: SourceTables, pair: RemotePair) {
    const byVolume = (this as unknown as { byVolume: Map<unknown, unknown> }).byVolume;
    if (byVolume.has(pair.source.volume)) return;
    add.call(this, pair);
  });
}

function migrationCopyDoesNotPull(): void {
  vi.spyOn(MigrationPair.prototype as unknown as { pull(track: number): void }, 'pull').mockImplementation(() => {});
}

const VARIANTS: readonly { name: string; id: string; property: () => fc.IProperty<any>; breakIt?: () => void }[] = [
  { name: 'a write at or above the pointer is transferred and not re-copied', id: 'RC-INV-2.copyPrefix', property: () => rcInvCopyPrefix[0]!.property(), breakIt: transferAbovePointerClearsBit },
  { name: 'a write to a suspended pair is not recorded', id: 'RC-INV-3.suspensionRecords', property: () => rcInvSuspensionRecords[0]!.property(), breakIt: suspendedWriteNotRecorded },
  { name: 'a resynchronisation clears the bitmap before copying', id: 'RC-INV-3.suspensionRecords', property: () => rcInvSuspensionRecords[0]!.property(), breakIt: resyncClearsBitmap },
  { name: 'the tables forget a sibling pair', id: 'RC-INV-6.tablesSound', property: () => rcInvTablesSound[0]!.property(), breakIt: tablesForgetSiblings },
  { name: 'literal variant (RC-E-1, takeover routing reversed)', id: 'RC-INV-5.takeover', property: () => rcProperty({ ...RC_INV_5_OPTIONS, variant: 'literal' }) },
  { name: 'literal variant (MG-E-1, a write above the pointer not marked copied)', id: 'MG-INV-1.transparency', property: () => mgProperty({ ...MG_INV_1_OPTIONS, variant: 'literal', dataOnly: true }) },
  { name: 'a migration copy marks tracks copied without pulling them', id: 'MG-INV-1.transparency', property: () => mgInvTransparency[0]!.property(), breakIt: migrationCopyDoesNotPull },
];

describe('broken remote-copy and migration variants fail the properties', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: ${v.id} fails and shrinks to at most ${SHRUNK_MAX} commands`, () => {
      expectCaughtAndShrunk(v.name, v.property, v.breakIt, SHRUNK_MAX);
    });
  }

  it('the corrected model passes the same properties once the patches are gone', () => {
    for (const def of [rcInvCopyPrefix[0]!, rcInvSuspensionRecords[0]!, mgInvTransparency[0]!]) fc.assert(def.property(), { numRuns: 10 });
  });
});
