import { fail } from '../errors.ts';
import type { Model } from '../model/model.ts';
import type { RaidGroup } from '../raid/raid-group.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import type { LogicalVolume, VolumeTableEntry } from '../volume/logical-volume.ts';
import { accessPattern, preferredLevel } from './access-pattern.ts';
import { type EntrySet, entrySetOf } from './entry-set.ts';
import { assertPlanSafe } from './plan-safety.ts';
import type { PassedOver, Plan, PlannedMove, PlanInput } from './plan.ts';
import { MOVES_PER_ROUND_MAX, SPREAD_GAIN_MIN, SPREAD_TRIGGER } from './planner-bounds.ts';
import { processName } from './placement-manager.ts';
import { Projection } from './projection.ts';
import { type LdevCounters, piecesOf, randomShare } from './statistics.ts';
import { mixServiceMs } from './service-time.ts';
import { type GroupLoad, groupLoads } from './utilization.ts';

export { MOVES_PER_ROUND_MAX, SPREAD_GAIN_MIN, SPREAD_TRIGGER } from './planner-bounds.ts';

export type { PassedOver, Plan, PlannedMove, PlanInput } from './plan.ts';

/** An LDEV that a table entry maps, in one of the groups above the mean. */
interface Candidate {
  readonly ldev: number;
  readonly volume: LogicalVolume;
  readonly entry: number;
  readonly group: RaidGroup;
  readonly counters: Readonly<LdevCounters>;
}

/** PL-P-1, PL-P-3, PL-INV-3: the moves of one round. Pure: reads the input, changes nothing. */
export function planRebalance(input: PlanInput): Plan {
  const windowMs = input.statistics.hostIos;
  const groups = groupLoads(input.system, input.statistics);
  const projection = new Projection(input.system, groups, windowMs);
  const spreadBefore = projection.spread();
  if (spreadBefore <= SPREAD_TRIGGER) {
    return { windowMs, groups, spreadBefore, spreadAfter: spreadBefore, moves: [], passedOver: [], decision: `spread ${f(spreadBefore)} ≤ ${SPREAD_TRIGGER}: the groups are level enough` };
  }
  const moves: PlannedMove[] = [];
  const passedOver: PassedOver[] = [];
  for (const c of candidates(input, groups)) {
    if (moves.length >= MOVES_PER_ROUND_MAX || projection.spread() <= SPREAD_TRIGGER) break;
    const refusal = ineligible(c, input, moves);
    const outcome = refusal ?? consider(c, projection);
    if (typeof outcome === 'string') passedOver.push({ ldev: c.ldev, volume: c.volume.id, why: outcome });
    else moves.push(outcome);
  }
  const spreadAfter = projection.spread();
  const decision = moves.length === 0 ? `spread ${f(spreadBefore)} > ${SPREAD_TRIGGER}, but no move is kept (passedOver says why)` : `${moves.length} move(s): spread ${f(spreadBefore)} → ${f(spreadAfter)} (estimated)`;
  return { windowMs, groups, spreadBefore, spreadAfter, moves, passedOver, decision };
}

/** PL-P-1: the LDEVs of the groups above the mean, busiest group first, busiest LDEV first. */
function candidates(input: PlanInput, groups: readonly GroupLoad[]): Candidate[] {
  const mean = groups.reduce((s, g) => s + g.utilization, 0) / groups.length;
  const busiest = groups.filter((g) => g.utilization > mean).sort((a, b) => b.utilization - a.utilization);
  const rank = new Map(busiest.map((g, i) => [g.raidGroup, i]));
  const list: Candidate[] = [];
  for (const volume of input.system.volumes.values()) {
    volume.table.forEach((e, entry) => {
      if (e.ldev.number === null || !rank.has(e.ldev.group.id)) return;
      const counters = input.statistics.of(e.ldev.number);
      if (piecesOf(counters) > 0) list.push({ ldev: e.ldev.number, volume, entry, group: e.ldev.group, counters });
    });
  }
  const order = (c: Candidate) => rank.get(c.group.id)!;
  return list.sort((a, b) => order(a) - order(b) || b.counters.busyMs - a.counters.busyMs || a.ldev - b.ldev);
}

/** Why a candidate cannot move this round, or null. */
function ineligible(c: Candidate, input: PlanInput, moves: readonly PlannedMove[]): string | null {
  const id = c.volume.id;
  if (!c.volume.divisible) return `volume ${id} is not a whole volume on LDEVs (PL-R-1)`;
  if (input.relocating.get(id)?.has(c.entry)) return `its entry is already relocating (PL-INV-3)`;
  if (input.relocating.has(id)) return `volume ${id} is relocating other entries (PL-R-1: one relocation a volume)`;
  if (input.recentlyMoved.get(id)?.has(c.entry)) return `the previous round moved it (PL-P-3)`;
  if (moves.some((m) => m.volume === id)) return `volume ${id} already has a move this round (PL-P-1)`;
  if (entryTracks(c.volume, c.volume.table[c.entry]!) === null) return `no whole track lies inside its entry alone`;
  return null;
}

/** PL-P-1: choose the destination, re-cost the LDEV there, keep the move if the spread falls enough. */
function consider(c: Candidate, projection: Projection): PlannedMove | string {
  const pattern = accessPattern(c.counters);
  const level = preferredLevel(pattern);
  const preferred = level === null ? undefined : projection.leastUtilized((g) => g !== c.group && g.level === level);
  const to = preferred ?? projection.leastUtilized((g) => g !== c.group);
  if (!to) return `no other RAID group has a free LDEV`;
  const arrivingMs = mixServiceMs(c.counters, to.level, to.devices.length);
  const before = projection.spread();
  const after = projection.spreadWith(c.group, to, c.counters.busyMs, arrivingMs);
  if (after > before * (1 - SPREAD_GAIN_MIN)) return `to ${to.id}: spread ${f(before)} → ${f(after)}, less than ${SPREAD_GAIN_MIN * 100}% lower`;
  const why = explain(c, projection, to, preferred !== undefined, arrivingMs, before, after);
  projection.apply(c.group, to, c.counters.busyMs, arrivingMs);
  const tracks = entryTracks(c.volume, c.volume.table[c.entry]!)!;
  return { ldev: c.ldev, volume: c.volume.id, entry: c.entry, tracks, from: c.group.id, to: to.id, why };
}

function explain(c: Candidate, p: Projection, to: RaidGroup, preferred: boolean, arrivingMs: number, before: number, after: number): string {
  const pattern = accessPattern(c.counters);
  const share = `${Math.round(randomShare(c.counters) * 100)}% of ${piecesOf(c.counters)} pieces random`;
  const where = preferred
    ? `prefers ${preferredLevel(pattern)}: ${to.id} is the least utilized such group with a free LDEV (${f(p.utilization(to))})`
    : `${preferredLevel(pattern) === null ? 'has no preferred level' : `finds no ${preferredLevel(pattern)} group with a free LDEV`}: ${to.id} is the least utilized other group with one (${f(p.utilization(to))})`;
  return `${c.group.id} (${c.group.level}) is among the busiest groups (utilization ${f(p.utilization(c.group))}); LDEV ${c.ldev} is ${pattern === 'mixed' ? 'mixed' : `${pattern}-heavy`} (${share}) and ${where}; re-costed under ${to.level} its busy time goes from ${f(c.counters.busyMs)} to ${f(arrivingMs)} ms; spread ${f(before)} → ${f(after)}`;
}

/** The whole tracks inside an entry (the volume's last, partial track included); null if none. */
export function entryTracks(volume: LogicalVolume, e: VolumeTableEntry): [number, number] | null {
  const T = volume.emulation.trackBytes;
  const a = Math.ceil(e.first / T);
  const end = e.last + 1 >= volume.bytes ? volume.tracks : Math.floor((e.last + 1) / T);
  return a <= end - 1 ? [a, end - 1] : null;
}

function f(x: number): string {
  return x.toFixed(2);
}

/** The running relocations' moving entries in one system, by volume. */
export function relocatingEntries(model: Model, system: StorageSystem): EntrySet {
  const entries: Array<[string, number]> = [];
  for (const [, r] of model.placement.running()) {
    if (r.system === system) for (const mv of r.moves) if (!mv.done) entries.push([r.volume.id, mv.index]);
  }
  return entrySetOf(entries);
}

/** What one round did. */
export interface Round {
  readonly plan: Plan;
  /** Processes started, `relocate:SYSTEM:VOLUME`, in plan order. */
  readonly started: readonly string[];
}

/**
 * PL-P-1, PL-P-2: one round on a system: plan, start each kept move as a relocation of its
 * entry's tracks (PL-R-1), remember the moves (PL-P-3), close the statistics window.
 */
export function rebalance(model: Model, system: StorageSystem): Round {
  if (system.design !== 'ldev') fail('INVALID_STATE', `system ${system.id} holds the fifth embodiment's tables: no LDEVs to rebalance`);
  const statistics = model.placement.statistics.of(system.id);
  const input: PlanInput = { system, statistics, relocating: relocatingEntries(model, system), recentlyMoved: model.placement.rounds.lastMoved(system.id) };
  const plan = planRebalance(input);
  assertPlanSafe(plan, input); // PL-INV-3 where the plan is made
  const started = plan.moves.map((mv) => start(model, system, mv));
  model.placement.rounds.remember(system.id, entrySetOf(plan.moves.map((mv) => [mv.volume, mv.entry])));
  statistics.close();
  return { plan, started };
}

/** A kept move as a relocation: exactly its one entry moves (PL-INV-3 where the plan is carried out). */
function start(model: Model, system: StorageSystem, mv: PlannedMove): string {
  const relocation = model.placement.relocate(system, system.volume(mv.volume), mv.tracks, mv.to);
  const moved = relocation?.moves ?? [];
  if (moved.length !== 1 || moved[0]!.index !== mv.entry) throw new Error(`PL-INV-3: the move of LDEV ${mv.ldev} relocated entries [${moved.map((m) => m.index).join(', ')}], not entry ${mv.entry}`);
  return processName(system.id, mv.volume);
}
