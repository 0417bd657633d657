import { fail } from '../../errors.ts';
import type { Handler } from '../context.ts';
import type { RebalanceStep, RelocateStep } from '../schema.ts';
import { processName } from '../../placement/placement-manager.ts';
import { rebalance } from '../../placement/planner.ts';
import type { GroupLoad } from '../../placement/utilization.ts';
import { requireInteger } from '../../validate.ts';

/** `relocate` (PL-R-1, PL-R-2): online rearrangement of a partial area onto another RAID group. */
export const onRelocate: Handler<RelocateStep> = (ctx, step) => {
  const system = ctx.model.system(step.system);
  const volume = system.volume(step.volume);
  const relocation = ctx.model.placement.relocate(system, volume, step.tracks, step.raidGroup);
  const process = processName(system.id, volume.id);
  if (!relocation) return { fields: { process, moved: [], state: 'simplex' } };
  return { fields: { process, moved: relocation.moves.map((mv) => ({ ldev: mv.from.number, to: mv.to.number, first: volume.table[mv.index]!.first, last: volume.table[mv.index]!.last })), ...relocation.progress() } };
};

/**
 * `rebalance` (PL-P-1, PL-P-2): one planner round now; with `every`, also by itself after
 * every N host I/Os (0 stops it). Every refusal comes before the round changes anything.
 */
export const onRebalance: Handler<RebalanceStep> = (ctx, step) => {
  const system = ctx.model.system(step.system);
  if (system.design !== 'ldev') fail('INVALID_STATE', `system ${system.id} holds the fifth embodiment's tables: no LDEVs to rebalance`);
  const every = step.every === undefined ? undefined : requireInteger('every', step.every);
  const { plan, started } = rebalance(ctx.model, system);
  if (every !== undefined) ctx.model.placement.rounds.setEvery(system.id, every);
  return {
    fields: {
      system: system.id,
      windowMs: plan.windowMs,
      groups: plan.groups.map(groupFields),
      spread: { before: round(plan.spreadBefore, 4), after: round(plan.spreadAfter, 4) },
      decision: plan.decision,
      moves: plan.moves,
      passedOver: plan.passedOver,
      started,
      every: ctx.model.placement.rounds.every(system.id),
      rounds: ctx.model.placement.rounds.rounds(system.id),
    },
  };
};

function groupFields(g: GroupLoad): Record<string, unknown> {
  return { raidGroup: g.raidGroup, level: g.level, devices: g.devices, pieces: g.pieces, busyMs: round(g.busyMs, 3), utilization: round(g.utilization, 4), responseMs: round(g.responseMs, 3) };
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
