import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../src/trace/runner.ts';

const SYSTEM = '{"op": "system", "id": "S", "ldevBytes": 8192, "raidGroups": [{"id": "G", "level": "raid1", "devices": 2, "deviceBytes": 65536}]}';
const VOLUME = '{"op": "volume", "system": "S", "id": "V", "emulation": "OPEN-V", "bytes": 16384}';
const trace = (...steps: string[]) => ['{"trace": 1}', SYSTEM, VOLUME, ...steps].join('\n');

describe('trace runner: results and exit codes (spec/trace-format.md)', () => {
  it('exit 0 when every step ran and every expectation held', () => {
    const run = runTrace(trace('{"op": "write", "system": "S", "volume": "V", "offset": 8190, "data": {"hex": "0102"}}', '{"op": "read", "system": "S", "volume": "V", "offset": 8189, "length": 4}'));
    expect(run.exitCode).toBe(0);
    expect(run.results.at(-1)).toMatchObject({ line: 5, op: 'read', ok: true, hex: '00010200' });
  });

  it('exit 1 when a step is refused without expectError, and the refusal is a result line', () => {
    const run = runTrace(trace('{"op": "read", "system": "S", "volume": "V", "offset": 16383, "length": 2}'));
    expect(run.exitCode).toBe(1);
    expect(run.results.at(-1)).toMatchObject({ ok: false, error: { code: 'OUT_OF_RANGE' } });
  });

  it('exit 1 when expectError names another code, or the step is accepted', () => {
    expect(runTrace(trace('{"op": "read", "system": "S", "volume": "V", "offset": 16383, "length": 2, "expectError": "NOT_FOUND"}')).exitCode).toBe(1);
    expect(runTrace(trace('{"op": "read", "system": "S", "volume": "V", "offset": 0, "length": 2, "expectError": "NOT_FOUND"}')).exitCode).toBe(1);
    expect(runTrace(trace('{"op": "read", "system": "S", "volume": "X", "offset": 0, "length": 2, "expectError": "NOT_FOUND"}')).exitCode).toBe(0);
  });

  it('exit 1 when read or volumeInfo expectations fail', () => {
    expect(runTrace(trace('{"op": "read", "system": "S", "volume": "V", "offset": 0, "length": 1, "expect": {"hex": "01"}}')).exitCode).toBe(1);
    expect(runTrace(trace('{"op": "volumeInfo", "system": "S", "volume": "V", "expect": {"tracks": 2}}')).exitCode).toBe(1);
    expect(runTrace(trace('{"op": "volumeInfo", "system": "S", "volume": "V", "expect": {"tracks": 1, "ldevs": [{"ldev": 0}, {"ldev": 1}]}}')).exitCode).toBe(0);
  });

  it('exit 2 with the line named for an unknown op, an unknown field, or a wrong type', () => {
    for (const bad of ['{"op": "wirte"}', '{"op": "check", "x": 1}', '{"op": "read", "system": "S", "volume": "V", "offset": "0", "length": 1}']) {
      const run = runTrace(trace(bad));
      expect(run.exitCode).toBe(2);
      expect(run.results[0]).toMatchObject({ line: 4, ok: false, error: { code: 'TRACE_INVALID' } });
    }
  });

  it('a refused step changes nothing: the check after it holds', () => {
    const run = runTrace(trace(
      '{"op": "write", "system": "S", "volume": "V", "offset": 16000, "data": {"fill": 1, "length": 1000}, "expectError": "OUT_OF_RANGE"}',
      '{"op": "read", "system": "S", "volume": "V", "offset": 16000, "length": 384, "expect": {"fill": 0, "length": 384}}',
      '{"op": "check"}',
    ));
    expect(run.exitCode).toBe(0);
  });

  it('settle leaves a copy that meets lost data where it stopped, and says why', () => {
    const run = runTrace([
      '{"trace": 1}',
      '{"op": "system", "id": "S", "ldevBytes": 8192, "raidGroups": [{"id": "A", "level": "raid5", "devices": 3, "deviceBytes": 16384, "stripeUnitBytes": 512}, {"id": "B", "level": "raid1", "devices": 2, "deviceBytes": 32768}]}',
      '{"op": "volume", "system": "S", "id": "O", "emulation": "OPEN-V", "bytes": 16384, "trackBytes": 4096, "raidGroup": "A"}',
      '{"op": "volume", "system": "S", "id": "C", "emulation": "OPEN-V", "bytes": 16384, "trackBytes": 4096, "raidGroup": "B"}',
      '{"op": "pairCreate", "id": "P", "kind": "local", "original": "S:O", "copy": "S:C"}',
      '{"op": "deviceFail", "system": "S", "raidGroup": "A", "device": 0}',
      '{"op": "deviceFail", "system": "S", "raidGroup": "A", "device": 1}',
      '{"op": "settle"}',
      '{"op": "status", "pair": "P", "expect": {"state": "generating", "bits": {"gen": 4}}}',
    ].join('\n'));
    expect(run.exitCode).toBe(0);
    expect(run.results[6]).toMatchObject({ op: 'settle', ok: true, processes: [{ process: 'P', units: 0, stalled: { code: 'DATA_LOSS' } }] });
  });

  it('the CLI prints one JSON line per step and exits with the contract code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trace-'));
    const file = join(dir, 't.jsonl');
    writeFileSync(file, trace('{"op": "check"}'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', file], { encoding: 'utf8' });
    expect(out.trim().split('\n').map((l) => JSON.parse(l).op)).toEqual(['system', 'volume', 'check']);
    writeFileSync(file, trace('{"op": "nope"}'));
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', file], { encoding: 'utf8' });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
