/**
 * What `GET /v1/pairs` and `GET /v1/systems` answer: the live model read through the same
 * builders the trace ops and the replay snapshots use, so a remote terminal sees what `status`
 * and `replay` say. Reading changes nothing (no host I/O statistics, no processes run).
 */
import type { DefinedLinks } from '../observe/link-snapshots.ts';
import type { LinkSnapshot, SystemSnapshot } from '../observe/snapshot.ts';
import { systemSnapshots } from '../observe/system-snapshots.ts';
import type { RunContext } from '../trace/context.ts';
import { capResultLists, hasLongList } from '../trace/result-lists.ts';
import { pairJson, pairRows } from './pair-rows.ts';
import { volumesAndPaths } from './raid-display.ts';

/**
 * Every pair (TERM-V-2: local, then remote, then migration pairs, each in creation order) as
 * `status --json` shows it, with the requests that named it (TERM-R-2), capped as a result
 * line is (LIM-7). A local pair of a failed system is listed too, from its tables.
 */
export function pairStatuses(ctx: RunContext): Record<string, unknown>[] {
  return pairRows(ctx).map((r) => {
    const fields = pairJson(r);
    return hasLongList(fields) ? capResultLists(fields) : fields;
  });
}

export interface SystemsView {
  /** Every system, failed ones too, with its RAID groups' failed and rebuilding devices. */
  readonly systems: SystemSnapshot[];
  /** Every volume: tracks, bytes, LDEVs, mapped tracks of a partial one. */
  readonly volumes: Record<string, unknown>[];
  /** Every inter-controller path defined, and whether it is up. */
  readonly links: LinkSnapshot[];
}

export function systemsView(ctx: RunContext, links: DefinedLinks): SystemsView {
  return {
    systems: systemSnapshots(ctx.model),
    volumes: volumesAndPaths(ctx.model).volumes,
    links: links.snapshots(ctx.model),
  };
}
