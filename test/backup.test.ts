/**
 * Issue #16, spec/backup.md: the eleventh embodiment's hosts, LAN, notifications, backups and
 * restores as trace steps; refusals change nothing, and a damaged tape is refused whole (BK-INV-3); `run --tapes` writes AWSTAPE images that
 * Hercules' tapemap reads as the model meant them (skipped, with a message, without hercules).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace, runTraceIn, type TraceRun } from '../src/trace/runner.ts';
import { runCommand } from '../src/cli/run-command.ts';
import { statusCommand } from '../src/cli/status-command.ts';

const root = join(import.meta.dirname, '..');
const hercules = spawnSync('which', ['tapemap', 'hetinit']).status === 0;
if (!hercules) console.warn('test/backup.test.ts: Hercules tapemap/hetinit not installed (apt-get install hercules, or bash .ci/install-hercules.sh): the tapemap checks are skipped');

const HEAD = [
  '{"trace":1}',
  '{"op":"system","id":"P","ldevBytes":8192,"raidGroups":[{"id":"g","level":"raid5","devices":4,"deviceBytes":1048576}]}',
  '{"op":"system","id":"Q","ldevBytes":65536,"raidGroups":[{"id":"g","level":"raid1","devices":2,"deviceBytes":1048576}]}',
  ...['db', 'dbcopy', 'small'].map((v, i) => `{"op":"volume","system":"P","id":"${v}","emulation":"OPEN-V","bytes":${i === 2 ? 8192 : 65536},"trackBytes":4096}`),
  '{"op":"host","id":"main","system":"P"}',
  '{"op":"host","id":"bkup","system":"P"}',
  '{"op":"host","id":"far","system":"Q"}',
  '{"op":"lan","between":["main","bkup"]}',
  '{"op":"lan","between":["main","far"]}',
  '{"op":"write","system":"P","volume":"db","offset":0,"data":{"fill":5,"length":65536}}',
  '{"op":"pairCreate","id":"bk","kind":"local","original":"P:db","copy":"P:dbcopy"}',
];
const trace = (...steps: string[]) => [...HEAD, ...steps].join('\n');
const formed = ['{"op":"settle"}', '{"op":"pairDivide","pair":"bk"}'];

/** Every step's expectation held (the failures named by line, when one did not). */
function expectAllHeld(run: TraceRun): void {
  expect(run.results.filter((r) => r.expectFailed).map((r) => `${r.line}: ${r.expectFailed}`)).toEqual([]);
}

function results(text: string) {
  const run = runTrace(text);
  return { run, last: run.results.at(-1)!, byOp: (op: string) => run.results.filter((r) => r.op === op) };
}

describe('backup: hosts, LAN and notification (BK-H-1, BK-H-2, BK-N-1)', () => {
  it('refuses what the seed does not allow, naming why, and changes nothing', () => {
    const { run } = results(trace(
      '{"op":"host","id":"main","system":"P","expectError":"ALREADY_EXISTS"}',
      '{"op":"host","id":"x","system":"NOPE","expectError":"NOT_FOUND"}',
      '{"op":"host","id":"a:b","system":"P","expectError":"INVALID_ARGUMENT"}',
      '{"op":"lan","between":["main","main"],"expectError":"INVALID_ARGUMENT"}',
      '{"op":"lan","between":["bkup","main"],"expectError":"ALREADY_EXISTS"}',
      '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy","expectError":"INVALID_STATE"}',
      ...formed,
      '{"op":"notify","from":"bkup","to":"far","volume":"P:dbcopy","expectError":"NOT_FOUND"}',
      '{"op":"notify","from":"main","to":"far","volume":"P:dbcopy","expectError":"INVALID_STATE"}',
      '{"op":"notify","from":"main","to":"bkup","volume":"P:db","expectError":"INVALID_STATE"}',
      '{"op":"notify","from":"main","to":"nobody","volume":"P:dbcopy","expectError":"NOT_FOUND"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy","expectError":"INVALID_STATE"}',
      '{"op":"notify","from":"bkup","to":"bkup","volume":"P:dbcopy","extents":[[2,3]],"expect":{"extents":[[2,3]],"formedAt":21}}',
      '{"op":"backup","host":"bkup","tape":"t1","volume":"P:dbcopy","expectError":"INVALID_ARGUMENT"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy","extents":[[1,3]],"expectError":"INVALID_STATE"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy","expect":{"extents":[[2,3]],"tracks":2,"file":1}}',
      '{"op":"backup","host":"bkup","tape":"T2","volume":"P:dbcopy","extents":[[3,3]],"expectError":"INVALID_STATE"}',
      '{"op":"tapeInfo","tape":"T1","expect":{"files":[]}}',
      '{"op":"tapeInfo","tape":"T2","expectError":"NOT_FOUND"}',
    ));
    expectAllHeld(run);
    expect(run.exitCode).toBe(0);
  });
});

describe('backup: the process and its tape file (BK-B-1..3, BK-T-2, BK-R-1)', () => {
  it('a copy formed again while the backup runs aborts it: nothing is written', () => {
    const { run, last } = results(trace(...formed,
      '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"step","process":"backup:bkup:T1","tracks":3}',
      '{"op":"step","pair":"bk","tracks":16}',
      '{"op":"extentUpdate","pair":"bk","extents":[[0,1]]}',
      '{"op":"step","process":"backup:bkup:T1","tracks":3}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy","expectError":"INVALID_STATE"}',
      '{"op":"tapeInfo","tape":"T1","expect":{"files":[]}}',
    ));
    expect(run.exitCode).toBe(0);
    const step = run.results.filter((r) => r.op === 'step').at(-1)!;
    expect(step).toMatchObject({ done: true, state: 'aborted', tracks: { done: 3, total: 16 } });
    expect(String(step.aborted)).toContain('requested to form its copy again');
    expect(last.ok).toBe(true);
  });

  it('restore refuses an unknown tape or file, a smaller volume and a tape being written, and writes nothing then', () => {
    const { run } = results(trace(...formed,
      '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"restore","tape":"T1","file":1,"volume":"P:small","expectError":"INVALID_STATE"}',
      '{"op":"settle"}',
      '{"op":"restore","tape":"T9","file":1,"volume":"P:small","expectError":"NOT_FOUND"}',
      '{"op":"restore","tape":"T1","file":2,"volume":"P:small","expectError":"NOT_FOUND"}',
      '{"op":"restore","tape":"T1","file":1,"volume":"P:small","expectError":"INVALID_ARGUMENT"}',
      '{"op":"read","system":"P","volume":"small","offset":0,"length":8192,"expect":{"fill":0,"length":8192}}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"restore","tape":"T1","file":1,"volume":"P:db","expectError":"INVALID_STATE"}',
    ));
    expectAllHeld(run);
  });

  it('examples/20 runs the whole cycle: full backup, extent-update backup, restores in order; status shows hosts, tapes and backups', () => {
    const run = runTrace(readFileSync(join(root, 'examples/20-backup-to-tape.jsonl'), 'utf8'));
    expectAllHeld(run);
    expect(run.exitCode).toBe(0);
    const out: string[] = [];
    expect(statusCommand(join(root, 'examples/20-backup-to-tape.jsonl'), { json: false }, (s) => out.push(s), () => {})).toBe(0);
    expect(out.join('')).toContain('tape T00001 : volser T00001, 2 files\nbackup:bkup:T00001 : P:dbcopy done, 2/2 tracks, file 2');
  });
});

describe('backup: what a review found (BK-B-2, BK-R-1, BK-T-2, BK-T-3)', () => {
  const example = readFileSync(join(root, 'examples/20-backup-to-tape.jsonl'), 'utf8');

  it('a full backup after an extent update says which tracks hold which point in time, and restores both', () => {
    const { run } = results(trace(...formed,
      '{"op":"write","system":"P","volume":"db","offset":0,"data":{"fill":9,"length":65536}}',
      '{"op":"step","pair":"bk","tracks":16}',
      '{"op":"extentUpdate","pair":"bk","extents":[[2,3]]}',
      '{"op":"settle"}',
      '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy","expect":{"formedAt":18,"pointsInTime":[{"line":15,"extents":[[0,1],[4,15]]},{"line":18,"extents":[[2,3]]}]}}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"settle"}',
      '{"op":"restore","tape":"T1","file":1,"volume":"P:db","expect":{"pointsInTime":[{"line":15,"extents":[[0,1],[4,15]]},{"line":18,"extents":[[2,3]]}]}}',
      '{"op":"read","system":"P","volume":"db","offset":0,"length":8192,"expect":{"fill":5,"length":8192}}',
      '{"op":"read","system":"P","volume":"db","offset":8192,"length":8192,"expect":{"fill":9,"length":8192}}',
    ));
    expectAllHeld(run);
  });

  it('a backup whose system failed is aborted by the next step or settle: its host and tape are free again', () => {
    const { run } = results(trace(...formed,
      '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"step","process":"backup:bkup:T1","tracks":2}',
      '{"op":"systemFail","system":"P"}',
      '{"op":"settle"}',
      '{"op":"tapeInfo","tape":"T1","expect":{"files":[]}}',
      '{"op":"tapeLoad","tape":"T1","path":"no/such.aws","expectError":"NOT_FOUND"}',
    ));
    expectAllHeld(run);
    const settled = run.results.find((r) => r.op === 'settle' && r.line > 18)!;
    expect(settled.processes).toEqual([{ process: 'backup:bkup:T1', units: 1 }]);
  });

  it('a refused backup step takes back the reads it made: the process stays where it was', () => {
    const { run } = results(trace(...formed,
      '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy"}',
      '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"deviceFail","system":"P","raidGroup":"g","device":0}',
      '{"op":"deviceFail","system":"P","raidGroup":"g","device":1}',
      '{"op":"step","process":"backup:bkup:T1","tracks":16,"expectError":"DATA_LOSS"}',
    ));
    expect(run.exitCode).toBe(0);
    expect(run.results.at(-1)!.error!.code).toBe('DATA_LOSS');
    // (the tracks done count is in the model: none)
    const { ctx } = runTraceIn(trace(...formed, '{"op":"notify","from":"main","to":"bkup","volume":"P:dbcopy"}', '{"op":"backup","host":"bkup","tape":"T1","volume":"P:dbcopy"}',
      '{"op":"deviceFail","system":"P","raidGroup":"g","device":0}', '{"op":"deviceFail","system":"P","raidGroup":"g","device":1}', '{"op":"step","process":"backup:bkup:T1","tracks":16}'));
    expect(ctx!.model.backup.backups.get('backup:bkup:T1')).toMatchObject({ tracksDone: 0, cursor: { extent: 0, track: 0 }, chunks: [] });
  });

  it('a descriptor a bit was flipped in is refused as damage, never restored nor a crash; a folder is no tape image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapes-'));
    runCommand([join(root, 'examples/20-backup-to-tape.jsonl')], () => {}, () => {}, dir);
    const image = readFileSync(join(dir, 'T00001.aws'));
    const text = image.toString('latin1');
    // One flip each, in a descriptor (the last occurrence: file 2's when both files have it), keeping block lengths.
    for (const [from, to] of [['[[2,3]]', '[[2,7]]'], ['"trackBytes":4096', '"trackBytes":4097'], ['[[0,15]]', '[[0,11]]'], ['"bytes":65536', '"bytes":-5536']]) {
      const at = text.lastIndexOf(from!);
      expect(at, from).toBeGreaterThan(0);
      writeFileSync(join(dir, 'bad.aws'), Buffer.from(text.slice(0, at) + to + text.slice(at + from!.length), 'latin1'));
      const run = runTrace(`${example}\n{"op":"tapeLoad","tape":"T2","path":${JSON.stringify(join(dir, 'bad.aws'))}}\n{"op":"restore","tape":"T2","file":1,"volume":"P:restored"}\n{"op":"restore","tape":"T2","file":2,"volume":"P:restored"}`);
      expect(run.exitCode, from).not.toBe(4);
      expect(run.results.slice(-2).filter((r) => !r.ok).map((r) => r.error!.code), from).toEqual(['TAPE_DAMAGED']);
    }
    const folder = runTrace(trace(`{"op":"tapeLoad","tape":"T3","path":${JSON.stringify(dir)}}`));
    expect(folder.exitCode).toBe(1);
    expect(folder.results.at(-1)!.error!.code).toBe('INVALID_ARGUMENT');
  });

  it.skipIf(!hercules)('a loaded tape nothing was appended to is written back byte for byte, owner and all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapes-'));
    const file = join(dir, 'own.aws');
    execFileSync('hetinit', ['-d', file, 'INIT02', 'OWNERX'], { encoding: 'utf8' });
    const out = join(dir, 'out');
    writeFileSync(join(dir, 't.jsonl'), trace(`{"op":"tapeLoad","tape":"INIT02","path":${JSON.stringify(file)}}`, '{"op":"tapeInfo","tape":"INIT02","expect":{"owner":"OWNERX"}}'));
    expect(runCommand([join(dir, 't.jsonl')], () => {}, () => {}, out)).toBe(0);
    expect(readFileSync(join(out, 'INIT02.aws')).equals(readFileSync(file))).toBe(true);
  });
});

describe('backup: tapes on disk (BK-T-3, BK-T-5; spec/tape.md)', () => {
  const example = readFileSync(join(root, 'examples/20-backup-to-tape.jsonl'), 'utf8');

  it('run --tapes writes each tape atomically as DIR/TAPE.aws, and tapeLoad reads it back to the same files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapes-'));
    const err: string[] = [];
    expect(runCommand([join(root, 'examples/20-backup-to-tape.jsonl')], () => {}, (s) => err.push(s), dir)).toBe(0);
    expect(readdirSync(dir)).toEqual(['T00001.aws']); // no temporary file left
    expect(err.join('')).toContain(`wrote ${join(dir, 'T00001.aws')}`);
    const { run, ctx } = runTraceIn(`${example}\n{"op":"tapeLoad","tape":"T2","path":${JSON.stringify(join(dir, 'T00001.aws'))}}\n{"op":"restore","tape":"T2","file":2,"volume":"P:restored"}`);
    expect(run.exitCode).toBe(0);
    expect(run.results.at(-2)).toMatchObject({ ok: true, tape: 'T2', volser: 'T00001', files: 2 });
    const a = ctx!.model.backup.tapes.get('T00001')!.files;
    const b = ctx!.model.backup.tapes.get('T2')!.files;
    expect(b.map((f) => f.blocks.map((x) => Buffer.from(x).toString('hex')))).toEqual(a.map((f) => f.blocks.map((x) => Buffer.from(x).toString('hex'))));
  });

  it('a damaged image is refused with TAPE_DAMAGED naming the block, and nothing changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapes-'));
    runCommand([join(root, 'examples/20-backup-to-tape.jsonl')], () => {}, () => {}, dir);
    const image = readFileSync(join(dir, 'T00001.aws'));
    const cut = join(dir, 'cut.aws');
    writeFileSync(cut, image.subarray(0, image.length - 100));
    const { run, ctx } = runTraceIn(`${example}\n{"op":"tapeLoad","tape":"T00001","path":${JSON.stringify(cut)}}\n{"op":"tapeLoad","tape":"T3","path":"no/such.aws","expectError":"NOT_FOUND"}`);
    const load = run.results.at(-2)!;
    expect(load.ok).toBe(false);
    expect(load.error!.code).toBe('TAPE_DAMAGED');
    expect(load.error!.message).toMatch(/block \d+/);
    expect(ctx!.model.backup.tapes.get('T00001')!.files).toHaveLength(2); // the tape in the drive is as it was
    expect(ctx!.model.backup.tapes.has('T3')).toBe(false);
  });

  it.skipIf(!hercules)('tapemap reads the tape run --tapes wrote: the labels, two files, their block counts and sizes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapes-'));
    runCommand([join(root, 'examples/20-backup-to-tape.jsonl')], () => {}, () => {}, dir);
    const map = execFileSync('tapemap', [join(dir, 'T00001.aws')], { encoding: 'utf8' });
    expect(map).toContain('VOL1T00001');
    expect(map).toMatch(/HDR1ECM\.BACKUP\.F0001 T00001/);
    expect(map).toMatch(/HDR1ECM\.BACKUP\.F0002 T00001/);
    expect(map).toMatch(/EOF1ECM\.BACKUP\.F0001 T00001\d+4IBM/); // block count 4: the descriptor, two 32,760-byte blocks and the rest
    expect(map).toMatch(/Blocks=4, block size min=\d+, max=32760/);
    expect(map).toMatch(/Blocks=2, block size min=\d+, max=8192/);
    expect(map).toContain('End of tape.');
  });

  it.skipIf(!hercules)('a tape hetinit made loads with its volser and no backup files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tapes-'));
    const file = join(dir, 'h.aws');
    execFileSync('hetinit', ['-d', file, 'HET001'], { encoding: 'utf8' });
    expect(existsSync(file)).toBe(true);
    const run = runTrace(trace(`{"op":"tapeLoad","tape":"H1","path":${JSON.stringify(file)}}`, '{"op":"tapeInfo","tape":"H1"}', '{"op":"restore","tape":"H1","file":1,"volume":"P:small"}'));
    expect(run.results.at(-3)).toMatchObject({ ok: true, volser: 'HET001' });
    const info = run.results.at(-2)!;
    expect(info.ok).toBe(true);
    const restore = run.results.at(-1)!;
    expect(restore.ok).toBe(false);
    expect(['NOT_FOUND', 'TAPE_DAMAGED']).toContain(restore.error!.code); // no file, or a file that is not a backup of this model
  });
});
