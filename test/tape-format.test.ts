/**
 * Issue #16, spec/tape.md: the AWSTAPE image with IBM standard labels. Round trips of every
 * block length class and of random tapes (TAPE-F-4, TAPE-R-7), the exact bytes of a known
 * tape and of an empty one (TAPE-F-1..3, TAPE-L-2..6), every kind of damage naming its block
 * (TAPE-R-2..5), and broken writers the round-trip property catches and shrinks.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEbcdic, encodeEbcdic } from '../src/tape/ebcdic.ts';
import { ds1 } from '../src/tape/labels.ts';
import {
  type AwsChunk, readAwsTape, readBlocks, type Tape, tapeChunks, TapeDamaged, TapeInvalid, writeAwsTape, writeBlocks,
} from '../src/tape/tape-image.ts';
import { pattern } from '../properties/harness/support.ts';

const CLASSES = [0, 1, 79, 80, 81, 32767, 32768, 65534, 65535];

/** Deterministic block contents (xorshift32; no Math.random, so failures replay). */
const filled = (length: number, seed: number): Uint8Array => (length === 0 ? new Uint8Array(0) : pattern(length, seed));

/** TAPE-R-7: what reading gives back for a written tape (fileSeq filled in) must equal it. */
function assertSameTape(read: Tape, written: Tape): void {
  assert.equal(read.volser, written.volser, 'volser');
  assert.equal(read.owner, written.owner, 'owner');
  assert.equal(read.files.length, written.files.length, 'file count');
  written.files.forEach((w, i) => {
    const r = read.files[i]!;
    assert.deepEqual(r.label, { ...w.label, fileSeq: i + 1 }, `file ${i + 1} label`);
    assert.equal(r.blocks.length, w.blocks.length, `file ${i + 1} block count`);
    w.blocks.forEach((b, j) => assert.ok(Buffer.from(r.blocks[j]!).equals(Buffer.from(b)), `file ${i + 1} block ${j + 1} (${b.length} bytes) differs`));
  });
}

/** Chunk lists compared by kind and bytes (Buffer.equals: vitest's toEqual walks big arrays byte by byte). */
function assertSameChunks(read: readonly AwsChunk[], written: readonly AwsChunk[]): void {
  assert.deepEqual(read.map((c) => c.kind), written.map((c) => c.kind), 'chunk kinds');
  written.forEach((w, i) => {
    const r = read[i]!;
    if (w.kind === 'data' && r.kind === 'data') assert.ok(Buffer.from(r.bytes).equals(Buffer.from(w.bytes)), `chunk ${i + 1} (${w.bytes.length} bytes) differs`);
  });
}

const roundTrips = (write: (t: Tape) => Uint8Array) => (tape: Tape): void => assertSameTape(readAwsTape(write(tape)), tape);

/** Block lengths biased to the ends of the 16-bit field (TAPE-F-4) and the 32760 boundary of HDR2 (TAPE-L-4). */
const blockLength = fc.oneof(
  { withCrossShrink: true }, // shrinks toward the first arbitrary, so a counterexample's blocks end up empty
  { arbitrary: fc.constantFrom(0, 65535), weight: 3 },
  { arbitrary: fc.constantFrom(1, 79, 80, 81, 32760, 32761, 32767, 32768, 65534), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 65535 }), weight: 2 },
);
const dsname = fc.stringMatching(/^[A-Z0-9.$#@-]{1,17}$/);
const uFile = fc.record({ dsname, lengths: fc.array(blockLength, { maxLength: 5 }), slack: fc.constantFrom(0, 0, 1, 1000), seed: fc.integer() })
  .map(({ dsname, lengths, slack, seed }) => ({
    label: { dsname, recfm: 'U' as const, blockBytes: Math.min(65535, Math.max(0, ...lengths) + slack) },
    blocks: lengths.map((n, i) => filled(n, seed + i)),
  }));
const fFile = fc.record({ dsname, length: blockLength, count: fc.integer({ min: 0, max: 4 }), seed: fc.integer() })
  .map(({ dsname, length, count, seed }) => ({
    label: { dsname, recfm: 'F' as const, blockBytes: length },
    blocks: Array.from({ length: count }, (_, i) => filled(length, seed + i)),
  }));
const tapeArb: fc.Arbitrary<Tape> = fc.record({
  volser: fc.stringMatching(/^[A-Z0-9]{1,6}$/),
  owner: fc.option(fc.stringMatching(/^[A-Z0-9 ]{0,9}[A-Z0-9]$/), { nil: undefined }),
  files: fc.array(fc.oneof(uFile, fFile), { minLength: 1, maxLength: 4 }),
}).map(({ owner, ...t }) => (owner === undefined ? t : { ...t, owner }));

/** Header offsets of an image, walked independently of the module (TAPE-F-1). */
function headerOffsets(image: Uint8Array): number[] {
  const out: number[] = [];
  for (let at = 0; at < image.length; at += 6 + (image[at]! | (image[at + 1]! << 8))) out.push(at);
  return out;
}

function damage(image: Uint8Array): TapeDamaged {
  try {
    readAwsTape(image);
  } catch (e) {
    if (e instanceof TapeDamaged) return e;
    throw e;
  }
  throw new Error('the damaged image read without an error');
}

const HELLO: Tape = { volser: 'TST001', files: [{ label: { dsname: 'A.B', recfm: 'U', blockBytes: 5 }, blocks: [encodeEbcdic('HELLO')] }] };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('tape format: AWSTAPE blocks (TAPE-F-1..7)', () => {
  it('TAPE-F-4: every block length class round-trips, and a zero-length block is not a tape mark', () => {
    const chunks: AwsChunk[] = CLASSES.flatMap((n, i) => [{ kind: 'data', bytes: filled(n, i + 1) } as const, { kind: 'tapemark' } as const]);
    const image = writeBlocks(chunks);
    expect(image.length).toBe(CLASSES.reduce((s, n) => s + 12 + n, 0));
    assertSameChunks(readBlocks(image), chunks);
    expect(hex(writeBlocks([{ kind: 'data', bytes: new Uint8Array(0) }]))).toBe('00000000a000');
    expect(hex(writeBlocks([{ kind: 'tapemark' }]))).toBe('000000004000');
    const tape: Tape = { volser: 'CLASS', files: [{ label: { dsname: 'ALL.CLASSES', recfm: 'U', blockBytes: 65535 }, blocks: CLASSES.map((n, i) => filled(n, i)) }] };
    roundTrips(writeAwsTape)(tape);
    for (const n of CLASSES) roundTrips(writeAwsTape)({ volser: 'F', files: [{ label: { dsname: `F${n}`, recfm: 'F', blockBytes: n }, blocks: [filled(n, n), filled(n, n + 1)] }] });
  });

  it('TAPE-F-5: a chunk past 65535 bytes is written as segments (NEWREC first, ENDREC last) and read back whole', () => {
    for (const n of [65536, 131070, 131071, 200_000]) {
      const bytes = filled(n, n);
      const image = writeBlocks([{ kind: 'data', bytes }, { kind: 'tapemark' }]);
      const offsets = headerOffsets(image);
      const segments = Math.ceil(n / 65535);
      expect(offsets.length).toBe(segments + 1);
      expect(offsets.map((o) => image[o + 4])).toEqual([0x80, ...Array<number>(segments - 2).fill(0x00), 0x20, 0x40]);
      assertSameChunks(readBlocks(image), [{ kind: 'data', bytes }, { kind: 'tapemark' }]);
    }
  });

  it('TAPE-F-5: random chunk lists round-trip through writeBlocks and readBlocks', () => {
    const chunk = fc.oneof(
      fc.constant<AwsChunk>({ kind: 'tapemark' }),
      fc.tuple(fc.oneof(blockLength, fc.integer({ min: 65536, max: 140_000 })), fc.integer()).map(([n, s]): AwsChunk => ({ kind: 'data', bytes: filled(n, s) })),
    );
    fc.assert(fc.property(fc.array(chunk, { maxLength: 8 }), (chunks) => {
      assertSameChunks(readBlocks(writeBlocks(chunks)), chunks);
    }), { numRuns: 200 });
  });
});

describe('tape format: labels, byte for byte (TAPE-L-1..6, TAPE-F-8..9)', () => {
  it('TAPE-F-1..3, TAPE-L-1: a one-file tape has the headers and labels the layout says', () => {
    const image = writeAwsTape(HELLO);
    const offsets = headerOffsets(image);
    expect(offsets.map((o) => hex(image.subarray(o, o + 6)))).toEqual([
      '50000000a000', // VOL1: 80 bytes, no previous block, NEWREC|ENDREC
      '50005000a000', // HDR1
      '50005000a000', // HDR2
      '000050004000', // tape mark
      '05000000a000', // the 5-byte data block: previous is the tape mark (0)
      '000005004000', // tape mark
      '50000000a000', // EOF1
      '50005000a000', // EOF2
      '000050004000', // tape mark
      '000000004000', // end of data: the second tape mark in a row
    ]);
    const text = (k: number) => decodeEbcdic(image.subarray(offsets[k]! + 6, offsets[k]! + 86));
    expect(text(0)).toBe(`VOL1TST001${' '.repeat(70)}`);
    const ds1Text = (id: string, blocks: string) =>
      [id, 'A.B'.padEnd(17), 'TST001', '0001', '0001', '0001', '00', '000001', '000000', '0', blocks, 'IBM OS/VS 370', ' '.repeat(7)].join('');
    const ds2Text = (id: string) => [id, 'U', '00005', '00000', '0', '0', 'EXTCOPY /BACKUP  ', ' '.repeat(46)].join('');
    expect(text(1)).toBe(ds1Text('HDR1', '000000'));
    expect(text(2)).toBe(ds2Text('HDR2'));
    expect(text(6)).toBe(ds1Text('EOF1', '000001'));
    expect(text(7)).toBe(ds2Text('EOF2'));
    expect(decodeEbcdic(image.subarray(offsets[4]! + 6, offsets[4]! + 11))).toBe('HELLO');
  });

  it('TAPE-L-4: a block length past 32760 goes to the large block length field, cols 71–80', () => {
    const image = writeAwsTape({ volser: 'LBL', files: [{ label: { dsname: 'BIG', recfm: 'F', blockBytes: 32761 }, blocks: [] }] });
    const hdr2 = decodeEbcdic(image.subarray(headerOffsets(image)[2]! + 6).subarray(0, 80));
    expect(hdr2.slice(0, 15)).toBe('HDR2F0000032761');
    expect(hdr2.slice(70)).toBe('0000032761');
  });

  it('TAPE-L-6: a tape with no files is VOL1, IEHINITT\'s dummy HDR1 and a tape mark, the bytes hetinit -d writes', () => {
    const image = writeAwsTape({ volser: 'TST001', files: [] });
    const vol1 = `e5d6d3f1e3e2e3f0f0f1${'40'.repeat(70)}`;
    expect(hex(image)).toBe(`50000000a000${vol1}50005000a000c8c4d9f1${'f0'.repeat(76)}000050004000`); // pinned from hetinit -d (MEASURED.md)
    expect(readAwsTape(image)).toEqual({ volser: 'TST001', files: [] });
  });

  it('TAPE-F-9: the same tape gives the same bytes, and writing leaves the tape as it was', () => {
    const blocks = [filled(100, 7)];
    const tape: Tape = { volser: 'DET', owner: 'OPS', files: [{ label: { dsname: 'X', recfm: 'U', blockBytes: 100 }, blocks }] };
    expect(hex(writeAwsTape(tape))).toBe(hex(writeAwsTape(structuredClone(tape))));
    expect(hex(blocks[0]!)).toBe(hex(filled(100, 7)));
  });

  it('TAPE-R-7: random tapes (1–4 files, block lengths biased to 0 and 65535) round-trip', () => {
    let blocks = 0;
    let edges = 0;
    fc.assert(fc.property(tapeArb, (tape) => {
      roundTrips(writeAwsTape)(tape);
      for (const f of tape.files) for (const b of f.blocks) {
        blocks++;
        if (b.length === 0 || b.length === 65535) edges++;
      }
    }), { numRuns: 200 });
    expect(blocks).toBeGreaterThan(300); // the property wrote many blocks, not a few empty files
    expect(edges).toBeGreaterThan(50);
  });

  it('TAPE-L-7: the writer refuses what the labels cannot hold, naming the field', () => {
    const file = HELLO.files[0]!;
    const refusal = (t: Tape) => {
      try {
        writeAwsTape(t);
      } catch (e) {
        if (e instanceof TapeInvalid) return `${e.code} ${e.field}`;
        throw e;
      }
      return 'written';
    };
    expect(refusal({ ...HELLO, volser: 'TOOLONG' })).toBe('INVALID_ARGUMENT volser');
    expect(refusal({ ...HELLO, volser: 'ab' })).toBe('INVALID_ARGUMENT volser');
    expect(refusal({ ...HELLO, owner: 'ELEVEN CHAR' })).toBe('INVALID_ARGUMENT owner');
    expect(refusal({ ...HELLO, files: [{ ...file, label: { ...file.label, dsname: 'A.NAME.LONGER.THAN17' } }] })).toBe('INVALID_ARGUMENT files[0].label.dsname');
    expect(refusal({ ...HELLO, files: [{ ...file, label: { ...file.label, blockBytes: 4 } }] })).toBe('INVALID_ARGUMENT files[0].blocks[0]');
    expect(refusal({ ...HELLO, files: [{ ...file, label: { ...file.label, blockBytes: 65536 } }] })).toBe('INVALID_ARGUMENT files[0].label.blockBytes');
    expect(refusal({ ...HELLO, files: [{ ...file, label: { ...file.label, recfm: 'F', blockBytes: 6 } }] })).toBe('INVALID_ARGUMENT files[0].blocks[0]');
    expect(refusal({ ...HELLO, files: [{ ...file, label: { ...file.label, fileSeq: 2 } }] })).toBe('INVALID_ARGUMENT files[0].label.fileSeq');
    expect(refusal({ ...HELLO, files: [{ ...file, label: { ...file.label, fileSeq: 1 } }] })).toBe('written');
  });
});

describe('tape format: damage names its block (TAPE-R-1..6)', () => {
  const image = writeAwsTape(HELLO);
  const offsets = headerOffsets(image);
  const patched = (k: number, at: number, ...bytes: number[]) => {
    const copy = image.slice();
    copy.set(bytes, offsets[k - 1]! + at);
    return copy;
  };

  it('TAPE-R-2, TAPE-R-3: an image cut at any byte offset is damaged at the block the cut falls in or before', () => {
    for (let cut = 0; cut < image.length; cut++) {
      const k = offsets.filter((o) => o <= cut).length; // the block cut into, or the first one missing
      const e = damage(image.subarray(0, cut));
      expect([e.code, e.block, e.offset], `cut at ${cut}: ${e.message}`).toEqual(['TAPE_DAMAGED', k, cut === offsets[k - 1] ? cut : offsets[k - 1]]);
    }
  });

  it('TAPE-R-2: a previous-length that does not match, unknown flags, a bad tape mark: each at its block', () => {
    offsets.forEach((o, i) => {
      const k = i + 1;
      const prev = image[o + 2]! | (image[o + 3]! << 8);
      expect(damage(patched(k, 2, (prev + 1) & 0xff, (prev + 1) >>> 8)).block).toBe(k);
      expect(damage(patched(k, 5, 0x01)).reason).toMatch(/flags byte 2/);
      expect(damage(patched(k, 4, image[o + 4]! | 0x10)).block).toBe(k);
    });
    expect(damage(patched(1, 4, 0xa1)).reason).toMatch(/HET compression/);
    expect(damage(patched(4, 4, 0x60)).reason).toMatch(/tape mark with NEWREC or ENDREC/);
    expect(damage(patched(5, 4, 0x20)).reason).toMatch(/continuation segment/);
    const e = damage(patched(5, 4, 0x80)); // a first segment never ended: the tape mark after it is inside it
    expect([e.block, e.reason]).toEqual([6, 'a tape mark inside the segmented block begun at block 5']);
  });

  it('TAPE-R-4: a label with a wrong id, or a non-digit in a numeric field, is damaged at its block', () => {
    for (const [k, id] of [[1, 'VOL1'], [2, 'HDR1'], [3, 'HDR2'], [7, 'EOF1'], [8, 'EOF2']] as const) {
      const e = damage(patched(k, 6 + 3, 0xf9)); // label number 9
      expect([e.block, e.offset, e.reason]).toEqual([k, offsets[k - 1], `${id.slice(0, 3)}9 label: expected a ${id} label here, found '${id.slice(0, 3)}9'`]);
    }
    expect(damage(patched(2, 6 + 34, 0xc1)).reason).toMatch(/file sequence \(cols 32–35\) is '000A'/);
    expect(damage(patched(3, 6 + 9, 0x00)).reason).toMatch(/block length \(cols 6–10\)/);
    expect(damage(patched(7, 6 + 54, 0x4b)).reason).toMatch(/block count/);
    expect(damage(patched(3, 6 + 4, 0xe5)).reason).toMatch(/record format 'V' is not supported/);
    expect(damage(patched(2, 6 + 4, 0x40)).reason).toMatch(/data set name/);
  });

  it('TAPE-R-5: an EOF1 count that is not the blocks read, a file out of order, a block past HDR2\'s length', () => {
    const e = damage(patched(7, 6 + 59, 0xf2));
    expect([e.block, e.reason]).toEqual([7, 'EOF1 label: block count 2, but file 1 has 1 data blocks']);
    const two: Tape = { volser: 'TWO', files: [HELLO.files[0]!, HELLO.files[0]!] };
    const image2 = writeAwsTape(two);
    const hdr1Of2 = headerOffsets(image2)[9]!;
    const swapped = image2.slice();
    swapped[hdr1Of2 + 6 + 34] = 0xf3; // file sequence 0003
    expect([damage(swapped).block, damage(swapped).reason]).toEqual([10, "HDR1 label: file sequence 3 where file 2 should be (out of order)"]);
    const chunks = tapeChunks(HELLO); // HDR2 says 5 bytes
    chunks[4] = { kind: 'data', bytes: new Uint8Array(6) };
    expect(damage(writeBlocks(chunks)).reason).toBe('a 6-byte data block in file 1, whose HDR2 block length is 5');
    expect(damage(writeBlocks([...tapeChunks(HELLO), { kind: 'tapemark' }])).block).toBe(11);
  });

  it('TAPE-R-6: IEHINITT\'s tape reads as no files; anything after its tape mark is damage', () => {
    const empty = writeAwsTape({ volser: 'INIT01', owner: 'OPS', files: [] });
    expect(readAwsTape(empty)).toEqual({ volser: 'INIT01', owner: 'OPS', files: [] });
    expect(damage(writeBlocks([...readBlocks(empty), { kind: 'tapemark' }])).block).toBe(4);
  });

  it('TAPE-R-1: any byte of a tape changed reads to some tape or throws TapeDamaged, never anything else', () => {
    fc.assert(fc.property(tapeArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (tape, where, xor) => {
      const bytes = writeAwsTape(tape);
      bytes[where % bytes.length]! ^= xor;
      try {
        readAwsTape(bytes);
      } catch (e) {
        if (!(e instanceof TapeDamaged)) throw e;
      }
    }), { numRuns: 200 });
  });
});

describe('tape format: broken writers are caught by the round trip and shrunk', () => {
  /** The chunk index of the last data block of the last file that has one (TAPE-L-1 layout). */
  function lastDataBlock(tape: Tape): { chunk: number; file: number } | null {
    let at = 1;
    let found: { chunk: number; file: number } | null = null;
    tape.files.forEach((f, i) => {
      if (f.blocks.length > 0) found = { chunk: at + 2 + f.blocks.length, file: i };
      at += 7 + f.blocks.length;
    });
    return found;
  }
  const dropsLastBlock = (t: Tape) => writeBlocks(tapeChunks(t).filter((_, i) => i !== lastDataBlock(t)?.chunk));
  const dropsLastBlockAndCountsRight = (t: Tape) => {
    const last = lastDataBlock(t);
    if (!last) return writeAwsTape(t);
    return writeAwsTape({ ...t, files: t.files.map((f, i) => (i === last.file ? { ...f, blocks: f.blocks.slice(0, -1) } : f)) });
  };
  const countsOneMore = (t: Tape) => {
    const chunks = tapeChunks(t);
    const f = t.files.length - 1;
    const eof1 = chunks.length - 4;
    chunks[eof1] = { kind: 'data', bytes: ds1('EOF1', t.files[f]!.label, t.volser, f + 1, t.files[f]!.blocks.length + 1) };
    return writeBlocks(chunks);
  };

  for (const [name, write, caughtAs, shrunkBlocks] of [
    ['drops the last data block', dropsLastBlock, /EOF1 label: block count 1, but file 1 has 0 data blocks/, 1],
    ['drops the last data block and writes the count it wrote', dropsLastBlockAndCountsRight, /file 1 block count/, 1],
    ['writes an EOF1 block count one too many', countsOneMore, /EOF1 label: block count 1, but file 1 has 0 data blocks/, 0],
  ] as const) {
    it(`a writer that ${name} fails the property, shrunk to one file of ${shrunkBlocks} empty block(s)`, () => {
      const details = fc.check(fc.property(tapeArb, roundTrips(write)), { numRuns: 200 });
      const replay = `seed ${details.seed}, path ${details.counterexamplePath}`;
      expect(details.failed, replay).toBe(true);
      expect(String((details.errorInstance as Error).message), replay).toMatch(caughtAs);
      const tape = details.counterexample![0];
      const size = { files: tape.files.length, blocks: tape.files.reduce((n, f) => n + f.blocks.length, 0), bytes: tape.files.reduce((n, f) => n + f.blocks.reduce((m, b) => m + b.length, 0), 0) };
      expect(size, replay).toEqual({ files: 1, blocks: shrunkBlocks, bytes: 0 });
    });
  }
});
