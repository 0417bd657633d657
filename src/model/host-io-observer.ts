import type { Model } from './model.ts';
import { rebalance } from '../placement/planner.ts';
import type { IoKind } from '../placement/service-time.ts';

/**
 * What placement learns from one accepted host I/O: its pieces count in the system's
 * statistics (PL-S-1). Systems of the fifth embodiment's tables have no LDEVs and keep no
 * statistics. The observer only records; it starts nothing.
 */
export function observeHostIo(model: Model, systemId: string, volumeId: string, kind: IoKind, offset: number, length: number): void {
  const system = model.system(systemId);
  if (system.design !== 'ldev') return;
  model.placement.statistics.of(systemId).recordHostIo(system.volume(volumeId), kind, offset, length);
}

/**
 * PL-P-2: the periodic round that is due once the window holds N host I/Os. It runs after the
 * I/O that filled the window has been stored and acknowledged (the control-plane step of
 * the host I/O request, spec/architecture.md), never from inside the data plane.
 */
export function runDueRound(model: Model, systemId: string): void {
  const system = model.system(systemId);
  if (system.design !== 'ldev') return;
  const statistics = model.placement.statistics.of(systemId);
  if (model.placement.rounds.due(systemId, statistics.hostIos)) rebalance(model, system);
}
