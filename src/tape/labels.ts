import { decodeEbcdic, encodeEbcdic } from './ebcdic.ts';
import { TapeDamaged } from './tape-errors.ts';
import type { FileLabel } from './tape-types.ts';

/**
 * The 80-byte IBM standard labels (spec/tape.md, TAPE-L-2..6): where each field lies, how the
 * model fills it, and how a label read back is checked (TAPE-R-4). Columns are 1-based, as
 * the IBM tables give them.
 */
export const LABEL_BYTES = 80;

interface Field {
  readonly col: number;
  readonly len: number;
}
const at = (col: number, len: number): Field => ({ col, len });

/** TAPE-L-2. */
export const VOL1 = { id: at(1, 4), volser: at(5, 6), access: at(11, 1), owner: at(42, 10), level: at(80, 1) } as const;
/** TAPE-L-3 (HDR1 and EOF1). */
export const DS1 = {
  id: at(1, 4), dsname: at(5, 17), volser: at(22, 6), volseq: at(28, 4), fileSeq: at(32, 4), generation: at(36, 4), version: at(40, 2),
  created: at(42, 6), expires: at(48, 6), security: at(54, 1), blocksLow: at(55, 6), system: at(61, 13), blocksHigh: at(77, 4),
} as const;
/** TAPE-L-4 (HDR2 and EOF2). */
export const DS2 = {
  id: at(1, 4), recfm: at(5, 1), blockLength: at(6, 5), recordLength: at(11, 5), density: at(16, 1), position: at(17, 1), job: at(18, 17),
  technique: at(35, 2), control: at(37, 1), blockAttribute: at(39, 1), checkpoint: at(48, 1), largeBlock: at(71, 10),
} as const;

/** TAPE-L-5: no clock in the model, so every file was created on day 001 of 2000 and never expires. */
export const TAPE_CREATION_DATE = '000001';
export const TAPE_EXPIRATION_DATE = '000000';
export const TAPE_SYSTEM_CODE = 'IBM OS/VS 370';
export const TAPE_JOB_STEP = 'EXTCOPY /BACKUP  ';
/** HDR2's 5-digit block length holds at most this; longer blocks go to the large block length (TAPE-L-4). */
export const DS2_BLOCK_LENGTH_MAX = 32760;

function label(fields: ReadonlyArray<readonly [Field, string]>): Uint8Array {
  const text = new Array<string>(LABEL_BYTES).fill(' ');
  for (const [f, value] of fields) {
    if (value.length !== f.len) throw new RangeError(`label field at col ${f.col} is ${f.len} characters, not ${value.length}`);
    for (let i = 0; i < f.len; i++) text[f.col - 1 + i] = value[i]!;
  }
  return encodeEbcdic(text.join(''));
}

const digits = (n: number, len: number): string => String(n).padStart(len, '0');

/** TAPE-L-2: the volume label (as hetinit writes it: everything but volser and owner blank). */
export function vol1(volser: string, owner: string | undefined): Uint8Array {
  return label([[VOL1.id, 'VOL1'], [VOL1.volser, volser.padEnd(6)], [VOL1.owner, (owner ?? '').padEnd(10)]]);
}

/** TAPE-L-3: HDR1 (`blocks` 0) or EOF1 (`blocks` the data blocks written). */
export function ds1(id: 'HDR1' | 'EOF1', file: FileLabel, volser: string, fileSeq: number, blocks: number): Uint8Array {
  return label([
    [DS1.id, id], [DS1.dsname, file.dsname.padEnd(17)], [DS1.volser, volser.padEnd(6)], [DS1.volseq, '0001'],
    [DS1.fileSeq, digits(fileSeq, 4)], [DS1.generation, '0001'], [DS1.version, '00'], [DS1.created, TAPE_CREATION_DATE],
    [DS1.expires, TAPE_EXPIRATION_DATE], [DS1.security, '0'], [DS1.blocksLow, digits(blocks, 6)], [DS1.system, TAPE_SYSTEM_CODE],
  ]);
}

/** TAPE-L-4: HDR2 or EOF2. */
export function ds2(id: 'HDR2' | 'EOF2', file: FileLabel): Uint8Array {
  const large = file.blockBytes > DS2_BLOCK_LENGTH_MAX;
  return label([
    [DS2.id, id], [DS2.recfm, file.recfm], [DS2.blockLength, digits(large ? 0 : file.blockBytes, 5)],
    [DS2.recordLength, digits(file.recfm === 'F' ? file.blockBytes : 0, 5)], [DS2.density, '0'], [DS2.position, '0'],
    [DS2.job, TAPE_JOB_STEP], [DS2.largeBlock, large ? digits(file.blockBytes, 10) : ' '.repeat(10)],
  ]);
}

/** TAPE-L-6: IEHINITT's dummy HDR1, every field after the id EBCDIC '0' (Hercules sl_ds1 with SL_INITDSN). */
export function iehinittHdr1(): Uint8Array {
  return encodeEbcdic(`HDR1${'0'.repeat(LABEL_BYTES - 4)}`);
}

/** A label block as read: its text and where it lies, for TapeDamaged. */
export interface LabelAt {
  readonly text: string;
  readonly block: number;
  readonly offset: number;
}

export function labelAt(bytes: Uint8Array, block: number, offset: number): LabelAt {
  return { text: decodeEbcdic(bytes), block, offset };
}

export function field(l: LabelAt, f: Field): string {
  return l.text.slice(f.col - 1, f.col - 1 + f.len);
}

export function damaged(l: LabelAt, reason: string): never {
  throw new TapeDamaged(l.block, l.offset, `${field(l, DS1.id)} label: ${reason}`);
}

/** TAPE-R-4: an all-digit field's value. */
export function number(l: LabelAt, name: string, f: Field): number {
  const v = field(l, f);
  if (!/^[0-9]+$/.test(v)) damaged(l, `${name} (cols ${f.col}–${f.col + f.len - 1}) is '${v}', not ${f.len} EBCDIC digits`);
  return Number(v);
}

/** TAPE-R-4: a field of digits, or blanks (read as absent). */
export function numberOrBlank(l: LabelAt, name: string, f: Field): number | null {
  return field(l, f).trim() === '' ? null : number(l, name, f);
}

/** TAPE-R-4: a name left-justified in its field: 1+ characters of `chars`, then blanks. */
export function name(l: LabelAt, what: string, f: Field, chars: RegExp): string {
  const v = field(l, f);
  const m = /^(\S+) *$/.exec(v);
  if (!m || !chars.test(m[1]!)) damaged(l, `${what} (cols ${f.col}–${f.col + f.len - 1}) is '${v}'`);
  return m[1]!;
}

/** TAPE-R-4: a cyyddd date (c blank for 19yy, a digit for 20yy and on; ddd 000–366). */
export function date(l: LabelAt, what: string, f: Field): string {
  const v = field(l, f);
  if (!/^[ 0-9][0-9]{5}$/.test(v) || Number(v.slice(3)) > 366) damaged(l, `${what} (cols ${f.col}–${f.col + f.len - 1}) is '${v}', not a cyyddd date`);
  return v;
}

export const VOLSER_CHARS = /^[A-Z0-9]{1,6}$/;
export const DSNAME_CHARS = /^[A-Z0-9.$#@-]{1,17}$/;
