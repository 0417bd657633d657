import { type LocatedChunk, readLocatedBlocks } from './awstape.ts';
import { readDs1, readDs2, readVol1, type Ds1Fields, type Ds2Fields } from './label-read.ts';
import { damaged, LABEL_BYTES, labelAt, type LabelAt } from './labels.ts';
import { TapeDamaged } from './tape-errors.ts';
import type { Tape, TapeFile } from './tape-types.ts';

/**
 * The label-aware reader (spec/tape.md, TAPE-L-1, TAPE-R-3..6): walks the AWSTAPE chunks in
 * the order TAPE-L-1 lays them out and throws TapeDamaged at the first block that breaks it.
 */
class Cursor {
  private i = 0;
  constructor(
    private readonly chunks: readonly LocatedChunk[],
    private readonly imageBytes: number,
  ) {}

  /** TAPE-R-3: the next chunk, or damage naming the block that is missing. */
  next(what: string): LocatedChunk {
    const c = this.chunks[this.i++];
    if (c) return c;
    const last = this.chunks[this.chunks.length - 1];
    throw new TapeDamaged(last ? last.block + last.headers : 1, this.imageBytes, `the image ends where ${what} should be`);
  }

  nextIsTapemark(): boolean {
    return this.chunks[this.i]?.chunk.kind === 'tapemark';
  }

  label(what: string): LabelAt {
    const c = this.next(what);
    if (c.chunk.kind === 'tapemark') throw new TapeDamaged(c.block, c.offset, `a tape mark where ${what} should be`);
    if (c.chunk.bytes.length !== LABEL_BYTES) throw new TapeDamaged(c.block, c.offset, `a ${c.chunk.bytes.length}-byte block where ${what} (${LABEL_BYTES} bytes) should be`);
    return labelAt(c.chunk.bytes, c.block, c.offset);
  }

  tapemark(what: string): void {
    const c = this.next(what);
    if (c.chunk.kind === 'data') throw new TapeDamaged(c.block, c.offset, `a ${c.chunk.bytes.length}-byte data block where ${what} should be`);
  }

  /** TAPE-R-3: nothing may follow the end of the tape's data. */
  end(after: string): void {
    const c = this.chunks[this.i];
    if (c) throw new TapeDamaged(c.block, c.offset, `${c.chunk.kind === 'tapemark' ? 'a tape mark' : 'a data block'} after ${after}, where the image should end`);
  }
}

/** TAPE-R-6: IEHINITT's dummy HDR1 (hetinit): every column after the id is '0'. */
function isIehinittHdr1(l: LabelAt): boolean {
  return l.text === `HDR1${'0'.repeat(LABEL_BYTES - 4)}`;
}

/** TAPE-L-1, TAPE-R-3..6: the tape an image holds. Throws TapeDamaged. */
export function readTape(bytes: Uint8Array): Tape {
  const cur = new Cursor(readLocatedBlocks(bytes), bytes.length);
  const vol = readVol1(cur.label('the VOL1 label'));
  const tape = (files: TapeFile[]): Tape => ({ volser: vol.volser, ...(vol.owner === undefined ? {} : { owner: vol.owner }), files });
  let hdr1 = cur.label('the HDR1 label of file 1');
  if (isIehinittHdr1(hdr1)) {
    cur.tapemark('the tape mark after the IEHINITT HDR1 label');
    cur.end('the IEHINITT HDR1 label and its tape mark');
    return tape([]);
  }
  const files: TapeFile[] = [];
  for (;;) {
    files.push(readFile(cur, hdr1, vol.volser, files.length + 1));
    if (cur.nextIsTapemark()) break;
    hdr1 = cur.label(`the HDR1 label of file ${files.length + 1} or the end-of-data tape mark`);
  }
  cur.tapemark('the end-of-data tape mark');
  cur.end('the end-of-data tape mark');
  return tape(files);
}

/** TAPE-L-1: HDR1 (already taken), HDR2, tape mark, data, tape mark, EOF1, EOF2, tape mark. */
function readFile(cur: Cursor, hdr1At: LabelAt, volser: string, seq: number): TapeFile {
  const hdr1 = readDs1(hdr1At, 'HDR1');
  checkHdr1(hdr1At, hdr1, volser, seq);
  const hdr2 = readDs2(cur.label(`the HDR2 label of file ${seq}`), 'HDR2');
  cur.tapemark(`the tape mark after file ${seq}'s header labels`);
  const blocks = readData(cur, hdr2, seq);
  const eof1At = cur.label(`the EOF1 label of file ${seq}`);
  checkEof1(eof1At, readDs1(eof1At, 'EOF1'), hdr1, blocks.length);
  const eof2At = cur.label(`the EOF2 label of file ${seq}`);
  const eof2 = readDs2(eof2At, 'EOF2');
  if (eof2.recfm !== hdr2.recfm || eof2.blockBytes !== hdr2.blockBytes) {
    damaged(eof2At, `record format ${eof2.recfm}, block length ${eof2.blockBytes}; HDR2 said ${hdr2.recfm}, ${hdr2.blockBytes}`);
  }
  cur.tapemark(`the tape mark after file ${seq}'s trailer labels`);
  return { label: { dsname: hdr1.dsname, recfm: hdr2.recfm, blockBytes: hdr2.blockBytes, fileSeq: seq }, blocks };
}

/** TAPE-R-5: a header names this volume, its first section, and its place on the tape. */
function checkHdr1(l: LabelAt, h: Ds1Fields, volser: string, seq: number): void {
  if (h.volser !== volser) damaged(l, `volume serial '${h.volser}' is not the VOL1 label's '${volser}'`);
  if (h.volseq !== 1) damaged(l, `volume sequence ${h.volseq} (files that span volumes are not supported)`);
  if (h.fileSeq !== seq) damaged(l, `file sequence ${h.fileSeq} where file ${seq} should be (out of order)`);
  if (h.blocks !== 0) damaged(l, `block count ${h.blocks} in a header label (must be 0)`);
}

/** TAPE-R-5: the trailer repeats the header and counts the blocks read. */
function checkEof1(l: LabelAt, e: Ds1Fields, h: Ds1Fields, blocks: number): void {
  if (e.dsname !== h.dsname) damaged(l, `data set name '${e.dsname}' is not HDR1's '${h.dsname}'`);
  if (e.volser !== h.volser || e.volseq !== h.volseq) damaged(l, `volume ${e.volser} sequence ${e.volseq} is not HDR1's ${h.volser} ${h.volseq}`);
  if (e.fileSeq !== h.fileSeq) damaged(l, `file sequence ${e.fileSeq} is not HDR1's ${h.fileSeq}`);
  if (e.blocks !== blocks) damaged(l, `block count ${e.blocks}, but file ${h.fileSeq} has ${blocks} data blocks`);
}

/** TAPE-R-5: data blocks up to the tape mark, none longer than HDR2 says; F blocks all that long. */
function readData(cur: Cursor, hdr2: Ds2Fields, seq: number): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (;;) {
    const c = cur.next(`a data block or the tape mark ending file ${seq}'s data`);
    if (c.chunk.kind === 'tapemark') return blocks;
    const n = c.chunk.bytes.length;
    if (n > hdr2.blockBytes) throw new TapeDamaged(c.block, c.offset, `a ${n}-byte data block in file ${seq}, whose HDR2 block length is ${hdr2.blockBytes}`);
    if (hdr2.recfm === 'F' && n !== hdr2.blockBytes) throw new TapeDamaged(c.block, c.offset, `a ${n}-byte data block in file ${seq}, whose record format F needs ${hdr2.blockBytes}`);
    blocks.push(c.chunk.bytes);
  }
}
