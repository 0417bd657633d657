/** The local-copy harness's generators: scenarios, the geometry swarm, commands (properties/lc/lc-model.ts). */
import fc from 'fast-check';
import { boundaryExtentArb, fitGeometry, tracksArb } from './lc-geometry.ts';
import { type Extent, type LcScenario, type LcWriteSpec } from './lc-vocabulary.ts';
import { LcModel } from './lc-reference.ts';
import { LcReal } from './lc-trace-run.ts';
import { CheckCommand, CoupleCommand, CreateCommand, DeleteCommand, DivideCommand, ExtentDivideCommand, ExtentUpdateCommand, LcCommand, ReadCommand, SettleCommand, StepCommand, WriteCommand, type WriteShape, type WriteTarget } from './lc-commands.ts';

// ---------------------------------------------------------------------------
// Generators

export interface LcWeights {
  readonly write: number;
  readonly writeCopy: number;
  readonly read: number;
  readonly step: number;
  readonly settle: number;
  readonly divide: number;
  readonly extentUpdate: number;
  readonly extentDivide: number;
  readonly couple: number;
  readonly delete: number;
  readonly create: number;
  readonly check: number;
}

export const DEFAULT_LC_WEIGHTS: LcWeights = {
  write: 30, writeCopy: 1, read: 8, step: 22, settle: 3, divide: 5, extentUpdate: 5, extentDivide: 5, couple: 4, delete: 1, create: 2, check: 2,
};

export interface LcScenarioOptions {
  /** The first pair: whole volume, eighth embodiment, or either. */
  readonly area?: 'never' | 'always' | 'sometimes';
  /** Share of new pairs (after a deletion) created on extents, 0..1 (default 0.3). */
  readonly areaCreates?: number;
  readonly weights?: LcWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** Bound the pair tables sometimes (TABLES_EXHAUSTED for area pairs with more extents). */
  readonly tightTables?: boolean;
  /** fast-check's commands replay path (with the run's seed and path), see `commandsReplayPath`. */
  readonly replayPath?: string;
}

export function extentArb(T: number): fc.Arbitrary<Extent> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: T - 1 }),
      fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: T }) }),
    )
    .map(([a, n]): Extent => [a, Math.min(T - 1, a + n - 1)]);
}

/** 1–2 extents (an eighth-embodiment area): mostly disjoint and ascending, sometimes any two. */
export function areaArb(T: number): fc.Arbitrary<Extent[]> {
  return fc.oneof(
    { weight: 3, arbitrary: extentArb(T).map((e) => [e]) },
    { weight: 2, arbitrary: boundaryExtentArb(T).map((e) => [e]) },
    { weight: 1, arbitrary: fc.tuple(extentArb(T), extentArb(T)).map(([a, b]) => [a, b]) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: T - 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
        .map(([a, n1, gap, n2]): Extent[] => {
          const e1: Extent = [a, Math.min(T - 3, a + n1 - 1)];
          const b = Math.min(T - 1, e1[1] + 1 + gap);
          return [e1, [b, Math.min(T - 1, b + n2 - 1)]];
        }),
    },
  );
}

export function lcScenarioArb(o: LcScenarioOptions = {}): fc.Arbitrary<LcScenario> {
  return fc
    .record({
      level: fc.constantFrom('raid5' as const, 'raid1' as const),
      extraDevice: fc.boolean(),
      stripeUnitBytes: fc.constantFrom(512, 4096),
      trackBytes: fc.constantFrom(512, 1024, 2048, 4096),
      tracks: tracksArb,
      copyExtraTracks: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      ldevTracks: fc.constantFrom(1, 2, 4, 8),
      tables: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      wantArea: o.area === 'always' ? fc.constant(true) : o.area === 'sometimes' ? fc.boolean() : fc.constant(false),
    })
    .chain((raw) => {
      const b = { ...raw, ...fitGeometry(raw.tracks, raw.trackBytes, raw.ldevTracks) };
      const T = b.tracks;
      const tb = b.trackBytes;
      const initial = fc.array(
        fc.tuple(fc.integer({ min: 0, max: T - 1 }), fc.integer({ min: 1, max: T }), fc.integer({ min: 1, max: 255 })).map(([a, n, fill]): LcWriteSpec => ({
          offset: a * tb, length: Math.min(n, T - a) * tb, fill,
        })),
        { minLength: 1, maxLength: 4 },
      );
      const palette = fc.array(fc.oneof({ weight: 2, arbitrary: extentArb(T) }, { weight: 1, arbitrary: boundaryExtentArb(T) }), { minLength: 2, maxLength: 4 });
      const area = b.wantArea ? areaArb(T) : fc.constant(null);
      return fc.tuple(initial, palette, area).map(([initialWrites, pal, a]): LcScenario => ({
        level: b.level,
        devices: b.level === 'raid1' ? 2 : 3 + (b.extraDevice ? 1 : 0),
        stripeUnitBytes: b.stripeUnitBytes,
        trackBytes: tb,
        tracks: T,
        copyExtraTracks: b.copyExtraTracks,
        ldevTracks: Math.min(b.ldevTracks, T),
        pairTables: o.tightTables && b.tables !== null ? Math.max(b.tables, a?.length ?? 1) : null,
        initialWrites,
        area: a,
        // The area's extents are in the palette, so commands aim at them too.
        palette: a ? [...a, ...pal] : pal,
      }));
    });
}

export function targetArb(s: LcScenario, tracks = s.tracks): fc.Arbitrary<WriteTarget> {
  const i = fc.nat({ max: s.palette.length - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.nat({ max: tracks - 1 }).map((t): WriteTarget => ({ kind: 'track', t })) },
    { weight: 3, arbitrary: fc.tuple(i, fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const)).map(([i, which]): WriteTarget => ({ kind: 'edge', i, which })) },
    { weight: 3, arbitrary: fc.tuple(i, fc.nat({ max: 7 })).map(([i, k]): WriteTarget => ({ kind: 'inExtent', i, k })) },
    { weight: 4, arbitrary: fc.integer({ min: -1, max: 2 }).map((d): WriteTarget => ({ kind: 'next', d })) },
  );
}

export function shapeArb(tb: number): fc.Arbitrary<WriteShape> {
  const len = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: tb }));
  return fc.oneof(
    { weight: 3, arbitrary: len.map((n): WriteShape => ({ at: 'start', len: n })) },
    { weight: 2, arbitrary: len.map((n): WriteShape => ({ at: 'end', len: n })) },
    { weight: 2, arbitrary: fc.tuple(len, fc.nat({ max: tb })).map(([n, x]): WriteShape => ({ at: 'mid', len: n, x })) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).map(([before, after]): WriteShape => ({ at: 'span', before, after })) },
    { weight: 1, arbitrary: fc.constant<WriteShape>({ at: 'whole', len: 0 }) },
  );
}

export function readShapeArb(tb: number): fc.Arbitrary<WriteShape> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<WriteShape>({ at: 'whole', len: 0 }) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: tb }), fc.integer({ min: 1, max: tb })).map(([before, after]): WriteShape => ({ at: 'span', before, after })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 64 }), fc.nat({ max: tb })).map(([n, x]): WriteShape => ({ at: 'mid', len: n, x })) },
  );
}

/** 1–2 extents, mostly from the palette. */
export function extentsArb(s: LcScenario): fc.Arbitrary<Extent[]> {
  const one = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.palette) }, { weight: 1, arbitrary: extentArb(s.tracks) });
  return fc.oneof({ weight: 3, arbitrary: one.map((e) => [e]) }, { weight: 1, arbitrary: fc.tuple(one, one).map(([a, b]) => [a, b]) });
}

export function lcCommandArb(s: LcScenario, o: LcScenarioOptions = {}): fc.Arbitrary<LcCommand> {
  const w = o.weights ?? DEFAULT_LC_WEIGHTS;
  const fill = fc.integer({ min: 1, max: 255 });
  const areaCreates = o.areaCreates ?? 0.3;
  const options: fc.WeightedArbitrary<LcCommand>[] = [
    { weight: w.write, arbitrary: fc.tuple(targetArb(s), shapeArb(s.trackBytes), fill).map(([t, sh, f]) => new WriteCommand('ORIG', t, sh, f)) },
    { weight: w.writeCopy, arbitrary: fc.tuple(targetArb(s, s.tracks + s.copyExtraTracks), shapeArb(s.trackBytes), fill).map(([t, sh, f]) => new WriteCommand('COPY', t, sh, f)) },
    { weight: w.read, arbitrary: fc.tuple(targetArb(s, s.tracks + s.copyExtraTracks), readShapeArb(s.trackBytes)).map(([t, sh]) => new ReadCommand(t, sh)) },
    {
      weight: w.step,
      arbitrary: fc
        .oneof(
          { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) },
          { weight: 1, arbitrary: fc.integer({ min: 5, max: 30 }) },
          // To the end of the running copy: one command where a shrunk counterexample would keep several.
          { weight: 1, arbitrary: fc.constant(1000) },
        )
        .map((n) => new StepCommand(n)),
    },
    {
      // CHK-6: to just before, at or past the next bitmap word or summary word boundary.
      weight: Math.ceil(w.step / 4),
      arbitrary: fc.tuple(fc.constantFrom(32, 1024), fc.integer({ min: 0, max: 2 })).map(([boundary, d]) => new StepCommand(1, { boundary, d })),
    },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.divide, arbitrary: fc.tuple(fc.boolean(), fc.boolean()).map(([x, rev]) => new DivideCommand(x, rev)) },
    { weight: w.extentUpdate, arbitrary: extentsArb(s).map((e) => new ExtentUpdateCommand(e)) },
    { weight: w.extentDivide, arbitrary: extentsArb(s).map((e) => new ExtentDivideCommand(e)) },
    { weight: w.couple, arbitrary: fc.constant(null).map(() => new CoupleCommand()) },
    { weight: w.delete, arbitrary: fc.constant(null).map(() => new DeleteCommand()) },
    {
      weight: w.create,
      arbitrary: fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), areaArb(s.tracks), fc.nat({ max: 9 }))
        .map(([x, a, k]) => new CreateCommand(x < areaCreates ? a : null, k === 0)),
    },
    { weight: w.check, arbitrary: fc.constant(null).map(() => new CheckCommand()) },
  ];
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type LcRun = [LcScenario, Iterable<fc.Command<LcModel, LcReal>>];

export function lcRunArb(o: LcScenarioOptions = {}): fc.Arbitrary<LcRun> {
  return lcScenarioArb(o).chain((s) =>
    fc
      .commands([lcCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 150, ...(o.replayPath ? { replayPath: o.replayPath } : {}) })
      .map((cmds): LcRun => [s, cmds]),
  );
}
