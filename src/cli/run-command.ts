/**
 * `run FILE...`: one JSON result line per step on stdout (spec/trace-format.md), then per file
 * one verdict line on stderr (TERM-V-4): steps, held, failed and the first failing line, so
 * a person sees the outcome without reading the JSON and scripts still read clean JSON lines.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunContext } from '../trace/context.ts';
import { runTraceIn, type StepOutcome, type TraceRun } from '../trace/runner.ts';
import { writeAwsTape } from '../tape/tape-image.ts';
import { readTraceFile } from './read-trace-file.ts';

/** The verdict line of one file's run. */
export function verdictLine(file: string, run: TraceRun): string {
  if (run.exitCode === 2) return `${file}: INVALID TRACE: ${run.results[0]?.error?.message ?? 'unreadable'}; nothing ran (exit 2)`;
  const failed = run.results.filter((r) => r.expectFailed !== undefined || r.error?.code === 'INTERNAL_ERROR');
  const first = failed[0];
  const why = first === undefined ? '' : `; first at line ${first.line} (${first.op}): ${reason(first)}`;
  const verdict = run.exitCode === 0 ? 'ok' : run.exitCode === 1 ? 'FAILED' : 'CRASHED';
  const n = run.results.length;
  return `${file}: ${verdict}: ${n} step${n === 1 ? '' : 's'}, ${n - failed.length} held, ${failed.length} failed${why} (exit ${run.exitCode})`;
}

function reason(r: StepOutcome): string {
  return r.expectFailed ?? `${r.error!.code}: ${r.error!.message}`;
}

/** BK-T-5: every tape of the run as `DIR/TAPE.aws`, each written atomically (a temporary file, then rename). */
export function writeTapes(ctx: RunContext, dir: string): string[] {
  const written: string[] = [];
  if (ctx.model.backup.tapes.size > 0) mkdirSync(dir, { recursive: true });
  for (const t of ctx.model.backup.tapes.values()) {
    const path = join(dir, `${t.id}.aws`);
    writeFileSync(`${path}.tmp`, t.image ?? writeAwsTape({ volser: t.volser, ...(t.owner ? { owner: t.owner } : {}), files: t.files })); // a loaded tape nothing appended to: as it was
    renameSync(`${path}.tmp`, path);
    written.push(path);
  }
  return written;
}

/** Runs every file; answers the highest exit code. With `tapes`, each run's tapes are written there (BK-T-5). */
export function runCommand(files: readonly string[], out: (s: string) => void, err: (s: string) => void, tapes?: string): number {
  let exitCode = 0;
  for (const file of files) {
    const read = readTraceFile(file);
    if ('error' in read) {
      err(`${read.error}\n`);
      exitCode = Math.max(exitCode, 2);
      continue;
    }
    const { run, ctx } = runTraceIn(read.text);
    // With several files, each result line names its file (an added result field).
    const tag = files.length > 1 ? { file } : {};
    for (const r of run.results) out(`${JSON.stringify({ ...tag, ...r })}\n`);
    err(`${verdictLine(file, run)}\n`);
    if (tapes !== undefined && ctx !== null) for (const p of writeTapes(ctx, tapes)) err(`wrote ${p}\n`);
    exitCode = Math.max(exitCode, run.exitCode);
  }
  return exitCode;
}
