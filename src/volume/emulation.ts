import { fail } from '../errors.ts';
import { LIMITS, LimitError, withinLimit } from '../limits.ts';
import { requirePositive } from '../validate.ts';

/** Mainframe track geometry shared by every 3390 type (spec/volumes.md, VOL-E-2). */
export const MAINFRAME_TRACK_BYTES = 56_664;
export const MAINFRAME_TRACKS_PER_CYLINDER = 15;
export const OPEN_BLOCK_BYTES = 512;
export const OPEN_DEFAULT_TRACK_BYTES = 65_536;

/** Cylinders per 3390 model (VOL-E-2). A Map: a type name is never looked up on Object.prototype (LIM-3). */
export const CYLINDERS_3390: ReadonlyMap<string, number> = new Map([
  ['3390-1', 1113],
  ['3390-2', 2226],
  ['3390-3', 3339],
  ['3390-9', 10017],
  ['3390-27', 32760],
  ['3390-54', 65520],
]);

/** The seed's emulation information 303: type, capacity and track format of a volume. */
export interface Emulation {
  readonly type: string;
  readonly bytes: number;
  readonly trackBytes: number;
  readonly tracks: number;
  /** Mainframe only. */
  readonly cylinders?: number;
}

export interface EmulationRequest {
  readonly emulation: string;
  readonly bytes?: number | undefined;
  readonly trackBytes?: number | undefined;
}


/** VOL-E-1..VOL-E-3: resolves a volume's emulation, refusing what the type cannot be. */
export function resolveEmulation(req: EmulationRequest): Emulation {
  if (req.emulation === 'OPEN-V') return openV(req);
  const cylinders = CYLINDERS_3390.get(req.emulation);
  if (cylinders === undefined) {
    fail('INVALID_ARGUMENT', `unknown emulation type "${req.emulation}" (OPEN-V or 3390-1/2/3/9/27/54)`);
  }
  const tracks = cylinders * MAINFRAME_TRACKS_PER_CYLINDER;
  const bytes = tracks * MAINFRAME_TRACK_BYTES;
  if (req.bytes !== undefined && req.bytes !== bytes) {
    fail('INVALID_ARGUMENT', `${req.emulation} holds ${bytes} bytes; bytes ${req.bytes} does not match`);
  }
  if (req.trackBytes !== undefined && req.trackBytes !== MAINFRAME_TRACK_BYTES) {
    fail('INVALID_ARGUMENT', `${req.emulation} tracks are ${MAINFRAME_TRACK_BYTES} bytes; trackBytes ${req.trackBytes} does not match`);
  }
  return { type: req.emulation, bytes, trackBytes: MAINFRAME_TRACK_BYTES, tracks, cylinders };
}

function openV(req: EmulationRequest): Emulation {
  if (req.bytes === undefined) fail('INVALID_ARGUMENT', 'an OPEN-V volume needs "bytes"');
  const bytes = requirePositive('volume bytes', req.bytes);
  if (bytes % OPEN_BLOCK_BYTES !== 0) fail('INVALID_ARGUMENT', `OPEN-V bytes must be whole ${OPEN_BLOCK_BYTES}-byte blocks, got ${bytes}`);
  withinLimit('volumeBytesMax', 'OPEN-V bytes', bytes);
  const trackBytes = requirePositive('trackBytes', req.trackBytes ?? OPEN_DEFAULT_TRACK_BYTES);
  if (trackBytes % OPEN_BLOCK_BYTES !== 0) fail('INVALID_ARGUMENT', `trackBytes must be whole ${OPEN_BLOCK_BYTES}-byte blocks, got ${trackBytes}`);
  withinLimit('trackBytesMax', 'trackBytes', trackBytes);
  const tracks = Math.ceil(bytes / trackBytes);
  if (tracks > LIMITS.volumeTracksMax) {
    throw new LimitError('INVALID_ARGUMENT', `the volume's track count (${bytes} bytes in ${trackBytes}-byte tracks; a larger trackBytes makes fewer)`, 'volumeTracksMax', tracks);
  }
  return { type: 'OPEN-V', bytes, trackBytes, tracks };
}

/** VOL-E-4 (seed, fifth embodiment): cylinder a, head b is track a·15 + b. */
export function trackOfCylinderHead(e: Emulation, cylinder: number, head: number): number {
  if (e.cylinders === undefined) fail('INVALID_ARGUMENT', `${e.type} has no cylinders`);
  if (!Number.isSafeInteger(cylinder) || !Number.isSafeInteger(head) || cylinder < 0 || head < 0) {
    fail('INVALID_ARGUMENT', `cylinder and head must be whole numbers ≥ 0, got ${cylinder}, ${head}`);
  }
  if (cylinder >= e.cylinders || head >= MAINFRAME_TRACKS_PER_CYLINDER) {
    fail('OUT_OF_RANGE', `cylinder ${cylinder} head ${head} is outside ${e.type} (${e.cylinders} cylinders × ${MAINFRAME_TRACKS_PER_CYLINDER} heads)`);
  }
  return cylinder * MAINFRAME_TRACKS_PER_CYLINDER + head;
}
