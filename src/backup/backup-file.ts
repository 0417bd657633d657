/**
 * BK-T-2 (spec/backup.md): a backup as one tape file. The first data block is the file's
 * descriptor, one line of JSON in ASCII: which volume, which extents (tracks), which point in
 * time; then the extents' bytes in order, in blocks of BACKUP_BLOCK_BYTES (the last shorter).
 */
import { fail } from '../errors.ts';
import type { Extent } from '../local-copy/extents.ts';
import type { TapeFile } from '../tape/tape-image.ts';
import { descriptorProblem } from './descriptor-check.ts';

/** Data block length of a backup file (RECFM U, so each block says its own length). */
export const BACKUP_BLOCK_BYTES = 32760; // the largest block an OS/VS system reads without large block support (LBI)
const FORMAT = 'extent-copy-model backup 1';

/** What a tape file of a backup says about itself. */
export interface BackupDescriptor {
  readonly format: typeof FORMAT;
  /** "SYSTEM:VOLUME" of the copy volume backed up, its pair and size. */
  readonly volume: string;
  readonly pair: string;
  readonly bytes: number;
  readonly trackBytes: number;
  /** The tracks held, in the order their bytes follow. */
  readonly extents: ReadonlyArray<readonly [number, number]>;
  /** Trace lines: the request that formed the copy (the point in time), the notification, the backup. */
  readonly formedAt: number;
  /** Which tracks hold the image of which request (an extent update retakes its extents: BK-T-2). */
  readonly pointsInTime: ReadonlyArray<{ readonly line: number; readonly extents: ReadonlyArray<readonly [number, number]> }>;
  readonly notifiedAt: number;
  readonly backupAt: number;
  /** Bytes of data after the descriptor. */
  readonly dataBytes: number;
}

/** The tape file of a finished backup: descriptor, then the data cut into blocks. */
export function backupFile(d: Omit<BackupDescriptor, 'format' | 'dataBytes'>, data: readonly Uint8Array[], fileSeq: number): TapeFile {
  const dataBytes = data.reduce((n, c) => n + c.length, 0);
  const descriptor = new TextEncoder().encode(JSON.stringify({ format: FORMAT, ...d, dataBytes }));
  const blocks: Uint8Array[] = [descriptor];
  let block = new Uint8Array(Math.min(BACKUP_BLOCK_BYTES, dataBytes));
  let at = 0;
  let left = dataBytes;
  for (const chunk of data) {
    for (let i = 0; i < chunk.length; ) {
      const n = Math.min(block.length - at, chunk.length - i);
      block.set(chunk.subarray(i, i + n), at);
      at += n;
      i += n;
      left -= n;
      if (at === block.length && block.length > 0) {
        blocks.push(block);
        block = new Uint8Array(Math.min(BACKUP_BLOCK_BYTES, left));
        at = 0;
      }
    }
  }
  const blockBytes = Math.max(descriptor.length, ...blocks.slice(1).map((b) => b.length));
  return { label: { dsname: `ECM.BACKUP.F${String(fileSeq).padStart(4, '0')}`, recfm: 'U', blockBytes, fileSeq }, blocks };
}

/** BK-R-1: a tape file read back: its descriptor and data, or TAPE_DAMAGED when it is not a whole backup. */
export function readBackupFile(tape: string, seq: number, file: TapeFile): { descriptor: BackupDescriptor; data: Uint8Array } {
  const where = `tape ${tape} file ${seq}`;
  const first = file.blocks[0];
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(first ?? new Uint8Array())) as Record<string, unknown>;
  } catch {
    return fail('TAPE_DAMAGED', `${where}: block 1 is not a backup descriptor of this model (not JSON)`);
  }
  const dataLength = file.blocks.slice(1).reduce((n, b) => n + b.length, 0);
  const problem = typeof d === 'object' && d !== null && !Array.isArray(d) ? descriptorProblem(d, FORMAT, dataLength) : 'it is not an object';
  if (problem !== null) fail('TAPE_DAMAGED', `${where}: block 1, the backup's descriptor: ${problem}`);
  const data = new Uint8Array(dataLength);
  let at = 0;
  for (const b of file.blocks.slice(1)) {
    data.set(b, at);
    at += b.length;
  }
  return { descriptor: d as unknown as BackupDescriptor, data };
}

/**
 * BK-R-1: where a file's data goes: the byte ranges of its extents, each cut to one host
 * transfer (`maxBytes`), with where each piece starts in the data.
 */
function restorePieces(d: BackupDescriptor, maxBytes: number): Array<{ offset: number; length: number; at: number }> {
  const out: Array<{ offset: number; length: number; at: number }> = [];
  let at = 0;
  for (const r of extentBytes(d.extents, d.trackBytes, d.bytes)) {
    for (let done = 0; done < r.length; ) {
      const n = Math.min(r.length - done, maxBytes);
      out.push({ offset: r.offset + done, length: n, at });
      done += n;
      at += n;
    }
  }
  return out;
}

/** The format's two readings, as one object (the properties' broken variants replace one of them). */
export const backupFormat = { read: readBackupFile, pieces: restorePieces };

/** The byte ranges of `extents` (tracks) of a volume: where each part of the data goes. */
export function extentBytes(extents: readonly Extent[], trackBytes: number, bytes: number): Array<{ offset: number; length: number }> {
  return extents.map(([a, b]) => {
    const offset = a * trackBytes;
    return { offset, length: Math.min((b + 1) * trackBytes, bytes) - offset };
  });
}
