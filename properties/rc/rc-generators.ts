/**
 * The generators of the remote-copy harness (properties/rc/rc-model.ts): the scenario (designs,
 * levels, the geometry swarm of CHK-6, datasets, initial writes, the first pair), the pair
 * creations, where host I/O lands, and the weighted commands. Saved regression seeds depend on
 * the order of their draws.
 */
import fc from 'fast-check';
import type { Extent, Shape } from './rc-area.ts';
import { BIASED_MODES } from './rc-biased-areas.ts';
import type { TraceRun } from './rc-trace.ts';
import { BOUNDARY_TRACKS } from './rc-witnesses.ts';
import type { CreateSpec, Design, Level, RcDatasetSpec, RcScenario, RcWriteSpec } from './rc-scenario.ts';
import type { RcModel } from './rc-reference.ts';
import type { RcCommand } from './rc-command.ts';
import { CreateCommand, DeleteCommand, ResyncCommand, SettleCommand, StepCommand, SuspendCommand } from './rc-pair-commands.ts';
import { ReadSourceCommand, type SrcTarget, WriteSourceCommand } from './rc-source-commands.ts';
import { ReadTargetCommand, type TgtTarget, WriteTargetCommand } from './rc-target-commands.ts';
import { TakeoverCommand } from './rc-takeover-command.ts';
import { DeviceFailCommand, DeviceReplaceCommand, LinkCommand, SystemFailCommand } from './rc-fault-commands.ts';
import { CheckCommand, DatasetsCommand, StatusCommand } from './rc-inspect-commands.ts';

export interface RcWeights {
  readonly create: number;
  readonly writeSource: number;
  readonly readSource: number;
  readonly writeTarget: number;
  readonly readTarget: number;
  readonly step: number;
  readonly settle: number;
  readonly suspend: number;
  readonly resync: number;
  readonly link: number;
  readonly deviceFail: number;
  readonly deviceReplace: number;
  readonly failSource: number;
  readonly failTarget: number;
  readonly takeover: number;
  readonly delete: number;
  readonly status: number;
  readonly datasets: number;
  readonly check: number;
}

export const DEFAULT_RC_WEIGHTS: RcWeights = {
  create: 8, writeSource: 40, readSource: 3, writeTarget: 8, readTarget: 8, step: 25, settle: 8, suspend: 4, resync: 6, link: 4,
  deviceFail: 2, deviceReplace: 2, failSource: 1, failTarget: 0, takeover: 8, delete: 3, status: 2, datasets: 3, check: 2,
};

export interface RcScenarioOptions {
  readonly weights?: RcWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** T's design; default either. */
  readonly designT?: Design;
  /** Bound S's pair tables sometimes (TABLES_EXHAUSTED). */
  readonly tightTables?: boolean;
  /** Share of scenarios with 64 KiB tracks (default 0.02; the others have 4 KiB tracks). */
  readonly bigTracks?: number;
  /** Share of first pairs that include track 0 (default 0.4). */
  readonly track0?: number;
  /** fast-check's commands replay path. */
  readonly replayPath?: string;
}

const LEVELS_T: readonly { level: Level; devices: number }[] = [
  { level: 'raid1', devices: 2 }, { level: 'raid5', devices: 3 }, { level: 'raid5', devices: 4 }, { level: 'raid6', devices: 4 }, { level: 'raid6', devices: 5 },
];

function datasetsArb(vol: number, tracks: number): fc.Arbitrary<RcDatasetSpec[]> {
  return fc
    .array(fc.tuple(fc.nat({ max: 2 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.nat({ max: 2 }), fc.integer({ min: 1, max: 3 })), { minLength: 0, maxLength: 3 })
    .map((specs) => {
      const out: RcDatasetSpec[] = [];
      let at = 1;
      specs.forEach(([skip, len, two, gap, len2], i) => {
        const a = at + skip;
        const b = a + len - 1;
        if (b >= tracks) return;
        const extents: Extent[] = [[a, b]];
        at = b + 1;
        const c = b + 1 + gap;
        if (two && c + len2 - 1 < tracks) {
          extents.push([c, c + len2 - 1]);
          at = c + len2;
        }
        out.push({ vol, name: `DS${vol}${i}`, extents });
      });
      return out;
    });
}

export function createSpecArb(o: { track0?: number } = {}): fc.Arbitrary<CreateSpec> {
  const t0 = o.track0 ?? 0.25;
  return fc
    .record({
      vol: fc.nat({ max: 1 }),
      m: fc.nat({ max: 99 }),
      free: fc.boolean(),
      start: fc.nat({ max: 63 }),
      len1: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 32 }) }),
      gap: fc.integer({ min: 0, max: 3 }),
      len2: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 4 }) }),
      reversed: fc.boolean(),
      fence: fc.oneof({ weight: 3, arbitrary: fc.constant('never' as const) }, { weight: 1, arbitrary: fc.constant('data' as const) }),
      allocate: fc.oneof({ weight: 4, arbitrary: fc.constant('extent' as const) }, { weight: 1, arbitrary: fc.constant('full' as const) }),
      name: fc.oneof({ weight: 6, arbitrary: fc.constant('default' as const) }, { weight: 2, arbitrary: fc.constant('fresh' as const) }, { weight: 1, arbitrary: fc.constant('taken' as const) }),
      bias: fc.nat({ max: 11 }), // shrinks to the plain modes
    })
    .map((x): CreateSpec => ({
      vol: x.vol, mode: x.bias >= 6 ? BIASED_MODES[x.bias - 6]! : x.m < t0 * 100 ? 'track0' : x.free ? 'free' : 'any', start: x.start, len1: x.len1, gap: x.gap, len2: x.len2, reversed: x.reversed,
      fence: x.fence, allocate: x.allocate, name: x.name,
    }));
}

export function rcScenarioArb(o: RcScenarioOptions = {}): fc.Arbitrary<RcScenario> {
  return fc
    .record({
      designS: fc.constantFrom('ldev' as const, 'group' as const),
      designT: o.designT ? fc.constant(o.designT) : fc.constantFrom('ldev' as const, 'group' as const),
      s: fc.oneof({ weight: 4, arbitrary: fc.constant({ level: 'raid5' as Level, devices: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(...LEVELS_T) }),
      t: fc.constantFrom(...LEVELS_T),
      big: fc.nat({ max: 99 }).map((x) => x >= 100 - (o.bigTracks ?? 0.02) * 100), // shrinks to 4 KiB tracks
      twoVolumes: fc.nat({ max: 3 }).map((x) => x === 3), // shrinks to one volume
      // The geometry swarm (CHK-6): mostly small volumes (they shrink well), some across a bitmap word, a few across a summary word.
      tracks: fc.tuple(
        fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: fc.constant(16) }, { weight: 3, arbitrary: fc.integer({ min: 17, max: 24 }) }, { weight: 3, arbitrary: fc.integer({ min: 33, max: 70 }) }, { weight: 1, arbitrary: fc.integer({ min: 1025, max: 1040 }) }),
        fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(16) }, { weight: 1, arbitrary: fc.integer({ min: 33, max: 40 }) }),
      ),
      ldevS: fc.constantFrom(16384, 32768, 65536, 131072),
      ldevT: fc.constantFrom(16384, 32768, 65536, 131072),
      tables: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    })
    .chain((b) => {
      const trackBytes = b.big ? 65536 : 4096;
      const volumes = (b.twoVolumes ? [b.tracks[0], b.tracks[1]] : [b.tracks[0]]).map((n) => (b.big ? 16 : n));
      const minBytes = Math.min(...volumes) * trackBytes;
      const ldevBytesS = Math.min(b.ldevS, minBytes); // VOL-F-1: an LDEV no larger than the smallest volume
      const writes = fc.array(
        fc.tuple(fc.nat({ max: volumes.length - 1 }), fc.nat({ max: 63 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 255 })).map(([vol, t, n, fill]): RcWriteSpec => {
          const tracks = volumes[vol]!;
          const track = 1 + (t % (tracks - 1));
          return { vol, track, tracks: Math.min(n, tracks - track), fill };
        }),
        { minLength: 1, maxLength: 5 },
      );
      const ds = fc.tuple(...volumes.map((n, i) => datasetsArb(i, n))).map((lists) => lists.flat());
      return fc.tuple(writes, ds, createSpecArb({ track0: o.track0 ?? 0.4 })).map(([initialWrites, datasets, first]): RcScenario => ({
        designS: b.designS, designT: b.designT,
        levelS: b.s.level, devicesS: b.s.devices, levelT: b.t.level, devicesT: b.t.devices,
        ldevBytesS, ldevBytesT: b.ldevT, trackBytes, volumes,
        pairTables: o.tightTables && b.tables !== null ? b.tables : null,
        datasets, initialWrites, first: { ...first, vol: first.vol % volumes.length, name: 'default' },
      }));
    });
}

function srcTargetArb(): fc.Arbitrary<SrcTarget> {
  const pick = fc.nat({ max: 7 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 63 })).map(([vol, t]): SrcTarget => ({ kind: 'track', vol, t })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 1 }), fc.constantFrom(...BOUNDARY_TRACKS)).map(([vol, t]): SrcTarget => ({ kind: 'track', vol, t })) },
    { weight: 4, arbitrary: fc.tuple(pick, fc.nat({ max: 1 }), fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)).map(([p, ext, which]): SrcTarget => ({ kind: 'edge', pick: p, ext, which })) },
    { weight: 5, arbitrary: fc.tuple(pick, fc.integer({ min: -1, max: 2 })).map(([p, d]): SrcTarget => ({ kind: 'pointer', pick: p, d })) },
    { weight: 3, arbitrary: fc.tuple(pick, fc.nat({ max: 31 })).map(([p, k]): SrcTarget => ({ kind: 'recorded', pick: p, k })) },
  );
}

function tgtTargetArb(): fc.Arbitrary<TgtTarget> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.nat({ max: 31 }).map((k): TgtTarget => ({ kind: 'mapped', k })) },
    { weight: 4, arbitrary: fc.nat({ max: 31 }).map((k): TgtTarget => ({ kind: 'pending', k })) },
    { weight: 1, arbitrary: fc.nat({ max: 63 }).map((t): TgtTarget => ({ kind: 'any', t })) },
  );
}

export function shapeArb(tb: number): fc.Arbitrary<Shape> {
  const len = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: tb }));
  return fc.oneof(
    { weight: 3, arbitrary: len.map((n): Shape => ({ at: 'start', len: n })) },
    { weight: 2, arbitrary: len.map((n): Shape => ({ at: 'end', len: n })) },
    { weight: 2, arbitrary: fc.tuple(len, fc.nat({ max: tb })).map(([n, x]): Shape => ({ at: 'mid', len: n, x })) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).map(([before, after]): Shape => ({ at: 'span', before, after })) },
    { weight: 2, arbitrary: fc.constant<Shape>({ at: 'whole', len: 0 }) },
  );
}

export function rcCommandArb(s: RcScenario, o: RcScenarioOptions = {}): fc.Arbitrary<RcCommand> {
  const w = o.weights ?? DEFAULT_RC_WEIGHTS;
  const fill = fc.integer({ min: 1, max: 255 });
  const pick = fc.nat({ max: 7 });
  const smart = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const sys = fc.constantFrom('S' as const, 'T' as const);
  const options: fc.WeightedArbitrary<RcCommand>[] = [
    { weight: w.create, arbitrary: createSpecArb().map((c) => new CreateCommand(c)) },
    {
      weight: w.writeSource,
      arbitrary: fc
        .tuple(srcTargetArb(), shapeArb(s.trackBytes), fill, fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
        .map(([t, sh, f, v]) => new WriteSourceCommand(t, sh, f, v)),
    },
    {
      // CHK-6: across the copy pointer (the track before it and the pointer's own).
      weight: Math.ceil(w.writeSource / 8),
      arbitrary: fc
        .tuple(pick, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fill)
        .map(([p, before, after, f]) => new WriteSourceCommand({ kind: 'pointer', pick: p, d: -1 }, { at: 'span', before, after }, f)),
    },
    { weight: w.readSource, arbitrary: fc.tuple(srcTargetArb(), shapeArb(s.trackBytes)).map(([t, sh]) => new ReadSourceCommand(t, sh)) },
    { weight: w.writeTarget, arbitrary: fc.tuple(fc.nat({ max: 31 }), tgtTargetArb(), shapeArb(s.trackBytes), fill).map(([p, t, sh, f]) => new WriteTargetCommand(p, t, sh, f)) },
    { weight: w.readTarget, arbitrary: fc.tuple(fc.nat({ max: 31 }), tgtTargetArb(), shapeArb(s.trackBytes)).map(([p, t, sh]) => new ReadTargetCommand(p, t, sh)) },
    {
      weight: w.step,
      arbitrary: fc
        .tuple(pick, smart, fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(1000) }))
        .map(([p, sm, n]) => new StepCommand(p, sm, n)),
    },
    // CHK-6: to just before, at or past the next 32-track word of the difference bitmap.
    { weight: Math.ceil(w.step / 4), arbitrary: fc.tuple(pick, fc.integer({ min: 0, max: 2 })).map(([p, d]) => new StepCommand(p, true, 1, d)) },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.suspend, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new SuspendCommand(p, sm)) },
    { weight: w.resync, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new ResyncCommand(p, sm)) },
    { weight: w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(false)) },
    { weight: 2 * w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(true)) },
    { weight: w.deviceFail, arbitrary: fc.tuple(sys, fc.nat({ max: 4 })).map(([y, d]) => new DeviceFailCommand(y, d)) },
    { weight: w.deviceReplace, arbitrary: fc.tuple(sys, fc.nat({ max: 4 })).map(([y, d]) => new DeviceReplaceCommand(y, d)) },
    { weight: w.failSource, arbitrary: fc.constant(null).map(() => new SystemFailCommand('S')) },
    { weight: w.failTarget, arbitrary: fc.constant(null).map(() => new SystemFailCommand('T')) },
    {
      weight: w.takeover,
      arbitrary: fc
        .tuple(pick, smart, fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }))
        .map(([p, sm, x]) => new TakeoverCommand(p, sm, x)),
    },
    { weight: w.delete, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new DeleteCommand(p, sm)) },
    { weight: w.status, arbitrary: fc.tuple(pick, smart).map(([p, sm]) => new StatusCommand(p, sm)) },
    { weight: w.datasets, arbitrary: fc.tuple(fc.boolean(), fc.nat({ max: 31 })).map(([onT, p]) => new DatasetsCommand(onT, p)) },
    { weight: w.check, arbitrary: fc.constant(null).map(() => new CheckCommand()) },
  ];
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type RcRun = [RcScenario, Iterable<fc.Command<RcModel, TraceRun>>];

export function rcRunArb(o: RcScenarioOptions = {}): fc.Arbitrary<RcRun> {
  return rcScenarioArb(o).chain((s) =>
    fc
      .commands([rcCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 120, ...(o.replayPath ? { replayPath: o.replayPath } : {}) })
      .map((cmds): RcRun => [s, cmds]),
  );
}
