/**
 * RAID-INV-2.byteExact: per level, random sequences of writes, reads, device failures,
 * replacements and rebuild steps agree byte for byte with a flat reference. Reads and
 * writes are refused with DATA_LOSS exactly when they touch data on failed devices of a
 * group that has lost more devices than its level survives; redundancy (RAID-INV-1) holds
 * after every command; at the end every byte reads right, and a group that has not lost
 * data heals back to fully redundant. Geometries come from the swarm (raid-geometry.ts):
 * half the runs have devices of several rebuild units, so rebuild steps stop inside a
 * device, and aimed requests (raid-aim.ts) land across the rebuild position.
 */
import fc from 'fast-check';
import type { RaidLevel } from '../../src/raid/levels.ts';
import { swarmGeometryArb } from './raid-geometry.ts';
import {
  checkAllBytes,
  type GroupFactory,
  heal,
  LEVELS,
  type RaidScenario,
  raidScenarioArb,
  runRaidScenario,
  type ScenarioOptions,
} from './raid-model.ts';
import { witnessesOf } from './raid-witness.ts';
import { type Counters, DEFAULT_RUNS, type PropertyDefinition } from '../harness/support.ts';

export function byteExactScenario(level: RaidLevel): ScenarioOptions {
  return {
    geometries: swarmGeometryArb(level, { small: { maxRows: 256, maxDeviceBytes: 160 * 1024, maxCapacity: 384 * 1024 } }),
    size: '+1',
    maxCommands: 100,
  };
}

export interface RaidPropertyOptions {
  /** The group under test (default: the real one, createRaidGroup). */
  readonly factory?: GroupFactory;
  readonly reached?: Counters | undefined;
  /** Check device I/O counts too (default true). */
  readonly checkIo?: boolean;
}

export function byteExactProperty(level: RaidLevel, o: RaidPropertyOptions = {}): fc.IPropertyWithHooks<[RaidScenario]> {
  return fc.property(raidScenarioArb(level, byteExactScenario(level)), ([geometry, cmds]) => {
    runRaidScenario(geometry, cmds, {
      ...o,
      final: (m, r) => {
        checkAllBytes(m, r, 'end of run');
        if (!m.lost) heal(m, r, 'end of run');
      },
    });
  });
}

export const raidInvByteExact: readonly PropertyDefinition[] = LEVELS.map((level) => ({
  id: `RAID-INV-2.byteExact.${level}`,
  title: `${level}: write/read/fail/replace/rebuild sequences agree with a flat reference; DATA_LOSS only beyond tolerance; RAID-INV-1 after every command`,
  numRuns: DEFAULT_RUNS,
  property: () => byteExactProperty(level, {}),
  instrumented: (reached: Counters) => byteExactProperty(level, { reached }),
  witnesses: witnessesOf(level),
}));
