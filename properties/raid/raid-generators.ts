/**
 * The RAID harness's generators (properties/raid/raid-model.ts): the commands with their
 * weights, and scenarios (a geometry, then commands drawn for it).
 */
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { aimArb, requestLengthMax } from './raid-aim.ts';
import { FailDeviceCommand, type FailGate, RebuildStepCommand, ReplaceDeviceCommand } from './raid-device-commands.ts';
import { geometryArb, type GeometryOptions } from './raid-geometry.ts';
import { type Geometry, refLayout } from './raid-layout.ts';
import { outOfRangeArb, rangeArb } from './raid-ranges.ts';
import type { RaidCommand } from './raid-real.ts';
import { ReadCommand, WriteCommand } from './raid-request-commands.ts';

export interface CommandWeights {
  readonly write: number;
  readonly read: number;
  /** Writes and reads aimed at the rebuild position, rebuild-unit boundaries and the end (properties/raid/raid-aim.ts). */
  readonly aimedWrite: number;
  readonly aimedRead: number;
  readonly fail: number;
  readonly replace: number;
  readonly rebuild: number;
  readonly outOfRange: number;
  /** Zero-length reads and writes (they touch nothing: never refused but for OUT_OF_RANGE). */
  readonly zeroLength: number;
  readonly badDevice: number;
  /** Share of failDevice commands gated to stay within tolerance / to hit a device not failed. */
  readonly failGates: readonly FailGate[];
  /** Largest rebuildStep(units) besides 1000 ("to the end"). */
  readonly rebuildUnits: number;
}

export const DEFAULT_WEIGHTS: CommandWeights = {
  write: 32,
  read: 15,
  aimedWrite: 10,
  aimedRead: 15,
  fail: 9,
  replace: 20,
  rebuild: 14,
  outOfRange: 2,
  zeroLength: 1,
  badDevice: 1,
  failGates: ['tolerated', 'tolerated', 'tolerated', 'tolerated', 'tolerated', 'up', 'any'],
  rebuildUnits: 3,
};

export function raidCommandArb(g: Geometry, w: CommandWeights = DEFAULT_WEIGHTS): fc.Arbitrary<RaidCommand> {
  const L = refLayout(g);
  const n = g.devices;
  const device = fc.integer({ min: 0, max: n - 1 });
  const seed = fc.integer({ min: 1, max: 0x7fffffff });
  const range = rangeArb(L, requestLengthMax(L));
  const aim = aimArb(L);
  const into = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }) });
  const options: fc.WeightedArbitrary<RaidCommand>[] = [
    { weight: w.write, arbitrary: fc.tuple(range, seed).map(([x, s]) => new WriteCommand(x, s)) },
    { weight: w.read, arbitrary: fc.tuple(range, into).map(([x, i]) => new ReadCommand(x, i)) },
    { weight: w.aimedWrite, arbitrary: fc.tuple(aim, seed).map(([a, s]) => new WriteCommand(a, s)) },
    { weight: w.aimedRead, arbitrary: fc.tuple(aim, into).map(([a, i]) => new ReadCommand(a, i)) },
    {
      weight: w.zeroLength,
      arbitrary: fc
        .tuple(fc.oneof(fc.constant(0), fc.constant(L.capacity), fc.integer({ min: 0, max: L.capacity })), fc.boolean(), seed)
        .map(([o, isWrite, s]) => (isWrite ? new WriteCommand({ offset: o, length: 0 }, s) : new ReadCommand({ offset: o, length: 0 }, s % 3))),
    },
    {
      weight: w.outOfRange,
      arbitrary: fc.tuple(outOfRangeArb(L), fc.boolean(), seed).map(([x, isWrite, s]) => (isWrite ? new WriteCommand(x, s) : new ReadCommand(x))),
    },
    { weight: w.fail, arbitrary: fc.tuple(device, fc.constantFrom(...w.failGates)).map(([d, gate]) => new FailDeviceCommand(d, gate)) },
    {
      weight: w.replace,
      arbitrary: fc.tuple(device, fc.constantFrom(true, true, true, true, false)).map(([d, gated]) => new ReplaceDeviceCommand(d, gated)),
    },
    {
      weight: w.rebuild,
      // One unit most often: on devices of several units, the step stops inside the device.
      arbitrary: fc
        .oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: w.rebuildUnits }) }, { weight: 1, arbitrary: fc.constant(1000) })
        .map((k) => new RebuildStepCommand(k)),
    },
    {
      weight: w.badDevice,
      arbitrary: fc
        .tuple(fc.boolean(), fc.integer({ min: n, max: n + 2 }))
        .map(([isFail, d]) => (isFail ? new FailDeviceCommand(d, 'any') : new ReplaceDeviceCommand(d, false))),
    },
  ];
  return fc.oneof(...options.filter((o) => o.weight > 0));
}

export interface ScenarioOptions {
  readonly geometry?: GeometryOptions;
  /** Draws the geometry instead of geometryArb(level, geometry) (e.g. raid-geometry.ts's swarm). */
  readonly geometries?: fc.Arbitrary<Geometry>;
  readonly weights?: CommandWeights;
  readonly size?: fc.SizeForArbitrary;
  readonly maxCommands?: number;
}

export type RaidScenario = [Geometry, Iterable<RaidCommand>];

/** A geometry, then commands drawn for it (so offsets can be biased to its boundaries). */
export function raidScenarioArb(level: RaidLevel, o: ScenarioOptions = {}): fc.Arbitrary<RaidScenario> {
  return (o.geometries ?? geometryArb(level, o.geometry)).chain((g) =>
    fc
      .commands([raidCommandArb(g, o.weights)], { size: o.size ?? '+1', maxCommands: o.maxCommands ?? 100 })
      .map((cmds): RaidScenario => [g, cmds]),
  );
}
