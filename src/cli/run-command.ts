/**
 * `run FILE...`: one JSON result line per step on stdout (spec/trace-format.md), then per file
 * one verdict line on stderr (TERM-V-4): steps, held, failed and the first failing line, so
 * a person sees the outcome without reading the JSON and scripts still read clean JSON lines.
 */
import { runTrace, type StepOutcome, type TraceRun } from '../trace/runner.ts';
import { readTraceFile } from './read-trace-file.ts';

/** The verdict line of one file's run. */
export function verdictLine(file: string, run: TraceRun): string {
  const steps = run.results.filter((r) => r.op !== 'trace');
  const failed = run.results.filter((r) => r.expectFailed !== undefined || (!r.ok && (r.op === 'trace' || r.error?.code === 'INTERNAL_ERROR')));
  const first = failed[0];
  const why = first === undefined ? '' : `; first at line ${first.line} (${first.op}): ${reason(first)}`;
  const verdict = run.exitCode === 0 ? 'ok' : run.exitCode === 1 ? 'FAILED' : run.exitCode === 2 ? 'INVALID TRACE' : 'CRASHED';
  return `${file}: ${verdict}: ${steps.length} steps, ${steps.length - failed.length} held, ${failed.length} failed${why} (exit ${run.exitCode})`;
}

function reason(r: StepOutcome): string {
  return r.expectFailed ?? `${r.error!.code}: ${r.error!.message}`;
}

/** Runs every file; answers the highest exit code. */
export function runCommand(files: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  let exitCode = 0;
  for (const file of files) {
    const read = readTraceFile(file);
    if ('error' in read) {
      err(`${read.error}\n`);
      exitCode = Math.max(exitCode, 2);
      continue;
    }
    const run = runTrace(read.text);
    // With several files, each result line names its file (an added result field).
    const tag = files.length > 1 ? { file } : {};
    for (const r of run.results) out(`${JSON.stringify({ ...tag, ...r })}\n`);
    err(`${verdictLine(file, run)}\n`);
    exitCode = Math.max(exitCode, run.exitCode);
  }
  return exitCode;
}
