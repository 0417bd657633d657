/**
 * RAID-INV-1.rebuild: a filled group loses up to its tolerance of devices, they are replaced,
 * and the rebuild runs in small steps interleaved with host writes and reads (and further
 * tolerated failures and replacements). Whatever the interleaving, once the rebuild is driven
 * to its end every device is healthy, RAID-INV-1 holds and every byte equals the reference.
 * Three runs in four have devices of several rebuild units (raid-geometry.ts), so the rebuild
 * stops inside a device, filled in bands around the rebuild-unit boundaries where it stops;
 * aimed requests (raid-aim.ts) land on rows before, at and after the rebuild position and
 * across it.
 */
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { fillArb, type SeededWrite, swarmGeometryArb } from './raid-geometry.ts';
import {
  checkInvariants,
  type CommandWeights,
  DEFAULT_WEIGHTS,
  type Geometry,
  type GroupFactory,
  heal,
  LEVELS,
  type RaidCommand,
  raidCommandArb,
  refLayout,
  runRaidScenario,
  specGroup,
  toleranceOf,
} from './raid-model.ts';
import { witnessesOf } from './raid-witness.ts';
import { bump, type Counters, DEFAULT_RUNS, pattern, type PropertyDefinition } from '../harness/support.ts';

export const REBUILD_WEIGHTS: CommandWeights = {
  ...DEFAULT_WEIGHTS,
  write: 30,
  read: 10,
  aimedWrite: 10,
  aimedRead: 20,
  fail: 4,
  replace: 12,
  rebuild: 12,
  outOfRange: 0,
  zeroLength: 0,
  badDevice: 0,
  failGates: ['tolerated'],
  rebuildUnits: 1,
};

export interface RebuildCase {
  readonly geometry: Geometry;
  /** Writes before the failures: the whole capacity, or bands where the rebuild stops (none: the commands write everything). */
  readonly fill: readonly SeededWrite[];
  /** Devices failed and replaced before the commands (at most the tolerance). */
  readonly replaced: readonly number[];
  readonly commands: Iterable<RaidCommand>;
}

export function rebuildCaseArb(level: RaidLevel): fc.Arbitrary<RebuildCase> {
  return swarmGeometryArb(level, { smallWeight: 1, largeWeight: 3 }).chain((g) => {
    const tol = toleranceOf(level, g.devices);
    const devices = Array.from({ length: g.devices }, (_, d) => d);
    return fc.record({
      geometry: fc.constant(g),
      fill: fc.oneof({ weight: 3, arbitrary: fillArb(refLayout(g)) }, { weight: 1, arbitrary: fc.constant([]) }),
      replaced: fc.shuffledSubarray(devices, { minLength: 1, maxLength: tol }),
      commands: fc.commands([raidCommandArb(g, REBUILD_WEIGHTS)], { size: '+1', maxCommands: 80 }),
    });
  });
}

export function rebuildProperty(level: RaidLevel, o: { factory?: GroupFactory; reached?: Counters | undefined } = {}): fc.IPropertyWithHooks<[RebuildCase]> {
  return fc.property(rebuildCaseArb(level), (c) => {
    runRaidScenario(c.geometry, c.commands, {
      factory: o.factory ?? specGroup,
      reached: o.reached,
      setup: (m, r) => {
        for (const [{ offset, length }, seed] of c.fill) {
          const data = pattern(length, seed);
          r.group.write(offset, data);
          m.ref.set(data, offset);
        }
        for (const d of c.replaced) {
          r.group.failDevice(d);
          m.fail(d);
          r.group.replaceDevice(d);
          m.health[d] = 'rebuilding';
        }
        checkInvariants(m, r, `setup: fill, then failDevice + replaceDevice of ${c.replaced.join(', ')}`);
      },
      final: (m, r) => {
        heal(m, r, 'rebuild driven to the end');
        bump(o.reached, 'healedRuns');
      },
    });
  });
}

export const raidInvRebuild: readonly PropertyDefinition[] = LEVELS.map((level) => ({
  id: `RAID-INV-1.rebuild.${level}`,
  title: `${level}: a rebuild interleaved with host writes, reads and tolerated failures ends all healthy, redundant and byte-exact`,
  numRuns: DEFAULT_RUNS,
  property: () => rebuildProperty(level, {}),
  instrumented: (reached: Counters) => rebuildProperty(level, { reached }),
  witnesses: witnessesOf(level),
}));
