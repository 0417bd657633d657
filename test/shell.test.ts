/**
 * Issue #15, spec/terminals.md: the maintenance terminal (TERM-T-1..3), its views (TERM-V-1..3),
 * requests' sources (TERM-R-1, TERM-R-2) and sessions (TERM-S-1..3), driven through `Shell`
 * and once through the CLI's stdin.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Shell } from '../src/terminal/shell.ts';
import { completer } from '../src/terminal/shell-repl.ts';
import { runTrace } from '../src/trace/runner.ts';

const root = join(import.meta.dirname, '..');
const SETUP = [
  '{"op":"system","id":"P","ldevBytes":1048576,"raidGroups":[{"id":"g0","level":"raid5","devices":4,"deviceBytes":4194304}]}',
  '{"op":"system","id":"S","ldevBytes":1048576,"raidGroups":[{"id":"g1","level":"raid5","devices":4,"deviceBytes":4194304}]}',
  '{"op":"link","between":["P","S"]}',
  ...['db', 'dbcopy', 'log'].map((v) => `{"op":"volume","system":"P","id":"${v}","emulation":"OPEN-V","bytes":1048576,"trackBytes":65536}`),
  '{"op":"write","system":"P","volume":"db","offset":0,"data":{"fill":1,"length":131072}}',
];

function shell(): Shell {
  const sh = new Shell();
  for (const l of SETUP) expect(sh.execute(l).rc).toBe(0);
  return sh;
}

const run = (sh: Shell, line: string) => sh.execute(line);

describe('maintenance terminal: CCI commands make the trace ops (TERM-T-2)', () => {
  it('pairsplit divides a local pair and suspends a remote one; -S deletes; requests come from the maintenance terminal', () => {
    const sh = shell();
    expect(run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy').rc).toBe(0);
    expect(run(sh, 'paircreate -d tc -pvol P:log -remote S -e 0-15 -f data').rc).toBe(0);
    expect(run(sh, 'pairsplit -d bk').lines[0]).toMatch(/^pairsplit: pairDivide ok; bk is PSUS\(SP\) \(dividing\)$/);
    expect(run(sh, 'pairevtwait -d tc -s PAIR').rc).toBe(0);
    expect(run(sh, 'pairsplit -d tc').lines[0]).toContain('pairSuspend ok; tc is PSUS (suspended)');
    const ops = sh.session.steps.slice(SETUP.length).map((s) => `${String(s.op)}:${String(s.from ?? '-')}`);
    expect(ops.filter((o) => !o.startsWith('step'))).toEqual(['pairCreate:maintenanceTerminal', 'pairCreate:maintenanceTerminal', 'pairDivide:maintenanceTerminal', 'pairSuspend:maintenanceTerminal']);
    const status = JSON.parse(run(sh, '{"op":"status","pair":"tc"}').lines[0]!);
    expect(status.requests.map((r: { op: string; from: string }) => `${r.op}:${r.from}`)).toEqual(['pairCreate:maintenanceTerminal', 'pairSuspend:maintenanceTerminal']);
    expect(run(sh, 'pairsplit -S -d tc').lines[0]).toBe('pairsplit: pairDelete ok');
    expect(run(sh, 'pairvolchk -d tc -ss')).toEqual({ lines: ['pairvolchk : Volstat is SMPL.'], rc: 11 });
  });

  it('a refusal answers the model code; INVALID_STATE exits 228 (EX_INVSTP), and the model is unchanged', () => {
    const sh = shell();
    run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy');
    const before = sh.session.toTrace();
    const r = run(sh, 'pairresync -d nosuch');
    expect(r.rc).toBe(1);
    expect(r.lines[0]).toMatch(/^pairresync: refused NOT_FOUND: .*\[rc=1\]$/);
    run(sh, 'pairsplit -d bk');
    const again = run(sh, 'pairsplit -d bk');
    expect(again.rc).toBe(228);
    expect(again.lines[0]).toContain('refused INVALID_STATE');
    expect(sh.session.toTrace().startsWith(before)).toBe(true);
    expect(run(sh, 'pairsplit -E -d bk').rc).toBe(2);
    expect(run(sh, 'paircreate -d x').rc).toBe(2);
  });

  it('pairvolchk -ss gives CCI exit values for each side', () => {
    const sh = shell();
    run(sh, 'paircreate -d tc -pvol P:log -remote S -e 0-15');
    expect(run(sh, 'pairvolchk -d tc -ss').rc).toBe(22);
    run(sh, 'pairevtwait -d tc -s PAIR');
    expect(run(sh, 'pairvolchk -d tc -ss')).toEqual({ lines: ['pairvolchk : Volstat is P-VOL.[status = PAIR fence = NEVER]'], rc: 23 });
    expect(run(sh, 'pairvolchk -d tc -ss -c').rc).toBe(33);
    run(sh, 'pairsplit -d tc');
    expect(run(sh, 'pairvolchk -d tc -ss').rc).toBe(24);
    expect(run(sh, 'pairvolchk -d tc -ss -c').lines[0]).toContain('status = SSUS');
    expect(run(sh, 'pairvolchk -d tc').rc).toBe(2);
    run(sh, 'pairresync -d tc');
    run(sh, '{"op":"linkDown","between":["P","S"]}');
    run(sh, '{"op":"write","system":"P","volume":"log","offset":0,"data":{"fill":9,"length":512}}');
    expect(run(sh, 'pairdisplay -d tc').lines.join('\n')).toMatch(/PSUE .*suspended\n  remote suspended for link;/);
    expect(run(sh, 'pairvolchk -d tc -ss').rc).toBe(25);
  });
});

describe('maintenance terminal: pairevtwait steps a model with no clock (TERM-T-3)', () => {
  it('reaches PSUS after the quick split (not at PSUS(SP)), and each step it took is in the saved trace', () => {
    const sh = shell();
    run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy');
    run(sh, 'pairsplit -d bk');
    const w = run(sh, 'pairevtwait -d bk -s PSUS -tracks 4');
    expect(w.rc).toBe(0);
    expect(w.lines[0]).toMatch(/^pairevtwait : Wait status done \(\d+ steps\)\.$/);
    expect(run(sh, 'pairdisplay -d bk').lines[1]).toMatch(/PSUS\s+-\s+100\s+divided/);
    expect(sh.session.steps.filter((s) => s.op === 'step').length).toBeGreaterThan(0);
  });

  it('233 when no step moves the pair, 234 when it suspends while waiting', () => {
    const sh = shell();
    run(sh, 'paircreate -d tc -pvol P:log -remote S -e 0-15');
    run(sh, 'pairevtwait -d tc -s PAIR');
    run(sh, 'pairsplit -d tc');
    const steps = sh.session.steps.length;
    const stuck = run(sh, 'pairevtwait -d tc -s PAIR');
    expect(stuck.rc).toBe(233);
    expect(stuck.lines[0]).toContain('no clock');
    expect(sh.session.steps.length).toBe(steps); // a step that changed nothing is not kept
    run(sh, 'pairresync -d tc');
    run(sh, '{"op":"linkDown","between":["P","S"]}');
    expect(run(sh, 'pairevtwait -d tc -s PAIR').rc).toBe(234);
    expect(run(sh, 'pairevtwait -d tc -s PAIR -t x').rc).toBe(2);
  });
});

describe('maintenance terminal: sessions, hints, help, completion', () => {
  it('save writes a trace that run replays with exit 0 to the same pairs; load replays one (TERM-S-2, TERM-S-3)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shell-'));
    const sh = shell();
    run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy -g backup');
    run(sh, 'pairresync -d bk'); // refused: kept with its code
    run(sh, '{"op":"settle"}');
    run(sh, 'pairsplit -g backup');
    expect(run(sh, `save ${join(dir, 's.jsonl')}`).rc).toBe(0);
    const text = readFileSync(join(dir, 's.jsonl'), 'utf8');
    expect(runTrace(text).exitCode).toBe(0);
    expect(text).toContain('"expectError":"INVALID_STATE"');
    const other = new Shell();
    expect(run(other, `load ${join(dir, 's.jsonl')}`).lines[0]).toMatch(/^loaded \d+ steps .*\(1 refused, 0 expectations failed\)$/);
    expect(run(other, 'pairdisplay').lines).toEqual(run(sh, 'pairdisplay').lines);
    writeFileSync(join(dir, 'bad.jsonl'), '{"trace":1}\n{"op":"nope"}\n');
    expect(run(other, `load ${join(dir, 'bad.jsonl')}`).rc).toBe(2);
    expect(run(other, 'pairdisplay').lines).toEqual(run(sh, 'pairdisplay').lines); // the session is kept
  });

  it('near-misses get hints; a bad JSON op is TRACE_INVALID and changes nothing (TERM-H-1, TERM-H-2, TERM-S-1)', () => {
    const sh = shell();
    expect(run(sh, 'pairsplt -d x').lines[0]).toContain('did you mean "pairsplit"');
    expect(run(sh, 'settle').lines[0]).toContain('{"op":"settle", ...}');
    const bad = JSON.parse(run(sh, '{"op":"pairCreate","id":"z","kind":"local","original":"db","copy":"P:dbcopy"}').lines[0]!);
    expect(bad.error.code).toBe('TRACE_INVALID');
    expect(bad.error.message).toContain('did you mean "P:db"?');
    const op = JSON.parse(run(sh, '{"op":"pairsplit","pair":"x"}').lines[0]!);
    expect(op.error.message).toContain('did you mean "pairDivide", "pairSuspend" or "pairDelete"?');
    expect(sh.session.steps.length).toBe(SETUP.length);
    expect(run(sh, 'help pairsplit').lines[1]).toContain('pairDivide (local), pairSuspend (remote), pairDelete (-S)');
    expect(run(sh, 'help').lines.join('\n')).toContain('pairevtwait');
  });

  it('completes commands, then pair, group, volume and system names after their options', () => {
    const sh = shell();
    run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy -g backup');
    const complete = completer(sh) as (line: string) => [string[], string];
    expect(complete('pairsp')).toEqual([['pairsplit'], 'pairsp']);
    expect(complete('pairdisplay -d b')).toEqual([['bk'], 'b']);
    expect(complete('pairsplit -g ba')).toEqual([['backup'], 'ba']);
    expect(complete('paircreate -pvol P:d')[0]).toEqual(['P:db', 'P:dbcopy']);
    expect(complete('paircreate -remote ')[0]).toEqual(['P', 'S']);
  });

  it('views: raidscan shows a rebuild as mdstat does; pairdisplay shows both sides with CCI names (TERM-V-1..3)', () => {
    const sh = shell();
    run(sh, '{"op":"deviceFail","system":"S","raidGroup":"g1","device":2}');
    expect(run(sh, 'raidscan -s S').lines.join('\n')).toContain('S/g1 : degraded raid5 d0[0] d1[1] d2[2](F) d3[3]');
    run(sh, '{"op":"deviceReplace","system":"S","raidGroup":"g1","device":2}');
    const view = run(sh, 'mdstat S').lines.join('\n');
    expect(view).toContain('[4/3] [UU_U]');
    expect(view).toMatch(/recovery = 0\.0% \(0\/\d+\) d2/);
    expect(run(sh, 'raidscan -s Q').rc).toBe(1);
    run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy');
    const lines = run(sh, 'pairdisplay').lines;
    expect(lines[0]).toMatch(/^Group\s+PairVol\(L\/R\)\s+Volume\s+LDEV#\s+P\/S\s+Status\s+Fence\s+%\s+Model$/);
    expect(lines[1]).toMatch(/^-\s+bk\(L\)\s+P:db\s+0\s+P-VOL\s+COPY\s+-\s+0\s+generating$/);
    expect(lines[2]).toMatch(/^-\s+bk\(R\)\s+P:dbcopy\s+1\s+S-VOL\s+COPY/);
    expect(lines.slice(3).join(' ')).toContain('requests pairCreate@');
  });
});

describe('maintenance terminal: nothing the model does not have is ignored (TERM-T-2)', () => {
  it('unknown options, missing values, CCI-only options and extra words are usage errors that change nothing', () => {
    const sh = shell();
    run(sh, 'paircreate -d tc -pvol P:log -remote S -e 0-15');
    const before = sh.session.toTrace();
    for (const line of ['pairsplit -R -d tc', 'pairresync -swaps -d tc', 'pairresync -restore -d tc', 'paircreate -d x -pvol P:db -svol P:dbcopy -f data', 'paircreate -d x -pvol P:db -remote S -migrate -e 0-1', 'pairdisplay -d', 'pairdisplay -x', 'raidscan -s', 'horctakeover -d tc extra', 'mdstat P S', 'pairvolchk -d tc -g g', 'pairevtwait -d tc -s BOGUS', 'exit abc']) {
      const r = run(sh, line);
      expect(r.rc, line).toBe(2);
    }
    expect(run(sh, 'pairresync -swaps -d tc').lines[0]).toContain("option -swaps is CCI's, not the model's");
    expect(sh.session.toTrace()).toBe(before);
  });

  it('a misspelt pair gets a hint; a deleted one is SMPL; save never replaces what is not a regular file', () => {
    const sh = shell();
    run(sh, 'paircreate -d bk -pvol P:db -svol P:dbcopy');
    expect(run(sh, 'pairvolchk -d bkk -ss')).toEqual({ lines: ['pairvolchk: no pair bkk (did you mean "bk"?)'], rc: 1 });
    run(sh, 'pairsplit -S -d bk');
    expect(run(sh, 'pairvolchk -d bk -ss').rc).toBe(11);
    const dir = mkdtempSync(join(tmpdir(), 'shell-save-'));
    expect(run(sh, `save ${dir}`).lines[0]).toContain('is not a regular file');
    expect(readdirSync(dir)).toEqual([]);
    expect(run(sh, 'pairevtwait -d bk -s SMPL').rc).toBe(0);
  });
});

describe('maintenance terminal: the CLI reads commands from stdin', () => {
  it('shell TRACE runs the piped commands, prints their answers and exits with the last command\'s value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shell-cli-'));
    writeFileSync(join(dir, 'setup.jsonl'), `{"trace":1}\n${SETUP.join('\n')}\n`);
    const input = ['paircreate -d tc -pvol P:log -remote S -e 0-15', 'pairevtwait -d tc -s PAIR', 'pairdisplay -d tc', `save ${join(dir, 'out.jsonl')}`, 'pairvolchk -d tc -ss'].join('\n');
    const r = spawnSync('npx', ['tsx', 'src/cli.ts', 'shell', join(dir, 'setup.jsonl')], { cwd: root, input, encoding: 'utf8', timeout: 60000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('loaded 7 steps');
    expect(r.stdout).toContain('pairevtwait : Wait status done');
    expect(r.stdout).toMatch(/tc\(R\)\s+S:tc-T\s+\d+\s+S-VOL\s+PAIR\s+NEVER\s+100\s+duplex/);
    expect(r.status).toBe(23);
    expect(runTrace(readFileSync(join(dir, 'out.jsonl'), 'utf8')).exitCode).toBe(0);
    const missing = spawnSync('npx', ['tsx', 'src/cli.ts', 'shell', join(dir, 'none.jsonl')], { cwd: root, input: 'pairdisplay\n', encoding: 'utf8', timeout: 60000 });
    expect(missing.status).toBe(2); // no session on a trace that cannot be read
  });
});
