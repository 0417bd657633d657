/** The relocation harness's generators (properties/pl/pl-model.ts). */
import fc from 'fast-check';
import { shapeArb } from '../rc/rc-model.ts';
import { TraceRun } from '../rc/rc-trace.ts';
import { DATA_DEVICES, entriesOfTracks, type PlAreaSpec, type PlGroupSpec, type PlLevel, type PlScenario, type PlVolumeSpec, type PlWriteSpec } from './pl-vocabulary.ts';
import { PlModel } from './pl-reference.ts';
import { PlCommand, type PlGroupPick, type PlTarget, type PlTracks, RelocateCommand, SettleCommand, StepCommand } from './pl-commands.ts';
import { clip, DeviceFailCommand, DeviceReplaceCommand, PairCreateCommand, PairDeleteCommand, PairDivideCommand, ReadCommand, RebuildStepCommand, WriteCommand } from './pl-io-commands.ts';

// ---------------------------------------------------------------------------
// Generators

export interface PlWeights {
  readonly relocate: number;
  readonly step: number;
  readonly settle: number;
  readonly write: number;
  readonly read: number;
  readonly deviceFail: number;
  readonly deviceReplace: number;
  readonly rebuildStep: number;
  readonly pair: number;
}

export const DEFAULT_PL_WEIGHTS: PlWeights = {
  relocate: 10, step: 16, settle: 2, write: 24, read: 16, deviceFail: 3, deviceReplace: 2, rebuildStep: 2, pair: 3,
};

export interface PlScenarioOptions {
  readonly weights?: PlWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
  /** Share of scenarios with two volumes (a local pair needs two). */
  readonly twoVolumes?: number;
  /** Most LDEVs a group keeps free beyond what formation takes. */
  readonly slackMax?: number;
  /** Most table entries per volume. */
  readonly entriesMax?: number;
}

/** Each level with the device counts a scenario draws from (small groups: 2–5 devices). */
export const LEVEL_DEVICES: Readonly<Record<PlLevel, readonly number[]>> = { raid1: [2, 3], raid3: [3, 4], raid5: [3, 4], raid6: [4, 5] };
export const LEVELS: readonly PlLevel[] = ['raid1', 'raid3', 'raid5', 'raid6'];

export interface RawVolume {
  readonly entries: number;
  readonly tailBlocks: number;
  readonly areas: ReadonlyArray<{ readonly a: number; readonly len: number; readonly group: number }>;
  readonly group: number | null;
}

export function plScenarioArb(o: PlScenarioOptions = {}): fc.Arbitrary<PlScenario> {
  const twoVolumes = o.twoVolumes ?? 0.5;
  const rawVolume = fc.record({
    entries: fc.integer({ min: 2, max: o.entriesMax ?? 5 }),
    tailBlocks: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 127 }) }),
    areas: fc.array(fc.record({ a: fc.nat({ max: 63 }), len: fc.nat({ max: 12 }), group: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 3 }),
    group: fc.oneof(fc.constant(null), fc.nat({ max: 3 })),
  });
  return fc
    .record({
      trackBytes: fc.constantFrom(4096, 16384),
      ldevBlocks: fc.integer({ min: 8, max: 32 }), // ldevBytes = blocks × 2 KiB: 16–64 KiB
      levels: fc.shuffledSubarray([...LEVELS], { minLength: 2, maxLength: 4 }),
      devices: fc.array(fc.nat({ max: 1 }), { minLength: 4, maxLength: 4 }),
      slack: fc.array(fc.nat({ max: o.slackMax ?? 5 }), { minLength: 4, maxLength: 4 }),
      units: fc.array(fc.constantFrom(512, 4096), { minLength: 4, maxLength: 4 }),
      two: fc.nat({ max: 99 }).map((x) => x < twoVolumes * 100),
      sameSize: fc.boolean(),
      volumes: fc.array(rawVolume, { minLength: 2, maxLength: 2 }),
      writes: fc.array(fc.record({ volume: fc.nat({ max: 1 }), a: fc.nat({ max: 1023 }), len: fc.integer({ min: 1, max: 65536 }), fill: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 4 }),
    })
    .map((b): PlScenario => {
      const T = b.trackBytes;
      const L = b.ldevBlocks * 2048;
      const G = b.levels.length;
      const raw = b.two ? b.volumes : b.volumes.slice(0, 1);
      // The copy volume of a local pair is never smaller than its original (LC-G-1).
      const sizes = raw.map((v) => v.entries * L - Math.min(v.tailBlocks * 512, L - 512)).sort((x, y) => x - y);
      if (b.sameSize) sizes.fill(sizes[0]!);
      const volumes = raw.map((v, i): PlVolumeSpec => formVolume(`V${i}`, sizes[i]!, v, G, T, L));
      // Each group carves what formation takes from it plus some slack (NO_CAPACITY sometimes holds).
      const need = b.levels.map(() => 0);
      let any = 0;
      for (const v of volumes) {
        const entries = Math.ceil(v.bytes / L);
        const groupOf: (number | null)[] = Array.from({ length: entries }, () => v.group);
        for (const a of v.areas) {
          const [first, last] = entriesOfTracks(a.tracks[0], a.tracks[1], v.bytes, T, L);
          for (let e = first; e <= last; e++) groupOf[e] = a.group;
        }
        for (const g of groupOf) g === null ? any++ : need[g]!++;
      }
      need[0]! += any;
      const groups = b.levels.map((level, i): PlGroupSpec => {
        const devices = LEVEL_DEVICES[level][b.devices[i]!]!;
        const ldevs = Math.max(1, need[i]! + b.slack[i]!);
        if (level === 'raid1') return { id: `G${i}`, level, devices, stripeUnitBytes: null, deviceBytes: ldevs * L };
        const unit = b.units[i]!;
        const rowBytes = unit * DATA_DEVICES(level, devices);
        return { id: `G${i}`, level, devices, stripeUnitBytes: unit, deviceBytes: Math.ceil((ldevs * L) / rowBytes) * unit };
      });
      const writes = b.writes.filter((w) => w.volume < volumes.length).map((w): PlWriteSpec => {
        const bytes = volumes[w.volume]!.bytes;
        const { offset, length } = clip(Math.floor((w.a / 1024) * bytes), w.len, bytes);
        return { volume: w.volume, offset, length, fill: w.fill };
      });
      return { ldevBytes: L, trackBytes: T, groups, volumes, writes };
    });
}

/** Designated areas that touch disjoint entries (VOL-F-3 refuses overlapping ones). */
export function formVolume(id: string, bytes: number, raw: RawVolume, G: number, T: number, L: number): PlVolumeSpec {
  const tracks = Math.ceil(bytes / T);
  const taken = new Set<number>();
  const areas: PlAreaSpec[] = [];
  for (const x of raw.areas) {
    const a = x.a % tracks;
    const b = Math.min(tracks - 1, a + x.len);
    const [first, last] = entriesOfTracks(a, b, bytes, T, L);
    let free = true;
    for (let e = first; e <= last; e++) if (taken.has(e)) free = false;
    if (!free) continue;
    for (let e = first; e <= last; e++) taken.add(e);
    areas.push({ tracks: [a, b], group: x.group % G });
  }
  return { id, bytes, areas, group: raw.group === null ? null : raw.group % G };
}

export function plTargetArb(T: number): fc.Arbitrary<PlTarget> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.integer({ min: -2, max: 2 }), shapeArb(T)).map(([d, sh]): PlTarget => ({ kind: 'pointer', d, shape: sh })) },
    { weight: 4, arbitrary: fc.tuple(fc.nat({ max: 31 }), shapeArb(T)).map(([k, sh]): PlTarget => ({ kind: 'uncopied', k, shape: sh })) },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.nat({ max: 7 }), fc.boolean(), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 700 }))
        .map(([i, end, before, after]): PlTarget => ({ kind: 'edge', i, end, before, after })),
    },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 63 }), shapeArb(T)).map(([t, sh]): PlTarget => ({ kind: 'track', t, shape: sh })) },
  );
}

export function plTracksArb(): fc.Arbitrary<PlTracks> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.nat({ max: 7 }), fc.integer({ min: 1, max: 3 })).map(([i, n]): PlTracks => ({ kind: 'entries', i, n })) },
    { weight: 3, arbitrary: fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 1 }), fc.nat({ max: 1 })).map(([i, before, after]): PlTracks => ({ kind: 'edge', i, before, after })) },
    { weight: 2, arbitrary: fc.constant<PlTracks>({ kind: 'whole' }) },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 63 }), fc.nat({ max: 8 })).map(([a, len]): PlTracks => ({ kind: 'range', a, len })) },
    { weight: 1, arbitrary: fc.constantFrom<PlTracks>({ kind: 'bad', which: 'reversed' }, { kind: 'bad', which: 'beyond' }) },
  );
}

export function plCommandArb(s: PlScenario, o: PlScenarioOptions = {}): fc.Arbitrary<PlCommand> {
  const w = o.weights ?? DEFAULT_PL_WEIGHTS;
  const vol = fc.nat({ max: 5 });
  const group = fc.oneof(
    { weight: 10, arbitrary: fc.nat({ max: 5 }).map((k): PlGroupPick => ({ kind: 'other', k })) },
    { weight: 3, arbitrary: fc.nat({ max: 5 }).map((k): PlGroupPick => ({ kind: 'any', k })) },
    { weight: 1, arbitrary: fc.constant<PlGroupPick>({ kind: 'unknown' }) },
  );
  const fill = fc.integer({ min: 1, max: 255 });
  const options: fc.WeightedArbitrary<PlCommand>[] = [
    { weight: w.relocate, arbitrary: fc.tuple(vol, plTracksArb(), group).map(([v, t, g]) => new RelocateCommand(v, t, g)) },
    { weight: w.step, arbitrary: fc.tuple(vol, fc.integer({ min: 1, max: 3 })).map(([v, n]) => new StepCommand(v, n)) },
    { weight: w.settle, arbitrary: fc.constant(null).map(() => new SettleCommand()) },
    { weight: w.write, arbitrary: fc.tuple(vol, plTargetArb(s.trackBytes), fill).map(([v, t, f]) => new WriteCommand(v, t, f)) },
    { weight: w.read, arbitrary: fc.tuple(vol, plTargetArb(s.trackBytes)).map(([v, t]) => new ReadCommand(v, t)) },
    { weight: w.deviceFail, arbitrary: fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 7 })).map(([g, d]) => new DeviceFailCommand(g, d)) },
    { weight: w.deviceReplace, arbitrary: fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 3 })).map(([g, d]) => new DeviceReplaceCommand(g, d)) },
    { weight: w.rebuildStep, arbitrary: fc.tuple(fc.nat({ max: 7 }), fc.integer({ min: 1, max: 4 })).map(([g, n]) => new RebuildStepCommand(g, n)) },
  ];
  if (s.volumes.length > 1) {
    options.push(
      { weight: w.pair, arbitrary: fc.constant(null).map(() => new PairCreateCommand()) },
      { weight: w.pair, arbitrary: fc.constant(null).map(() => new PairDivideCommand()) },
      { weight: Math.ceil(w.pair / 2), arbitrary: fc.constant(null).map(() => new PairDeleteCommand()) },
    );
  }
  return fc.oneof(...options.filter((x) => x.weight > 0));
}

export type PlRun = [PlScenario, Iterable<fc.Command<PlModel, TraceRun>>];

export function plRunArb(o: PlScenarioOptions = {}): fc.Arbitrary<PlRun> {
  return plScenarioArb(o).chain((s) =>
    fc.commands([plCommandArb(s, o)], { size: o.size ?? 'large', maxCommands: o.maxCommands ?? 160 }).map((cmds): PlRun => [s, cmds]),
  );
}
