import type { RaidLevel } from '../raid/levels.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import { piecesOf, type SystemStatistics } from './statistics.ts';

/**
 * PL-S-3: utilization and modelled response time of LDEVs and RAID groups over a statistics
 * window that lasts one millisecond per host I/O the system received. Pure.
 */

/** M/M/1 blows up at 1; PL-S-3 caps the utilization it divides by. */
export const RESPONSE_UTILIZATION_CAP = 0.95;

/** An LDEV's busy time over the window. */
export function ldevUtilization(busyMs: number, windowMs: number): number {
  return windowMs > 0 ? busyMs / windowMs : 0;
}

/** A group's: the sum of its LDEVs' over its device count (1.0: every device busy all the time). */
export function groupUtilization(busyMs: number, devices: number, windowMs: number): number {
  return windowMs > 0 ? busyMs / (devices * windowMs) : 0;
}

/** M/M/1: service time per host piece over (1 − utilization), utilization capped; 0 without pieces. */
export function meanResponseMs(busyMs: number, pieces: number, utilization: number): number {
  if (pieces === 0) return 0;
  return busyMs / pieces / (1 - Math.min(utilization, RESPONSE_UTILIZATION_CAP));
}

/** PL-P-1's dispersion: max over mean (1 when every group is idle: nothing to level). */
export function spreadOf(utilizations: readonly number[]): number {
  if (utilizations.length === 0) return 1;
  const mean = utilizations.reduce((s, u) => s + u, 0) / utilizations.length;
  return mean > 0 ? Math.max(...utilizations) / mean : 1;
}

/** One RAID group's load over the window. */
export interface GroupLoad {
  readonly raidGroup: string;
  readonly level: RaidLevel;
  readonly devices: number;
  readonly pieces: number;
  readonly busyMs: number;
  readonly utilization: number;
  readonly responseMs: number;
}

/** Every group of an LDEV system, in definition order, from its LDEVs' statistics. */
export function groupLoads(system: StorageSystem, stats: SystemStatistics): GroupLoad[] {
  const busy = new Map<string, number>();
  const pieces = new Map<string, number>();
  for (const [n, c] of stats.ldevs()) {
    const id = system.pool.get(n).group.id;
    busy.set(id, (busy.get(id) ?? 0) + c.busyMs);
    pieces.set(id, (pieces.get(id) ?? 0) + piecesOf(c));
  }
  return [...system.groups.values()].map((g) => {
    const b = busy.get(g.id) ?? 0;
    const p = pieces.get(g.id) ?? 0;
    const utilization = groupUtilization(b, g.devices.length, stats.hostIos);
    return { raidGroup: g.id, level: g.level, devices: g.devices.length, pieces: p, busyMs: b, utilization, responseMs: meanResponseMs(b, p, utilization) };
  });
}

/** The modelled mean response time of the system's host pieces: the groups' weighted by pieces. */
export function systemResponseMs(loads: readonly GroupLoad[]): number {
  const pieces = loads.reduce((s, g) => s + g.pieces, 0);
  return pieces === 0 ? 0 : loads.reduce((s, g) => s + g.pieces * g.responseMs, 0) / pieces;
}
