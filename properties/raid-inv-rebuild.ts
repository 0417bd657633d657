/**
 * RAID-INV-1.rebuild: a filled group loses up to its tolerance of devices, they are replaced,
 * and the rebuild runs in small steps interleaved with host writes and reads (and further
 * tolerated failures and replacements). Whatever the interleaving, once the rebuild is driven
 * to its end every device is healthy, RAID-INV-1 holds and every byte equals the reference.
 * Devices are large enough (often more than one 64 KiB rebuild unit) that host I/O lands on
 * rows before and after the rebuild position.
 */
import fc from 'fast-check';
import type { RaidLevel } from '../src/raid/levels.ts';
import {
  checkInvariants,
  type CommandWeights,
  DEFAULT_WEIGHTS,
  type Geometry,
  geometryArb,
  type GroupFactory,
  heal,
  LEVELS,
  type RaidCommand,
  raidCommandArb,
  runRaidScenario,
  specGroup,
  toleranceOf,
} from './raid-model.ts';
import { bump, type Counters, DEFAULT_RUNS, pattern, type PropertyDefinition } from './support.ts';

export const REBUILD_WEIGHTS: CommandWeights = {
  ...DEFAULT_WEIGHTS,
  write: 40,
  read: 20,
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
  /** Seed of a whole-capacity fill before the failures (null: the commands write everything). */
  readonly fill: number | null;
  /** Devices failed and replaced before the commands (at most the tolerance). */
  readonly replaced: readonly number[];
  readonly commands: Iterable<RaidCommand>;
}

export function rebuildCaseArb(level: RaidLevel): fc.Arbitrary<RebuildCase> {
  const geometry = geometryArb(level, { minDeviceBytes: 64 * 1024 + 1, maxDeviceBytes: 256 * 1024, maxCapacity: 512 * 1024, maxRows: 400 });
  return geometry.chain((g) => {
    const tol = toleranceOf(level, g.devices);
    const devices = Array.from({ length: g.devices }, (_, d) => d);
    return fc.record({
      geometry: fc.constant(g),
      fill: fc.option(fc.integer({ min: 1, max: 0x7fffffff }), { freq: 3 }),
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
        if (c.fill !== null) {
          const data = pattern(m.layout.capacity, c.fill);
          r.group.write(0, data);
          m.ref.set(data, 0);
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
}));
