import { type AwsChunk, writeBlocks } from './awstape.ts';
import { ds1, ds2, iehinittHdr1, vol1 } from './labels.ts';
import { readTape } from './tape-reader.ts';
import type { Tape } from './tape-types.ts';
import { validateTape } from './tape-validate.ts';

/**
 * Tape images of the eleventh embodiment's backups (issue #16, spec/tape.md): AWSTAPE files
 * with IBM standard labels, as Hercules' tapemap, hetmap and hetinit know them. Pure: the
 * same Tape always gives the same bytes (TAPE-F-9).
 */
export type { FileLabel, Tape, TapeFile } from './tape-types.ts';
export { TAPE_BLOCK_BYTES_MAX, TAPE_FILE_BLOCKS_MAX, TAPE_FILES_MAX, TAPE_IMAGE_BYTES_MAX } from './tape-types.ts';
export { TapeDamaged, TapeInvalid } from './tape-errors.ts';
export { type AwsChunk, type LocatedChunk, readBlocks, readLocatedBlocks, writeBlocks } from './awstape.ts';
export { TAPE_CREATION_DATE, TAPE_EXPIRATION_DATE } from './labels.ts';

/** TAPE-L-1: the chunks of a tape, labels included; TAPE-L-6 for a tape with no files. */
export function tapeChunks(tape: Tape): AwsChunk[] {
  validateTape(tape);
  const data = (bytes: Uint8Array): AwsChunk => ({ kind: 'data', bytes });
  const tapemark: AwsChunk = { kind: 'tapemark' };
  const out: AwsChunk[] = [data(vol1(tape.volser, tape.owner))];
  if (tape.files.length === 0) return [...out, data(iehinittHdr1()), tapemark];
  tape.files.forEach((f, i) => {
    out.push(data(ds1('HDR1', f.label, tape.volser, i + 1, 0)), data(ds2('HDR2', f.label)), tapemark);
    for (const b of f.blocks) out.push(data(b));
    out.push(tapemark, data(ds1('EOF1', f.label, tape.volser, i + 1, f.blocks.length)), data(ds2('EOF2', f.label)), tapemark);
  });
  out.push(tapemark);
  return out;
}

/** TAPE-L-1..7: the AWSTAPE image of a tape. Throws TapeInvalid for a tape its labels cannot hold. */
export function writeAwsTape(tape: Tape): Uint8Array {
  return writeBlocks(tapeChunks(tape));
}

/** TAPE-R-1..6: the tape an AWSTAPE image holds. Throws TapeDamaged naming the block. */
export function readAwsTape(bytes: Uint8Array): Tape {
  return readTape(bytes);
}
