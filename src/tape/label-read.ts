import { date, damaged, DS1, DS2, DSNAME_CHARS, field, type LabelAt, name, number, numberOrBlank, VOL1, VOLSER_CHARS } from './labels.ts';
import { TAPE_BLOCK_BYTES_MAX } from './tape-types.ts';

/**
 * Reading one label's fields (spec/tape.md, TAPE-R-4): every field the model uses must parse;
 * fields it does not use (reserved, job, density, system code) are not looked at, so labels
 * other writers filled differently still read.
 */

export interface Vol1Fields {
  readonly volser: string;
  readonly owner: string | undefined;
}

export interface Ds1Fields {
  readonly dsname: string;
  readonly volser: string;
  readonly volseq: number;
  readonly fileSeq: number;
  readonly blocks: number;
}

export interface Ds2Fields {
  readonly recfm: 'U' | 'F';
  readonly blockBytes: number;
}

function expectId(l: LabelAt, id: string): void {
  const got = field(l, DS1.id);
  if (got !== id) damaged(l, `expected a ${id} label here, found '${got}'`);
}

/** TAPE-L-2, TAPE-R-4. */
export function readVol1(l: LabelAt): Vol1Fields {
  expectId(l, 'VOL1');
  const volser = name(l, 'volume serial', VOL1.volser, VOLSER_CHARS);
  const owner = field(l, VOL1.owner).trimEnd();
  if (owner.includes('\ufffd')) damaged(l, `owner (cols 42–51) holds a byte that is no label character`);
  return { volser, owner: owner === '' ? undefined : owner };
}

/** TAPE-L-3, TAPE-R-4: HDR1 or EOF1. */
export function readDs1(l: LabelAt, id: 'HDR1' | 'EOF1'): Ds1Fields {
  expectId(l, id);
  const dsname = name(l, 'data set name', DS1.dsname, DSNAME_CHARS);
  const volser = name(l, 'volume serial', DS1.volser, VOLSER_CHARS);
  const volseq = number(l, 'volume sequence', DS1.volseq);
  const fileSeq = number(l, 'file sequence', DS1.fileSeq);
  numberOrBlank(l, 'generation number', DS1.generation);
  numberOrBlank(l, 'version number', DS1.version);
  date(l, 'creation date', DS1.created);
  date(l, 'expiration date', DS1.expires);
  const low = number(l, 'block count', DS1.blocksLow);
  const high = numberOrBlank(l, 'block count (high order)', DS1.blocksHigh) ?? 0;
  return { dsname, volser, volseq, fileSeq, blocks: high * 1_000_000 + low };
}

/** TAPE-L-4, TAPE-R-4: HDR2 or EOF2. */
export function readDs2(l: LabelAt, id: 'HDR2' | 'EOF2'): Ds2Fields {
  expectId(l, id);
  const recfm = field(l, DS2.recfm);
  if (recfm !== 'U' && recfm !== 'F') damaged(l, `record format '${recfm}' is not supported (U and F only)`);
  const short = number(l, 'block length', DS2.blockLength);
  const large = numberOrBlank(l, 'large block length', DS2.largeBlock);
  if (large !== null && short !== 0 && short !== large) damaged(l, `block length ${short} and large block length ${large} disagree`);
  const blockBytes = large ?? short;
  if (blockBytes > TAPE_BLOCK_BYTES_MAX) damaged(l, `block length ${blockBytes} is over ${TAPE_BLOCK_BYTES_MAX}`);
  const lrecl = number(l, 'record length', DS2.recordLength);
  if (recfm === 'U' && lrecl !== 0) damaged(l, `record length ${lrecl} with record format U (must be 0)`);
  if (recfm === 'F' && lrecl !== blockBytes) damaged(l, `record length ${lrecl} is not the block length ${blockBytes} (blocked F is not supported)`);
  return { recfm, blockBytes };
}
