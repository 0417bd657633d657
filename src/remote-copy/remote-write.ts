import { fail, isModelError } from '../errors.ts';
import type { StorageSystem } from '../system/storage-system.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { inArea } from './area.ts';
import type { RemotePair } from './remote-pair.ts';
import type { SourceTables } from './source-tables.ts';
import { type PathState, routeRemoteWrite } from './write-routing.ts';

/** One pair's share of a host write: the tracks to transfer and the tracks to record. */
interface PairShare {
  readonly pair: RemotePair;
  readonly transfer: number[];
  readonly record: number[];
  /** Every track the write touches in the area is transferred: one transfer of the whole write. */
  readonly whole: boolean;
  /** RC-F-3: the target's storage cannot store the transfer; the pair suspends by error and records it. */
  readonly lost?: boolean;
}

export type RemoteWritePlan = readonly PairShare[];

/**
 * RC-W-2..RC-W-8 (Fig. 5): decides, before anything is stored, what a host write of
 * [offset, offset+length) does for each remote pair of the volume; refusals are thrown here.
 */
export function planRemoteWrite(
  tables: SourceTables,
  system: StorageSystem,
  volume: LogicalVolume,
  offset: number,
  length: number,
  pathOf: (pair: RemotePair) => PathState,
): RemoteWritePlan {
  const pairs = tables.pairsFor(system, volume, offset, length);
  if (pairs.length === 0) return [];
  const T = volume.emulation.trackBytes;
  const first = Math.floor(offset / T);
  const last = Math.floor((offset + length - 1) / T);
  return pairs.map((pair) => share(pair, first, last, pathOf(pair)));
}

function share(pair: RemotePair, first: number, last: number, path: PathState): PairShare {
  let transfer: number[] | null = null; // made on the first track (most writes touch one): no spare capacity
  let record: number[] | null = null;
  for (let t = first; t <= last; t++) {
    if (!inArea(pair.area, t)) continue;
    const d = routeRemoteWrite(pair, t, path);
    if (d === 'refuseLink') fail('LINK_DOWN', `pair ${pair.id} (fence ${pair.fence}): the path from ${pair.source.system.id} to ${pair.targetSystem.id} is down; track ${t} cannot reach the target`);
    if (d === 'refuseTarget') fail('SYSTEM_FAILED', `pair ${pair.id} (fence ${pair.fence}): target system ${pair.targetSystem.id} has failed; track ${t} cannot reach it`);
    if (d === 'refuseStorage') fail('DATA_LOSS', `pair ${pair.id} (fence data) is suspended by error: its target's storage lost data; track ${t} cannot reach it (delete or resynchronise the pair)`);
    if (d === 'transfer') transfer = append(transfer, t);
    if (d === 'record') record = append(record, t);
  }
  const whole = record === null && transfer !== null && transfer.length === last - first + 1;
  return { pair, transfer: transfer ?? [], record: record ?? [], whole };
}

function append(list: number[] | null, t: number): number[] {
  if (list === null) return [t];
  list.push(t);
  return list;
}

/**
 * RC-W-8, RC-F-3: the target's devices must take every transfer. Where they cannot (data
 * lost beyond the RAID level), a `data` pair refuses the write whole; a `never` or `status`
 * pair's share becomes a suspension by error that records the tracks instead.
 */
export function checkTransfers(plan: RemoteWritePlan, offset: number, length: number): RemoteWritePlan {
  return plan.some((s) => !targetTakes(s, offset, length)) ? plan.map((s) => (targetTakes(s, offset, length) ? s : lostShare(s))) : plan;
}

function targetTakes(s: PairShare, offset: number, length: number): boolean {
  try {
    if (s.whole) s.pair.target.checkAccess(offset, length);
    else for (const t of s.transfer) s.pair.target.checkAccess(...clip(s.pair, t, offset, length));
    return true;
  } catch (e) {
    if (!isModelError(e) || e.code !== 'DATA_LOSS') throw e;
    if (s.pair.fence === 'data') fail('DATA_LOSS', `pair ${s.pair.id} (fence data): the target's storage cannot store the write: ${e.message}`);
    return false;
  }
}

function lostShare(s: PairShare): PairShare {
  return { pair: s.pair, transfer: [], record: [...s.record, ...s.transfer].sort((a, b) => a - b), whole: false, lost: true };
}

/** RC-W-3..RC-W-5: transfers the write's tracks and records the others; returns the targets written. */
export function applyRemoteWrite(plan: RemoteWritePlan, offset: number, data: Uint8Array): string[] {
  const targets: string[] = [];
  for (const s of plan) {
    if (s.lost) s.pair.suspendByError(); // RC-F-3, before the write is acknowledged
    if (s.whole) s.pair.target.write(offset, data);
    else {
      for (const t of s.transfer) {
        const [at, len] = clip(s.pair, t, offset, data.length);
        s.pair.target.write(at, data.subarray(at - offset, at - offset + len));
      }
    }
    for (const t of s.record) s.pair.bits.set(t);
    if (s.transfer.length > 0) targets.push(s.pair.targetKey);
  }
  return targets;
}

/** The part of the write inside `track`, as [offset, length]. */
function clip(pair: RemotePair, track: number, offset: number, length: number): [number, number] {
  const T = pair.source.volume.emulation.trackBytes;
  const a = Math.max(offset, track * T);
  const b = Math.min(offset + length, (track + 1) * T);
  return [a, b - a];
}
