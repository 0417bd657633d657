/**
 * The eleventh embodiment's world around the controller (spec/backup.md; Fig. 41): hosts
 * attached to systems (BK-H-1), the LAN 4304 between them (BK-H-2), the notifications a host
 * sends over it (BK-N-1..3), the tapes of the tape drive 4306 and the backups running to them
 * (BK-B-1..4). Control plane only: a backup's reads and the tape files it writes are done by
 * the model's backup process (src/model/backup-process.ts).
 */
import { fail } from '../errors.ts';
import { requireName } from '../limits.ts';
import type { LocalPair } from '../local-copy/local-pair.ts';
import type { Extent } from '../local-copy/extents.ts';
import type { TapeFile } from '../tape/tape-image.ts';
import { VOLSER_CHARS } from '../tape/labels.ts';
import { covers } from './formed-copy.ts';
import type { PointInTime } from './points-in-time.ts';

/** BK-N-1: what a host was told: this copy volume (these tracks of it) is formed. */
export interface Notification {
  readonly from: string;
  readonly to: string;
  /** "SYSTEM:VOLUME" of the copy volume. */
  readonly volume: string;
  readonly pair: LocalPair;
  /** The pair's `formations` when it was sent (BK-N-2). */
  readonly formation: number;
  readonly extents: readonly Extent[];
  /** The trace line of the notification, and of the request that formed the copy. */
  readonly line: number;
  readonly formedAt: number;
  /** BK-T-2: which of the tracks hold the image of which request. */
  readonly pointsInTime: readonly PointInTime[];
}

/** A tape in the drive (BK-T-1): its volser and the files backups wrote to it. */
export interface TapeState {
  readonly id: string;
  /** The VOL1 label's volser and owner: the id, or a loaded image's own (BK-T-3). */
  readonly volser: string;
  readonly owner?: string;
  readonly files: TapeFile[];
  /** A loaded image while no backup has appended to it: written out as it was (BK-T-5), its own labels kept. */
  image?: Uint8Array;
}

/** BK-B-1: one backup process, `backup:HOST:TAPE`. */
export interface BackupRun {
  readonly name: string;
  readonly host: string;
  readonly tape: string;
  readonly notification: Notification;
  /** The tracks to read, in order (the notified extents, or the ones asked for within them). */
  readonly extents: readonly Extent[];
  readonly backupAt: number;
  /** Index into `extents` and the next track there. */
  cursor: { extent: number; track: number };
  readonly chunks: Uint8Array[];
  tracksDone: number;
  readonly tracksTotal: number;
  state: 'running' | 'done' | 'aborted';
  abortReason?: string;
  /** The tape file's sequence number once written (from 1). */
  file?: number;
}

export class BackupManager {
  readonly hosts = new Map<string, string>();
  private readonly lans = new Set<string>();
  readonly notifications: Notification[] = [];
  readonly tapes = new Map<string, TapeState>();
  readonly backups = new Map<string, BackupRun>();

  /** BK-H-1: a named host attached to a system (the caller checked the system exists). */
  addHost(id: string, system: string): void {
    requireName('a host id', id);
    if (id === '') fail('INVALID_ARGUMENT', 'a host id must not be empty');
    if (id.includes(':')) fail('INVALID_ARGUMENT', `host "${id}" contains ":"; backup processes are named backup:HOST:TAPE`);
    if (this.hosts.has(id)) fail('ALREADY_EXISTS', `host ${id} already exists`);
    this.hosts.set(id, system);
  }

  host(id: string): string {
    const system = this.hosts.get(id);
    if (system === undefined) fail('NOT_FOUND', `no host ${id} (define it with "host")`);
    return system;
  }

  /** BK-H-2: the LAN joins two hosts (either order). */
  addLan(a: string, b: string): void {
    this.host(a);
    this.host(b);
    if (a === b) fail('INVALID_ARGUMENT', `a LAN joins two different hosts, got ${a} twice`);
    if (this.lans.has(lanKey(a, b))) fail('ALREADY_EXISTS', `hosts ${a} and ${b} are already on one LAN`);
    this.lans.add(lanKey(a, b));
  }

  requireLan(a: string, b: string): void {
    this.host(a);
    this.host(b);
    if (!this.lans.has(lanKey(a, b))) fail('NOT_FOUND', `no LAN between hosts ${a} and ${b} (define one with "lan")`);
  }

  /**
   * BK-N-3: the newest notification to `host` of `volume` whose extents hold `extents`; it must
   * still name the copy as it is formed now (BK-N-2).
   */
  requireNotified(host: string, volume: string, extents: readonly Extent[] | null): Notification {
    const mine = this.notifications.filter((n) => n.to === host && n.volume === volume);
    const n = mine.filter((x) => extents === null || covers(x.extents, extents)).at(-1);
    if (!n) fail('INVALID_STATE', `host ${host} was not notified that ${volume}${extents ? ` (${trackList(extents)})` : ''} is a formed copy (notify it first)`);
    if (n.pair.formations !== n.formation) fail('INVALID_STATE', `the copy ${volume} was formed again since host ${host} was notified at line ${n.line}; notify it again`);
    return n;
  }

  /** BK-T-1: a tape's id is its volser: INVALID_ARGUMENT otherwise, before anything is made. */
  requireVolser(id: string): void {
    if (!VOLSER_CHARS.test(id)) fail('INVALID_ARGUMENT', `tape "${id}" must be a volser: 1 to 6 characters A-Z, 0-9`);
  }

  /** BK-T-1: a tape by id, created blank on first use. */
  tape(id: string): TapeState {
    this.requireVolser(id);
    let t = this.tapes.get(id);
    if (!t) this.tapes.set(id, (t = { id, volser: id, files: [] }));
    return t;
  }

  /** BK-B-1: the running backups, in start order. */
  running(): BackupRun[] {
    return [...this.backups.values()].filter((b) => b.state === 'running');
  }
}

function lanKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** `tracks 0-3, 8` of extents, for messages. */
export function trackList(extents: readonly Extent[]): string {
  return `tracks ${extents.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')}`;
}
