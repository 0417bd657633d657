import { segmentsOf, AWS_HEADER_BYTES } from './awstape.ts';
import { LABEL_CHARS } from './ebcdic.ts';
import { DSNAME_CHARS, LABEL_BYTES, VOLSER_CHARS } from './labels.ts';
import { TapeInvalid } from './tape-errors.ts';
import { TAPE_BLOCK_BYTES_MAX, TAPE_FILE_BLOCKS_MAX, TAPE_FILES_MAX, TAPE_IMAGE_BYTES_MAX, type Tape, type TapeFile } from './tape-types.ts';

/**
 * TAPE-L-7: the writer refuses a Tape its labels cannot say, before writing a byte, naming the
 * field. Every limit is checked before the image is sized, so a refused tape allocates nothing.
 */
export function validateTape(tape: Tape): void {
  if (typeof tape.volser !== 'string' || !VOLSER_CHARS.test(tape.volser)) refuse('volser', `'${String(tape.volser)}' is not 1–6 characters A–Z 0–9`);
  if (tape.owner !== undefined) validateOwner(tape.owner);
  if (!Array.isArray(tape.files)) refuse('files', 'not an array');
  if (tape.files.length > TAPE_FILES_MAX) refuse('files', `${tape.files.length} files, over ${TAPE_FILES_MAX}`);
  let bytes = 3 * (AWS_HEADER_BYTES + LABEL_BYTES);
  tape.files.forEach((f, i) => {
    validateFile(f, i);
    bytes += 4 * (AWS_HEADER_BYTES + LABEL_BYTES) + 3 * AWS_HEADER_BYTES;
    for (const b of f.blocks) bytes += segmentsOf(b.length) * AWS_HEADER_BYTES + b.length;
  });
  if (bytes > TAPE_IMAGE_BYTES_MAX) refuse('files', `the image would be ${bytes} bytes, over ${TAPE_IMAGE_BYTES_MAX}`);
}

function validateOwner(owner: string): void {
  const ok = typeof owner === 'string' && owner.length >= 1 && owner.length <= 10 && [...owner].every((c) => LABEL_CHARS.has(c)) && !owner.endsWith(' ');
  if (!ok) refuse('owner', `'${String(owner)}' is not 1–10 label characters without a trailing blank`);
}

function validateFile(f: TapeFile, i: number): void {
  const at = `files[${i}]`;
  const l = f.label;
  if (typeof l.dsname !== 'string' || !DSNAME_CHARS.test(l.dsname)) refuse(`${at}.label.dsname`, `'${String(l.dsname)}' is not 1–17 characters A–Z 0–9 . - $ # @`);
  if (l.recfm !== 'U' && l.recfm !== 'F') refuse(`${at}.label.recfm`, `'${String(l.recfm)}' is not U or F`);
  if (!Number.isInteger(l.blockBytes) || l.blockBytes < 0 || l.blockBytes > TAPE_BLOCK_BYTES_MAX) refuse(`${at}.label.blockBytes`, `${l.blockBytes} is not an integer 0..${TAPE_BLOCK_BYTES_MAX}`);
  if (l.fileSeq !== undefined && l.fileSeq !== i + 1) refuse(`${at}.label.fileSeq`, `${l.fileSeq}, but the file is number ${i + 1} on the tape`);
  if (!Array.isArray(f.blocks)) refuse(`${at}.blocks`, 'not an array');
  if (f.blocks.length > TAPE_FILE_BLOCKS_MAX) refuse(`${at}.blocks`, `${f.blocks.length} blocks, over ${TAPE_FILE_BLOCKS_MAX}`);
  f.blocks.forEach((b, j) => {
    if (!(b instanceof Uint8Array)) refuse(`${at}.blocks[${j}]`, 'not a Uint8Array');
    if (b.length > l.blockBytes) refuse(`${at}.blocks[${j}]`, `${b.length} bytes, over the label's blockBytes ${l.blockBytes}`);
    if (l.recfm === 'F' && b.length !== l.blockBytes) refuse(`${at}.blocks[${j}]`, `${b.length} bytes; record format F needs exactly ${l.blockBytes}`);
  });
}

function refuse(field: string, reason: string): never {
  throw new TapeInvalid(field, reason);
}
