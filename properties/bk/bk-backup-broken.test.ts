/**
 * The backup properties can fail: on deliberately broken variants (monkeypatched for one
 * fc.check with vi.spyOn) they find a counterexample and shrink it.
 *
 * - a backup host that reads the original volume instead of the copy (BK-B-2; caught by
 *   BK-INV-1 once the original was written after the division);
 * - a restore that skips the file's last block (BK-R-1; caught by BK-INV-1 and BK-INV-3).
 */
import { afterEach, describe, it, vi } from 'vitest';
import { expectCaughtAndShrunk } from '../harness/broken-variant.ts';
import { BackupProcess } from '../../src/model/backup-process.ts';
import { BACKUP_BLOCK_BYTES, backupFormat } from '../../src/backup/backup-file.ts';
import { bkInvIncrementalChain, bkInvPointInTime } from './bk-backup.ts';

const SHRUNK_MAX = 8;
const pieces = backupFormat.pieces;

function readsTheOriginal(): void {
  vi.spyOn(BackupProcess.prototype, 'source').mockImplementation(() => ({ system: 'P', volume: 'db' }));
}

function skipsTheLastBlock(): void {
  vi.spyOn(backupFormat, 'pieces').mockImplementation((d, max) => {
    const last = Math.floor((d.dataBytes - 1) / BACKUP_BLOCK_BYTES) * BACKUP_BLOCK_BYTES;
    return pieces(d, max).flatMap((p) => (p.at >= last ? [] : p.at + p.length > last ? [{ ...p, length: last - p.at }] : [p]));
  });
}

const VARIANTS = [
  { name: 'a backup reads the original instead of the copy', property: () => bkInvPointInTime[0]!.property(), breakIt: readsTheOriginal },
  { name: 'a restore skips the last block of the file', property: () => bkInvPointInTime[0]!.property(), breakIt: skipsTheLastBlock },
  { name: 'a restore skips the last block of the file (incremental chain)', property: () => bkInvIncrementalChain[0]!.property(), breakIt: skipsTheLastBlock },
];

describe('broken variants of BK-B-2 and BK-R-1 fail the backup properties', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const v of VARIANTS) {
    it(`${v.name}: caught and shrunk to at most ${SHRUNK_MAX} commands`, () => {
      expectCaughtAndShrunk(v.name, v.property, v.breakIt, SHRUNK_MAX);
    });
  }
});
