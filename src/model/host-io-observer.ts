import type { Model } from './model.ts';
import { rebalance } from '../placement/planner.ts';
import type { IoKind } from '../placement/service-time.ts';

/**
 * What placement learns from one accepted host I/O: its pieces count in the system's
 * statistics (PL-S-1), and a due periodic round runs (PL-P-2). Systems of the fifth
 * embodiment's tables have no LDEVs and keep no statistics.
 */
export function observeHostIo(model: Model, systemId: string, volumeId: string, kind: IoKind, offset: number, length: number): void {
  const system = model.system(systemId);
  if (system.design !== 'ldev') return;
  const statistics = model.placement.statistics.of(systemId);
  statistics.recordHostIo(system.volume(volumeId), kind, offset, length);
  if (model.placement.rounds.due(systemId, statistics.hostIos)) rebalance(model, system);
}
