import type { Handler } from '../context.ts';
import type { RelocateStep } from '../schema.ts';
import { processName } from '../../placement/placement-manager.ts';

/** `relocate` (PL-R-1, PL-R-2): online rearrangement of a partial area onto another RAID group. */
export const onRelocate: Handler<RelocateStep> = (ctx, step) => {
  const system = ctx.model.system(step.system);
  const volume = system.volume(step.volume);
  const relocation = ctx.model.placement.relocate(system, volume, step.tracks, step.raidGroup);
  const process = processName(system.id, volume.id);
  if (!relocation) return { fields: { process, moved: [], state: 'simplex' } };
  return { fields: { process, moved: relocation.moves.map((mv) => ({ ldev: mv.from.number, to: mv.to.number, first: volume.table[mv.index]!.first, last: volume.table[mv.index]!.last })), ...relocation.progress() } };
};
