import type { RaidGroup } from '../raid/raid-group.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { type AccessMix, type IoKind, pieceServiceMs } from './service-time.ts';

/** PL-S-1: one LDEV's host pieces in the current window, and where its last one ended. */
export interface LdevCounters extends AccessMix {
  /** PL-S-2 busy time of the pieces, costed under the group that served each one. */
  busyMs: number;
  /** The address after the last host piece on this LDEV (-1: none yet); kept across windows. */
  endAddress: number;
}

export function emptyCounters(): LdevCounters {
  return {
    randomReads: 0, randomReadBytes: 0, randomWrites: 0, randomWriteBytes: 0,
    sequentialReads: 0, sequentialReadBytes: 0, sequentialWrites: 0, sequentialWriteBytes: 0,
    busyMs: 0, endAddress: -1,
  };
}

/** Host pieces of every pattern and kind. */
export function piecesOf(c: AccessMix): number {
  return c.randomReads + c.randomWrites + c.sequentialReads + c.sequentialWrites;
}

/** Share of the pieces that were random (0 when there were none). */
export function randomShare(c: AccessMix): number {
  const n = piecesOf(c);
  return n === 0 ? 0 : (c.randomReads + c.randomWrites) / n;
}

/**
 * The access statistics of one system (PL-S-1) over its current window (PL-S-3), kept per
 * LDEV number. Only host I/O is recorded here; copies write the groups directly.
 */
export class SystemStatistics {
  private ios = 0;
  private readonly counters: Array<LdevCounters | undefined> = [];

  /** PL-S-3: host I/Os received in this window, which is also its length in milliseconds. */
  get hostIos(): number {
    return this.ios;
  }

  /**
   * PL-S-1: one accepted host I/O, cut by the volume's address translation. A piece counts on
   * the LDEV the table maps (a relocating entry's source, wherever PL-W-1 routed the bytes)
   * and costs what the group that served it charges.
   */
  recordHostIo(volume: LogicalVolume, kind: IoKind, offset: number, length: number): void {
    this.ios++;
    for (const p of volume.pieces(offset, length)) {
      const owner = volume.redirect === null ? p.ldev : volume.locate(offset + p.hostOffset).entry.ldev;
      if (owner.number === null) continue; // an idle-range slice (RC-D-1): no LDEV to count on
      this.recordPiece(owner.number, p.ldev.group, kind, p.ldevOffset, p.length);
    }
  }

  /** PL-S-1, PL-S-2: one host piece at LDEV address `at`; sequential if it continues the last one. */
  recordPiece(ldev: number, group: RaidGroup, kind: IoKind, at: number, bytes: number): void {
    const c = (this.counters[ldev] ??= emptyCounters());
    const sequential = at === c.endAddress;
    c.endAddress = at + bytes;
    c.busyMs += pieceServiceMs(group.level, group.devices.length, kind, sequential, bytes);
    if (kind === 'read' && sequential) {
      c.sequentialReads++;
      c.sequentialReadBytes += bytes;
    } else if (kind === 'read') {
      c.randomReads++;
      c.randomReadBytes += bytes;
    } else if (sequential) {
      c.sequentialWrites++;
      c.sequentialWriteBytes += bytes;
    } else {
      c.randomWrites++;
      c.randomWriteBytes += bytes;
    }
  }

  /** The LDEV's counters this window (zeros when it saw no host piece). */
  of(ldev: number): Readonly<LdevCounters> {
    return this.counters[ldev] ?? EMPTY;
  }

  /** LDEVs with counters, by number. */
  ldevs(): Array<[number, Readonly<LdevCounters>]> {
    const list: Array<[number, Readonly<LdevCounters>]> = [];
    this.counters.forEach((c, n) => {
      if (c) list.push([n, c]);
    });
    return list;
  }

  /** PL-S-1 (PL-C-2 hook): a finished entry's statistics move with it to its destination LDEV. */
  move(from: number, to: number): void {
    const source = this.counters[from];
    if (!source) return;
    const target = (this.counters[to] ??= emptyCounters());
    for (const k of MIX_KEYS) target[k] += source[k];
    target.busyMs += source.busyMs;
    target.endAddress = source.endAddress;
    this.counters[from] = undefined;
  }

  /** PL-S-3, PL-P-2: a round closes the window; where each LDEV's last piece ended carries over. */
  close(): void {
    this.ios = 0;
    this.counters.forEach((c, n) => {
      if (c) this.counters[n] = { ...emptyCounters(), endAddress: c.endAddress };
    });
  }
}

const EMPTY: Readonly<LdevCounters> = Object.freeze(emptyCounters());

const MIX_KEYS = [
  'randomReads', 'randomReadBytes', 'randomWrites', 'randomWriteBytes',
  'sequentialReads', 'sequentialReadBytes', 'sequentialWrites', 'sequentialWriteBytes',
] as const satisfies ReadonlyArray<keyof AccessMix>;

/** The statistics of every system, by system id, each created on its first host I/O. */
export class AccessStatistics {
  private readonly bySystem = new Map<string, SystemStatistics>();

  of(systemId: string): SystemStatistics {
    let s = this.bySystem.get(systemId);
    if (!s) this.bySystem.set(systemId, (s = new SystemStatistics()));
    return s;
  }
}
