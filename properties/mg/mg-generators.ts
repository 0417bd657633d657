/**
 * The migration harness's generators (properties/mg/mg-model.ts): scenarios, a migration's
 * extents, where a host I/O of the target lands, and the commands with their weights.
 */
import fc from 'fast-check';
import type { Level } from '../rc/rc-model.ts';
import { shapeArb } from '../rc/rc-model.ts';
import type { TraceRun } from '../rc/rc-trace.ts';
import type { MgCommand } from './mg-command.ts';
import { DeviceCommand, FailOldCommand, LinkCommand } from './mg-fault-commands.ts';
import { type MgTarget, ReadTargetCommand, SourceIoCommand, WriteTargetCommand } from './mg-host-commands.ts';
import { CheckCommand, CreateCommand, DeleteCommand, SettleCommand, StatusCommand, StepCommand } from './mg-pair-commands.ts';
import type { MgModel } from './mg-reference.ts';
import type { MgCreateSpec, MgScenario, MgWriteSpec } from './mg-scenario.ts';

export interface MgWeights {
  readonly create: number;
  readonly writeTarget: number;
  readonly readTarget: number;
  readonly sourceIo: number;
  readonly step: number;
  readonly settle: number;
  readonly link: number;
  readonly failOld: number;
  readonly device: number;
  readonly delete: number;
  readonly status: number;
  readonly check: number;
}

export const DEFAULT_MG_WEIGHTS: MgWeights = {
  create: 8, writeTarget: 35, readTarget: 20, sourceIo: 3, step: 12, settle: 2, link: 4, failOld: 1, device: 3, delete: 2, status: 2, check: 2,
};

export interface MgScenarioOptions {
  readonly weights?: MgWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** Share of scenarios with 64 KiB tracks (default 0.02). */
  readonly bigTracks?: number;
  readonly replayPath?: string;
}

const LEVELS: readonly { level: Level; devices: number }[] = [
  { level: 'raid1', devices: 2 }, { level: 'raid5', devices: 3 }, { level: 'raid5', devices: 4 }, { level: 'raid6', devices: 4 }, { level: 'raid6', devices: 5 },
];

export function mgCreateSpecArb(): fc.Arbitrary<MgCreateSpec> {
  return fc
    .record({
      start: fc.nat({ max: 63 }),
      len1: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 3, arbitrary: fc.integer({ min: 4, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 17, max: 32 }) }),
      gap: fc.integer({ min: 0, max: 3 }),
      len2: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
      beyond: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map((x): MgCreateSpec => x);
}

export function mgScenarioArb(o: MgScenarioOptions = {}): fc.Arbitrary<MgScenario> {
  return fc
    .record({
      designO: fc.constantFrom('ldev' as const, 'group' as const),
      designN: fc.constantFrom('ldev' as const, 'group' as const),
      o: fc.constantFrom(...LEVELS),
      n: fc.constantFrom(...LEVELS),
      big: fc.nat({ max: 99 }).map((x) => x >= 100 - (o.bigTracks ?? 0.02) * 100), // shrinks to 4 KiB tracks
      srcTracks: fc.oneof({ weight: 3, arbitrary: fc.constant(12) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 20 }) }),
      extra: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -4, max: 2 }) }),
      ldevO: fc.constantFrom(16384, 32768, 65536),
      ldevN: fc.constantFrom(16384, 32768, 65536),
      tables: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(1) }),
      first: mgCreateSpecArb().map((c) => ({ ...c, beyond: false })),
    })
    .chain((b) => {
      const trackBytes = b.big ? 65536 : 4096;
      const srcTracks = b.big ? 8 : b.srcTracks;
      const tgtTracks = Math.max(b.big ? 8 : 12, srcTracks + b.extra);
      const writes = (tracks: number) =>
        fc.array(
          fc.tuple(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 255 })).map(([t, n, fill]): MgWriteSpec => {
            const track = t % tracks;
            return { track, tracks: Math.min(n, tracks - track), fill };
          }),
          { minLength: 1, maxLength: 5 },
        );
      return fc.tuple(writes(srcTracks), writes(tgtTracks)).map(([srcWrites, tgtWrites]): MgScenario => ({
        designO: b.designO, designN: b.designN, levelO: b.o.level, devicesO: b.o.devices, levelN: b.n.level, devicesN: b.n.devices,
        ldevBytesO: Math.min(b.ldevO, srcTracks * trackBytes), ldevBytesN: Math.min(b.ldevN, tgtTracks * trackBytes), trackBytes,
        srcTracks, tgtTracks, pairTables: b.tables, srcWrites, tgtWrites, first: b.first,
      }));
    });
}

function mgTargetArb(): fc.Arbitrary<MgTarget> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.nat({ max: 63 }).map((t): MgTarget => ({ kind: 'track', t })) },
    { weight: 5, arbitrary: fc.integer({ min: -1, max: 2 }).map((d): MgTarget => ({ kind: 'pointer', d })) },
    { weight: 5, arbitrary: fc.nat({ max: 31 }).map((k): MgTarget => ({ kind: 'pending', k })) },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 1 }), fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)).map(([ext, which]): MgTarget => ({ kind: 'edge', ext, which })) },
  );
}

export function mgCommandArb(s: MgScenario, o: MgScenarioOptions = {}): fc.Arbitrary<MgCommand> {
  const w = o.weights ?? DEFAULT_MG_WEIGHTS;
  const fill = fc.integer({ min: 1, max: 255 });
  const options: fc.WeightedArbitrary<MgCommand>[] = [
    { weight: w.create, arbitrary: mgCreateSpecArb().map((c) => new CreateCommand(c)) },
    { weight: w.writeTarget, arbitrary: fc.tuple(mgTargetArb(), shapeArb(s.trackBytes), fill).map(([t, sh, f]) => new WriteTargetCommand(t, sh, f)) },
    { weight: w.readTarget, arbitrary: fc.tuple(mgTargetArb(), shapeArb(s.trackBytes)).map(([t, sh]) => new ReadTargetCommand(t, sh)) },
    { weight: w.sourceIo, arbitrary: fc.tuple(fc.boolean(), fc.nat({ max: 63 }), shapeArb(s.trackBytes), fill).map(([wr, t, sh, f]) => new SourceIoCommand(wr, t, sh, f)) },
    {
      weight: w.step,
      arbitrary: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constant(1000) }).map((n) => new StepCommand(n)),
    },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(false)) },
    { weight: 2 * w.link, arbitrary: fc.constant(null).map(() => new LinkCommand(true)) },
    { weight: w.failOld, arbitrary: fc.constant(null).map(() => new FailOldCommand()) },
    {
      weight: w.device,
      arbitrary: fc.tuple(fc.boolean(), fc.constantFrom('O' as const, 'N' as const), fc.nat({ max: 4 })).map(([rep, sys, d]) => new DeviceCommand(rep, sys, d)),
    },
    { weight: w.delete, arbitrary: fc.constant(null).map(() => new DeleteCommand()) },
    { weight: w.status, arbitrary: fc.constant(null).map(() => new StatusCommand()) },
    { weight: w.check, arbitrary: fc.constant(null).map(() => new CheckCommand()) },
  ];
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type MgRun = [MgScenario, Iterable<fc.Command<MgModel, TraceRun>>];

export function mgRunArb(o: MgScenarioOptions = {}): fc.Arbitrary<MgRun> {
  return mgScenarioArb(o).chain((s) =>
    fc
      .commands([mgCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 140, ...(o.replayPath ? { replayPath: o.replayPath } : {}) })
      .map((cmds): MgRun => [s, cmds]),
  );
}
