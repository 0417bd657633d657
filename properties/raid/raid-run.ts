/**
 * Running a RAID scenario (properties/raid/raid-model.ts): the group built and its shape
 * checked, the setup, the commands, the final check.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Geometry } from './raid-layout.ts';
import { type GroupFactory, type RaidCommand, type RaidReal, specGroup } from './raid-real.ts';
import { RaidModel } from './raid-reference.ts';
import { bump, type Counters } from '../harness/support.ts';

export interface RunOptions {
  readonly factory?: GroupFactory;
  /** Check I/O counts (default true); off, only bytes, refusals, health and redundancy are checked. */
  readonly checkIo?: boolean;
  readonly reached?: Counters | undefined;
  /** Runs before the commands (e.g. fill the group, fail and replace devices). */
  readonly setup?: (m: RaidModel, r: RaidReal) => void;
  /** Runs after the commands. */
  readonly final?: (m: RaidModel, r: RaidReal) => void;
}

/** Builds the group, checks its shape, runs the commands, then the final check. */
export function runRaidScenario(g: Geometry, cmds: Iterable<RaidCommand>, o: RunOptions = {}): void {
  const group = (o.factory ?? specGroup)(g);
  const model = new RaidModel(g, o.reached, o.checkIo ?? true);
  const real: RaidReal = { group };
  assert.equal(group.capacityBytes, model.layout.capacity, `capacity of ${JSON.stringify(g)} (rows × data units × stripe unit)`);
  assert.equal(group.devices.length, g.devices, 'device count');
  bump(o.reached, 'runs');
  o.setup?.(model, real);
  fc.modelRun(() => ({ model, real }), cmds);
  o.final?.(model, real);
}
