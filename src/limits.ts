import { fail, ModelError } from './errors.ts';

/**
 * LIM-1..LIM-4 (spec/limits.md): every bound on what one accepted request may ask for, with
 * its unit, in one place. A request over a limit is refused where it enters, before anything
 * sized by the request is built, with INVALID_ARGUMENT (a value of the wrong size) or
 * NO_CAPACITY, and an `error.limit` naming the limit, its maximum and the value asked for.
 */
export const LIMITS = {
  /** Bytes one host read or write moves (the data of one `write`, the `length` of one `read`). */
  transferBytesMax: 16 * 1024 * 1024,
  /** Bytes of one track: a track is copied in one transfer. */
  trackBytesMax: 16 * 1024 * 1024,
  /** Tracks of one volume: one bit each in every difference bitmap of its pairs. */
  volumeTracksMax: 16 * 1024 * 1024,
  /** Bytes of one OPEN-V volume: volumeTracksMax tracks of trackBytesMax (64 TiB). */
  volumeBytesMax: 2 ** 46,
  /** Bytes of one storage device. */
  deviceBytesMax: 2 ** 48,
  /** Devices of one RAID group: RAID6's Q needs distinct coefficients g^j, and 64 is plenty. */
  devicesPerGroupMax: 64,
  /** RAID groups of one system: each keeps its own WebAssembly memory for its devices. */
  raidGroupsPerSystemMax: 256,
  /** Logical storage devices of one system, carved when it is defined (Hitachi VSP: 65,280). */
  ldevCountMax: 65_280,
  /** Extents (or areas) in one request's list, before they are normalised. */
  extentsPerRequestMax: 1024,
  /** Characters of a name the model keeps: a system, volume, RAID group or pair id. */
  nameCharsMax: 256,
  /** Items of one list in a printed result line; longer lists are cut, with their count. */
  resultListMax: 1000,
  /** Read bytes shown as hex in a `read` result (longer reads show only their sha256). */
  readHexBytesMax: 4096,
  /** Units `settle` runs one process before it calls the process stuck. */
  settleUnitsMax: 1e9,
  /** Bytes one backup copies to one tape file (BK-B-1): the file is built in memory. */
  backupBytesMax: 256 * 1024 * 1024,
  /** Bytes of an AWSTAPE image `tapeLoad` reads (BK-T-3). */
  tapeImageBytesMax: 1024 * 1024 * 1024,
} as const;

export type LimitName = keyof typeof LIMITS;

/** What a refusal over a limit carries besides its message (`error.limit` of the result line). */
export interface LimitDetail {
  readonly name: LimitName;
  readonly max: number;
  readonly value: number;
}

/** A refusal because a request asks for more than a limit allows (LIM-2). */
export class LimitError extends ModelError {
  readonly limit: LimitDetail;
  constructor(code: 'INVALID_ARGUMENT' | 'NO_CAPACITY', what: string, name: LimitName, value: number) {
    super(code, `${what} is ${value}; the model's limit ${name} is ${LIMITS[name]} (spec/limits.md)`);
    this.limit = { name, max: LIMITS[name], value };
  }
}

/** LIM-2: refuses `value` when it exceeds the limit; returns it otherwise. */
export function withinLimit(name: LimitName, what: string, value: number): number {
  if (value > LIMITS[name]) throw new LimitError('INVALID_ARGUMENT', what, name, value);
  return value;
}

/** LIM-2 for names: a name longer than nameCharsMax is refused before it is kept. */
export function requireName(what: string, name: string): string {
  withinLimit('nameCharsMax', `the length of ${what}`, name.length);
  return name;
}

/** LIM-3: a system or volume id, which "SYSTEM:VOLUME" joins, holds no ":" (and is a name as above). */
export function requireVolumeName(what: string, name: string): string {
  if (name.includes(':')) fail('INVALID_ARGUMENT', `${what} "${name}" contains ":"; volumes are named "SYSTEM:VOLUME"`);
  return requireName(what, name);
}

/** LIM-2: one host transfer (a read's length, a write's data) of at most transferBytesMax bytes. */
export function requireTransfer(what: string, length: number): void {
  if (length > LIMITS.transferBytesMax) withinLimit('transferBytesMax', `the length of ${what}`, length);
}

/** `requireTransfer` for host I/O to volume `volumeId` ("a write to volume ID"), its label built only for a refusal. */
export function requireVolumeTransfer(io: 'write' | 'read', volumeId: string, length: number): void {
  if (length > LIMITS.transferBytesMax) requireTransfer(io === 'write' ? `a write to volume ${volumeId}` : `a read of volume ${volumeId}`, length);
}
