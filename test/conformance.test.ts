import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceCommand } from '../src/cli/conformance.ts';
import { AdapterFailure } from '../src/conformance/adapter-process.ts';
import { compareResults } from '../src/conformance/compare.ts';
import { runConformance } from '../src/conformance/run-conformance.ts';
import { runTrace } from '../src/trace/runner.ts';

// `npx tsx` costs a second a start: the tests run the adapters on this node with tsx's loader.
const adapter = (file: string): string[] => [process.execPath, '--import', 'tsx', join(import.meta.dirname, '..', 'examples', 'adapters', file)];
const node = (script: string): string[] => [process.execPath, '-e', script];
/** Steps of a trace file (its lines that are neither the header, blank nor a comment). */
const stepLines = (trace: string): string[] => trace.split('\n').slice(1).filter((l) => l.trim() !== '' && !l.startsWith('//'));

describe('conformance', () => {
  it('conformance: the model as its own adapter agrees over 30 scenarios', async () => {
    const r = await runConformance({ adapter: adapter('model-adapter.ts'), seed: 20261125, runs: 30 });
    expect(r.mismatch).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.runs).toBe(30);
    expect(r.steps).toBeGreaterThan(30 * 8); // setup alone is 5+ steps a scenario: commands did run
  });

  it('conformance: an adapter that forgets copy-on-write after a division is caught, shrunk, and its trace replays on the model', async () => {
    const r = await runConformance({ adapter: adapter('buggy-adapter.ts'), seed: 42, runs: 100 });
    expect(r.ok).toBe(false);
    const m = r.mismatch!;
    const steps = stepLines(m.trace).map((l) => JSON.parse(l) as { op: string; volume?: string });
    expect(steps.length).toBeLessThanOrEqual(12);
    expect(m.step).toBe(steps.length + 1); // the disagreeing step is the last; the header is line 1
    const last = steps[steps.length - 1]!;
    expect(last.op).toBe('read');
    expect(last.volume).toBe('COPY');
    expect(steps.map((s) => s.op)).toContain('pairDivide');
    expect((m.model as { hex?: string }).hex).not.toBe((m.adapter as { hex?: string }).hex);
    // The trace is valid and passes on the model (refusals carry expectError, the read its bytes).
    const replay = runTrace(m.trace);
    expect(replay.exitCode).toBe(0);
    expect(replay.results).toHaveLength(steps.length);
    expect(m.trace).toContain(`"seed":${m.seed}`);
  });

  it('conformance: a crashing adapter is an adapter failure, not a hang', async () => {
    const run = runConformance({ adapter: node('process.exit(3)'), seed: 1, runs: 5 });
    await expect(run).rejects.toBeInstanceOf(AdapterFailure);
    await expect(run).rejects.toMatchObject({ kind: 'exit' });
  });

  it('conformance: an adapter that never answers fails at the step deadline', async () => {
    const run = runConformance({ adapter: node('process.stdin.resume(); setInterval(() => {}, 1000)'), seed: 1, runs: 5, timeoutMs: 300 });
    await expect(run).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('conformance: an answer that is not a result line is a protocol failure', async () => {
    const run = runConformance({ adapter: node("process.stdin.on('data', () => console.log('hello'))"), seed: 1, runs: 5 });
    await expect(run).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('conformance: a shell command line works as an adapter, and the command exits 2 on adapter failure', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'mismatch.jsonl');
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await conformanceCommand({ adapter: `"${process.execPath}" --import tsx examples/adapters/model-adapter.ts`, seed: 7, runs: 3, out })).toBe(0);
      expect(await conformanceCommand({ adapter: `"${process.execPath}" -e "process.exit(0)"`, seed: 7, runs: 3, out })).toBe(2);
    } finally {
      process.stdout.write = write;
      process.stderr.write = stderr;
    }
    expect(() => readFileSync(out)).toThrow(); // no mismatch, no file
  });

  it('conformance: a read compares by its bytes, whether given as hex or only as a digest; messages are not compared', () => {
    const hex = { line: 2, op: 'read', ok: true, length: 2, hex: '4142', sha256: 'x' };
    const digest = createHash('sha256').update('AB').digest('hex').toUpperCase();
    expect(compareResults('read', hex, { ok: true, length: 2, hex: '4142' })).toBeNull();
    expect(compareResults('read', hex, { ok: true, length: 2, sha256: digest })).toBeNull();
    expect(compareResults('read', hex, { ok: true, length: 2, sha256: '00'.repeat(32) })?.field).toBe('bytes');
    const refused = { ok: false, error: { code: 'INVALID_STATE', message: 'pair P1 is generating' } };
    expect(compareResults('read', refused, { ok: false, error: { code: 'INVALID_STATE', message: 'busy' } })).toBeNull();
    expect(compareResults('status', { ok: true, state: 'divided', bits: { gen: 3 } }, { ok: true, state: 'divided' })).toBeNull();
    expect(compareResults('status', { ok: true, state: 'divided' }, { ok: true, state: 'dividing' })?.message).toBe('status: state: model "divided", adapter "dividing"');
  });
});
