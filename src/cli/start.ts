import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCampaign, type PropertyOutcome } from './campaign/run-campaign.ts';
import { runTrace } from '../trace/runner.ts';
import { RunBars } from './run-bars.ts';

interface StartOptions {
  readonly runs: number;
  readonly seed: number;
  readonly examples: string;
}

interface TraceSummary {
  readonly file: string;
  readonly steps: number;
  readonly exitCode: number;
  readonly firstProblem?: string;
}

/** `npm start`: example traces, then a short campaign over every property; 0 when all pass. */
export async function startCommand(opts: StartOptions): Promise<number> {
  process.stdout.write(`Running the example traces under ${opts.examples}/ and the property campaign (${opts.runs} runs per property, seed ${opts.seed})\n`);
  const traces = runExamples(opts.examples);
  const { PROPERTIES } = await import('../../properties/index.ts');
  const tty = process.stdout.isTTY === true;
  const bars = tty ? new RunBars(PROPERTIES.map((d) => d.id), opts.runs) : null;
  const outcomes = await runCampaign(PROPERTIES, {
    runs: opts.runs,
    seed: opts.seed,
    onRun: (id, n) => bars?.update(id, n),
    // Without a terminal there are no bars: each property's end is said on a line instead.
    onDone: (o) => {
      if (bars) bars.finish(o.id);
      else process.stdout.write(`  ${o.failed ? 'FAIL' : 'ok'}  ${o.id} (${o.runs} runs)\n`);
    },
  });
  bars?.stop();
  printSummary(traces, outcomes, opts.seed);
  const failed = traces.some((t) => t.exitCode !== 0) || outcomes.some((o) => o.failed);
  return failed ? 1 : 0;
}

function runExamples(dir: string): TraceSummary[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  return files.map((f) => {
    const run = runTrace(readFileSync(join(dir, f), 'utf8'));
    const bad = run.results.find((r) => r.expectFailed !== undefined || (run.exitCode === 2 && r.error));
    const firstProblem = bad ? `line ${bad.line}: ${bad.expectFailed ?? bad.error?.message}` : undefined;
    return { file: join(dir, f), steps: run.results.length, exitCode: run.exitCode, ...(firstProblem ? { firstProblem } : {}) };
  });
}

function printSummary(traces: readonly TraceSummary[], outcomes: readonly PropertyOutcome[], seed: number): void {
  const out = process.stdout;
  out.write('\nExample traces\n');
  for (const t of traces) {
    out.write(`  ${t.exitCode === 0 ? 'ok  ' : 'FAIL'} ${t.file} (${t.steps} steps)${t.firstProblem ? ` — ${t.firstProblem}` : ''}\n`);
  }
  out.write(`\nProperty campaign (seed ${seed})\n`);
  for (const o of outcomes) {
    const status = o.failed ? 'FAIL' : 'ok  ';
    out.write(`  ${status} ${o.id.padEnd(40)} ${String(o.runs).padStart(5)} runs ${(o.millis / 1000).toFixed(1).padStart(6)} s  ${o.title}\n`);
    if (o.failed) {
      out.write(`       replay: { seed: ${o.replay?.seed}, path: "${o.replay?.path}", endOnFailure: true }\n`);
      out.write(`       counterexample: ${o.counterexample}\n       ${o.error?.split('\n')[0]}\n`);
    }
  }
  const tracesFailed = traces.filter((t) => t.exitCode !== 0).length;
  const propsFailed = outcomes.filter((o) => o.failed).length;
  out.write(`\n${traces.length - tracesFailed}/${traces.length} traces ok, ${outcomes.length - propsFailed}/${outcomes.length} properties ok\n`);
}
