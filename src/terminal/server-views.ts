/**
 * What `GET /v1/pairs` and `GET /v1/systems` answer: the live model read through the same
 * builders the trace ops and the replay snapshots use, so a remote terminal sees what `status`
 * and `replay` say. Reading changes nothing (no host I/O statistics, no processes run).
 */
import type { DefinedLinks } from '../observe/link-snapshots.ts';
import type { LinkSnapshot, SystemSnapshot, VolumeSnapshot } from '../observe/snapshot.ts';
import { systemSnapshots } from '../observe/system-snapshots.ts';
import { volumeSnapshots } from '../observe/volume-snapshots.ts';
import type { RunContext } from '../trace/context.ts';
import { localStatus } from '../trace/handlers/local-status.ts';
import { migrationStatus } from '../trace/handlers/migration-pairs.ts';
import { remoteStatus } from '../trace/handlers/remote-status.ts';
import { requestsOf } from '../trace/request-log.ts';
import { capResultLists, hasLongList } from '../trace/result-lists.ts';

/**
 * Every pair's `status` fields (local, then remote, then migration pairs, each in creation
 * order), with the requests that named it (TERM-R-2), capped as a result line is (LIM-7).
 * A local pair of a failed system is listed too, from its tables (`status` refuses it).
 */
export function pairStatuses(ctx: RunContext): Record<string, unknown>[] {
  const { localCopy, remote, migration } = ctx.model;
  const all = [
    ...[...localCopy.pairs.values()].map(localStatus),
    ...[...remote.pairs.values()].map(remoteStatus),
    ...[...migration.pairs.values()].map(migrationStatus),
  ];
  return all.map((fields) => {
    const group = (fields as { group?: string }).group ?? null;
    const withRequests = { ...fields, requests: requestsOf(ctx.requests, fields.pair as string, group) };
    return hasLongList(withRequests) ? capResultLists(withRequests) : withRequests;
  });
}

export interface SystemsView {
  /** Every system, failed ones too, with its RAID groups' failed and rebuilding devices. */
  readonly systems: SystemSnapshot[];
  /** Every volume, with the tracks whose host view differs from the checker's reference. */
  readonly volumes: VolumeSnapshot[];
  /** Every inter-controller path defined, and whether it is up. */
  readonly links: LinkSnapshot[];
}

export function systemsView(ctx: RunContext, links: DefinedLinks): SystemsView {
  return {
    systems: systemSnapshots(ctx.model),
    volumes: volumeSnapshots(ctx.model, ctx.reference),
    links: links.snapshots(ctx.model),
  };
}
