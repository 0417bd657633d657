/**
 * Issue #16, spec/tape.md (TAPE-R-8): the tapes the module writes are tapes to Hercules. Its
 * `tapemap` and `hetmap -a` must see the files, the labels (volser, data set names, file
 * sequence numbers, block counts) and the per-file block counts and sizes that were written,
 * and a tape `hetinit -d` made must read as an empty tape of its volser (TAPE-R-6). Skipped,
 * with a message, where the tools are not installed (bash .ci/install-hercules.sh).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readAwsTape, type Tape, TapeDamaged, writeAwsTape } from '../src/tape/tape-image.ts';
import { pattern } from '../properties/harness/support.ts';

const TOOLS = ['tapemap', 'hetmap', 'hetinit'] as const;
const missing = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const available = missing.length === 0;
if (!available) console.warn(`test/tape-hercules.test.ts: ${missing.join(', ')} not found: the Hercules checks are skipped (install them with: bash .ci/install-hercules.sh)`);

const dir = mkdtempSync(join(tmpdir(), 'tape-hercules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function run(tool: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function saved(image: Uint8Array): string {
  const path = join(dir, `tape-${++files}.aws`);
  writeFileSync(path, image);
  return path;
}

/** Deterministic block contents (xorshift32; no Math.random, so failures replay). */
const filled = (length: number, seed: number): Uint8Array => (length === 0 ? new Uint8Array(0) : pattern(length, seed));

interface FileStats {
  readonly blocks: number;
  readonly min: number;
  readonly max: number;
}

/** Per tape file (between tape marks) as both tools count it: a min of 0 means "none yet", so an empty block never is the min. */
function toolStats(lengths: readonly number[]): FileStats {
  let min = 0;
  let max = 0;
  for (const n of lengths) {
    if (min === 0 || n < min) min = n;
    if (n > max) max = n;
  }
  return { blocks: lengths.length, min, max };
}

/** TAPE-L-1 as a label-blind tool sees it: 3 tape files per data set (labels, data, trailer labels) and the empty one at the end. */
function expectedStats(tape: Tape): FileStats[] {
  const labels = (n: number): FileStats => ({ blocks: n, min: 80, max: 80 });
  const out = tape.files.flatMap((f, i) => [labels(i === 0 ? 3 : 2), toolStats(f.blocks.map((b) => b.length)), labels(2)]);
  return [...out, { blocks: 0, min: 0, max: 0 }];
}

type Facts = Record<string, string | number>;

/** The label fields the module fills from the Tape, as they should be printed back. */
function expectedLabels(tape: Tape): Facts[] {
  const out: Facts[] = [{ id: 'VOL1', volser: tape.volser }];
  tape.files.forEach((f, i) => {
    const ds1 = { dsname: f.label.dsname, volser: tape.volser, fileSeq: i + 1 };
    const ds2 = { recfm: f.label.recfm, blockBytes: f.label.blockBytes };
    out.push({ id: 'HDR1', ...ds1, blocks: 0 }, { id: 'HDR2', ...ds2 }, { id: 'EOF1', ...ds1, blocks: f.blocks.length }, { id: 'EOF2', ...ds2 });
  });
  return out;
}

/** TAPE-L-2..4: the facts of one label as tapemap prints it (80 characters, columns as the IBM tables give). */
function tapemapLabel(line: string): Facts {
  const col = (c: number, n: number) => line.slice(c - 1, c - 1 + n);
  const id = col(1, 4);
  if (id === 'VOL1') return { id, volser: col(5, 6).trim() };
  if (id === 'HDR1' || id === 'EOF1') return { id, dsname: col(5, 17).trim(), volser: col(22, 6).trim(), fileSeq: Number(col(32, 4)), blocks: Number(col(55, 6)) };
  return { id, recfm: col(5, 1), blockBytes: col(71, 10).trim() === '' ? Number(col(6, 5)) : Number(col(71, 10)) };
}

function parseTapemap(stdout: string): { labels: Facts[]; stats: FileStats[]; ended: boolean } {
  const lines = stdout.split('\n').filter((l) => l !== '');
  const stats: FileStats[] = [];
  const labels: Facts[] = [];
  lines.forEach((l, i) => {
    const m = /^File (\d+): Blocks=(\d+), block size min=(\d+), max=(\d+)$/.exec(l);
    if (m) {
      expect(Number(m[1])).toBe(stats.length + 1);
      stats.push({ blocks: Number(m[2]), min: Number(m[3]), max: Number(m[4]) });
    } else if (l !== 'End of tape.' || i !== lines.length - 1) labels.push(tapemapLabel(l));
  });
  return { labels, stats, ended: lines[lines.length - 1] === 'End of tape.' };
}

/** hetmap -a: sections after each "-----" line, each "key<padded to 20>: value". */
function parseHetmap(stdout: string): Array<Record<string, string>> {
  const sections: Array<Record<string, string>> = [];
  for (const line of stdout.split('\n')) {
    if (line === '---------------------') sections.push({});
    const m = /^(.{20}):(?: (.*))?$/.exec(line); // "Summary" has no value
    if (m && sections.length > 0) sections[sections.length - 1]![m[1]!.trim()] = (m[2] ?? '').replace(/^'(.*)'$/, '$1');
  }
  return sections;
}

function hetmapLabel(s: Record<string, string>): Facts {
  const id = s.Label!;
  if (id === 'VOL1') return { id, volser: s['Volume Serial']!.trim() };
  if (id === 'HDR1' || id === 'EOF1') {
    return { id, dsname: s['Dataset ID']!.trim(), volser: s['Volume Serial']!.trim(), fileSeq: Number(s['Dataset Sequence']), blocks: Number(s['Block Count Low']) };
  }
  const large = s['Large Block Length']!.trim();
  return { id, recfm: s['Record Format']!, blockBytes: large === '' ? Number(s['Block Size']) : Number(large) };
}

/** TAPE-R-8: what tapemap and hetmap -a print for a tape is what was written. */
function checkWithTools(tape: Tape): void {
  const path = saved(writeAwsTape(tape));
  const map = run('tapemap', path);
  expect(map.status, map.stdout).toBe(0);
  const printed = parseTapemap(map.stdout);
  expect(printed.ended).toBe(true);
  expect(printed.stats).toEqual(expectedStats(tape));
  expect(printed.labels).toEqual(expectedLabels(tape));
  const het = run('hetmap', '-a', path);
  expect(het.status, het.stdout).toBe(0);
  const sections = parseHetmap(het.stdout);
  expect(sections.filter((s) => 'Label' in s).map(hetmapLabel)).toEqual(expectedLabels(tape));
  const stats = sections.filter((s) => 'File #' in s).map((s) => ({ blocks: Number(s.Blocks), min: Number(s['Min Blocksize']), max: Number(s['Max Blocksize']) }));
  expect(stats).toEqual(expectedStats(tape));
  const summary = sections.find((s) => 'Summary' in s)!;
  expect([Number(summary.Files), Number(summary.Blocks)]).toEqual([3 * tape.files.length + 1, stats.reduce((n, s) => n + s.blocks, 0)]);
}

const BACKUP: Tape = {
  volser: 'BKP001',
  owner: 'OPS',
  files: [
    { label: { dsname: 'BACKUP.LDEV0001', recfm: 'U', blockBytes: 65535 }, blocks: [65535, 1, 32768, 80, 81, 65534].map((n, i) => filled(n, i + 1)) },
    { label: { dsname: 'BACKUP.LDEV0002', recfm: 'F', blockBytes: 4096 }, blocks: [1, 2, 3].map((s) => filled(4096, s)) },
    { label: { dsname: 'EMPTY.FILE', recfm: 'U', blockBytes: 512 }, blocks: [] },
    { label: { dsname: 'BIG.F', recfm: 'F', blockBytes: 65535 }, blocks: [7, 8].map((s) => filled(65535, s)) },
  ],
};

describe('tape images in Hercules\' tools (TAPE-R-8)', () => {
  it.skipIf(!available)('tapemap and hetmap -a see the files, labels and block sizes of a four-file backup tape', () => {
    checkWithTools(BACKUP);
  });

  it.skipIf(!available)('tapemap and hetmap -a agree with random tapes the module writes (1–4 files, blocks of 1..65535 bytes)', () => {
    const length = fc.oneof({ withCrossShrink: true }, fc.constantFrom(1, 65535), fc.constantFrom(79, 80, 81, 32760, 32761, 32767, 32768, 65534), fc.integer({ min: 1, max: 65535 }));
    const file = fc.record({ dsname: fc.stringMatching(/^[A-Z0-9.$#@-]{1,17}$/), f: fc.boolean(), lengths: fc.array(length, { maxLength: 4 }), seed: fc.integer() })
      .map(({ dsname, f, lengths, seed }) => {
        const blockBytes = f ? (lengths[0] ?? 1) : Math.max(1, ...lengths);
        return { label: { dsname, recfm: f ? ('F' as const) : ('U' as const), blockBytes }, blocks: lengths.map((n, i) => filled(f ? blockBytes : n, seed + i)) };
      });
    const tape = fc.record({ volser: fc.stringMatching(/^[A-Z0-9]{1,6}$/), files: fc.array(file, { minLength: 1, maxLength: 4 }) });
    fc.assert(fc.property(tape, checkWithTools), { numRuns: 20 });
  });

  it.skipIf(!available)('a zero-length data block: hetmap counts it, tapemap stops with "header block with no data" (its limit, not the image\'s)', () => {
    const tape: Tape = { volser: 'ZERO', files: [{ label: { dsname: 'Z', recfm: 'U', blockBytes: 10 }, blocks: [new Uint8Array(0), filled(10, 1)] }] };
    const path = saved(writeAwsTape(tape));
    const het = parseHetmap(run('hetmap', '-a', path).stdout).filter((s) => 'File #' in s);
    expect(het.map((s) => [Number(s.Blocks), Number(s['Min Blocksize']), Number(s['Max Blocksize'])])).toEqual([[3, 80, 80], [2, 10, 10], [2, 80, 80], [0, 0, 0]]);
    const map = run('tapemap', path);
    expect([map.status, map.stdout.trim().split('\n').at(-1)]).toEqual([7, `tapemap: header block with no data on ${path}`]);
  });

  it.skipIf(!available)('an empty tape the module writes is one tape file of VOL1 and the IEHINITT HDR1 to tapemap', () => {
    const printed = parseTapemap(run('tapemap', saved(writeAwsTape({ volser: 'EMPTY1', files: [] }))).stdout);
    expect(printed).toEqual({ labels: [{ id: 'VOL1', volser: 'EMPTY1' }, { id: 'HDR1', dsname: '00000000000000000', volser: '000000', fileSeq: 0, blocks: 0 }], stats: [{ blocks: 2, min: 80, max: 80 }], ended: true });
  });
});

describe('tapes hetinit made (TAPE-R-6, TAPE-L-6)', () => {
  /** hetinit [options] filename [volser] [owner] */
  const hetinit = (name: string, options: string[], ...volserOwner: string[]): Uint8Array => {
    const path = join(dir, name);
    const r = run('hetinit', ...options, path, ...volserOwner);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    return readFileSync(path);
  };

  it.skipIf(!available)('hetinit -d FILE VOLSER reads as a tape of that volser with no files, byte for byte what the module writes', () => {
    const image = hetinit('init.aws', ['-d'], 'HET001');
    expect(readAwsTape(image)).toEqual({ volser: 'HET001', files: [] });
    expect(Buffer.from(writeAwsTape({ volser: 'HET001', files: [] })).equals(Buffer.from(image))).toBe(true);
  });

  it.skipIf(!available)('hetinit -d FILE VOLSER OWNER: the owner is read too', () => {
    expect(readAwsTape(hetinit('owner.aws', ['-d'], 'HET002', 'OPERATOR'))).toEqual({ volser: 'HET002', owner: 'OPERATOR', files: [] });
  });

  it.skipIf(!available)('a compressed HET tape (hetinit without -d) is refused at block 1, naming the compression', () => {
    try {
      readAwsTape(hetinit('zlib.het', [], 'HET003'));
      expect.unreachable('a compressed tape must not read');
    } catch (e) {
      expect(e).toBeInstanceOf(TapeDamaged);
      expect([(e as TapeDamaged).block, (e as TapeDamaged).offset]).toEqual([1, 0]);
      expect((e as TapeDamaged).reason).toMatch(/HET compression/);
    }
  });
});
