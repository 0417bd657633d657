/**
 * Issue #15 in the trace and `run` (spec/terminals.md): `from` on requests (TERM-R-1), the
 * requests `status` lists (TERM-R-2), parse-time hints (TERM-H-1, TERM-H-2), `status TRACE`
 * (TERM-V-2, TERM-V-3) and `run`'s verdict line and read detail (TERM-V-4).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace, TraceSyntaxError } from '../src/trace/parse.ts';
import { runTrace } from '../src/trace/runner.ts';
import { runCommand } from '../src/cli/run-command.ts';
import { statusCommand } from '../src/cli/status-command.ts';
import { observeTrace } from '../src/observe/observe-trace.ts';
import { narrate } from '../src/observe/narrative.ts';

const root = join(import.meta.dirname, '..');
const HEAD = [
  '{"trace":1}',
  '{"op":"system","id":"P","ldevBytes":65536,"raidGroups":[{"id":"g","level":"raid1","devices":2,"deviceBytes":1048576}]}',
  '{"op":"volume","system":"P","id":"PVOL","emulation":"OPEN-V","bytes":65536,"trackBytes":4096}',
  '{"op":"volume","system":"P","id":"SVOL","emulation":"OPEN-V","bytes":65536,"trackBytes":4096}',
];
const trace = (...steps: string[]) => [...HEAD, ...steps].join('\n');

function syntaxError(text: string): TraceSyntaxError {
  try {
    parseTrace(text);
  } catch (e) {
    if (e instanceof TraceSyntaxError) return e;
    throw e;
  }
  throw new Error('parsed');
}

describe('requests carry their source (TERM-R-1, TERM-R-2)', () => {
  it('from is optional on every request, a closed vocabulary, and status lists who issued each request', () => {
    const run = runTrace(trace(
      '{"op":"pairCreate","id":"bk","kind":"local","original":"P:PVOL","copy":"P:SVOL","from":"remoteTerminal"}',
      '{"op":"settle"}',
      '{"op":"pairDivide","pair":"bk"}',
      '{"op":"pairDivide","pair":"bk","from":"maintenanceTerminal","expectError":"INVALID_STATE"}',
      '{"op":"status","pair":"bk","expect":{"requests":[{"line":5,"op":"pairCreate","from":"remoteTerminal"},{"line":7,"op":"pairDivide","from":"host"}]}}',
    ));
    expect(run.exitCode).toBe(0);
    expect(run.results.at(-1)!.requests).toHaveLength(2); // a refused request is not one the pair took
    expect(syntaxError(trace('{"op":"settle","from":"host"}')).message).toContain('unknown field "from"');
    expect(syntaxError(trace('{"op":"pairDelete","pair":"bk","from":"operator"}')).message).toContain('field "from": expected one of "host", "remoteTerminal", "maintenanceTerminal"');
  });

  it('the replay narrative says which terminal issued a request', () => {
    const story = narrate(observeTrace(trace('{"op":"pairCreate","id":"bk","kind":"local","original":"P:PVOL","copy":"P:SVOL","from":"maintenanceTerminal"}'), 't')).join('\n');
    expect(story).toContain('pairCreate bk: local copy P:PVOL → P:SVOL (whole volume), issued by the maintenance terminal');
  });
});

describe('hints for near-misses at parse time (TERM-H-1, TERM-H-2)', () => {
  it('a volume named without its system is a trace error naming the qualified form, before anything runs', () => {
    const e = syntaxError(trace('{"op":"pairCreate","id":"bk","kind":"local","original":"PVOL","copy":"P:SVOL"}'));
    expect(e.line).toBe(5);
    expect(e.message).toBe('line 5: field "original": volume "PVOL" must be named "SYSTEM:VOLUME" (did you mean "P:PVOL"?) (op "pairCreate", kind "local")');
    expect(syntaxError(trace('{"op":"pairCreate","id":"r","kind":"remote","source":"X:","target":"P","extents":[[0,1]]}')).message).toContain('volume "X:" must be named');
    // A step that expects the refusal stays a run-time refusal (traces that test bad input run as before).
    expect(runTrace(trace('{"op":"pairCreate","id":"bk","kind":"local","original":"PVOL","copy":"P:SVOL","expectError":"INVALID_ARGUMENT"}')).exitCode).toBe(0);
  });

  it('CCI words and misspelt codes name the ops and codes meant', () => {
    expect(syntaxError(trace('{"op":"pairsplit","pair":"x"}')).message).toContain('unknown op "pairsplit" (did you mean "pairDivide", "pairSuspend" or "pairDelete"?)');
    expect(syntaxError(trace('{"op":"horctakeover","pair":"x"}')).message).toContain('(did you mean "takeover"?)');
    expect(syntaxError(trace('{"op":"pairDevide","pair":"x"}')).message).toContain('did you mean "pairDivide"');
    expect(syntaxError(trace('{"op":"check","expectError":"LINK_DWON"}')).message).toContain('(did you mean "LINK_DOWN"?)');
  });
});

describe('run and status from the command line (TERM-V-2..4)', () => {
  it('run ends each file with one verdict line on stderr; a failed read names the first differing byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-'));
    const file = join(dir, 't.jsonl');
    writeFileSync(file, trace(
      '{"op":"write","system":"P","volume":"PVOL","offset":4096,"data":{"fill":7,"length":100}}',
      '{"op":"read","system":"P","volume":"PVOL","offset":4096,"length":101,"expect":{"fill":7,"length":101}}',
      '{"op":"check"}',
    ));
    const out: string[] = [];
    const err: string[] = [];
    expect(runCommand([file], (s) => out.push(s), (s) => err.push(s))).toBe(1);
    expect(out.join('').trim().split('\n').every((l) => JSON.parse(l) !== null)).toBe(true);
    expect(err).toEqual([`${file}: FAILED: 6 steps, 5 held, 1 failed; first at line 6 (read): read bytes (sha256 ${JSON.parse(out[4]!).sha256}) do not match the expected data: byte 100 of the read (volume offset 4196): got 0x00, expected 0x07 (exit 1)\n`]);
    const ok: string[] = [];
    runCommand([join(root, 'examples/06-local-pair-division.jsonl')], () => {}, (s) => ok.push(s));
    expect(ok[0]).toMatch(/: ok: \d+ steps, \d+ held, 0 failed \(exit 0\)\n$/);
  });

  it('status TRACE --at LINE shows pairdisplay and mdstat views of the model there; --json for scripts', () => {
    const out: string[] = [];
    const file = join(root, 'examples/18-consistency-groups.jsonl');
    expect(statusCommand(file, { at: 12, json: false }, (s) => out.push(s), () => {})).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^after 11 steps \(up to line 12\)\n/);
    expect(text).toMatch(/backup\s+bk-db\(L\)\s+P:db\s+0\s+P-VOL\s+COPY\s+-\s+0\s+generating/);
    expect(text).toContain('P/g0 : active raid5 d0[0] d1[1] d2[2] d3[3]');
    const json: string[] = [];
    expect(statusCommand(file, { json: true }, (s) => json.push(s), () => {})).toBe(0);
    const view = JSON.parse(json.join(''));
    expect(view.pairs.map((p: { pair: string; cci: { pvol: string } }) => `${p.pair}:${p.cci.pvol}`)).toEqual(['tc-db:PAIR', 'tc-log:PAIR']);
    expect(view.systems.map((s: { id: string }) => s.id)).toEqual(['P', 'S']);
    const err: string[] = [];
    expect(statusCommand(join(root, 'nope.jsonl'), { json: false }, () => {}, (s) => err.push(s))).toBe(2);
    expect(err[0]).toContain('no such file');
  });
});
