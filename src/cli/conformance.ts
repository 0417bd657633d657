import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AdapterFailure } from '../conformance/adapter-process.ts';
import { type ConformanceProgress, runConformance } from '../conformance/run-conformance.ts';

/** Options of the `conformance` command. */
export interface ConformanceCommandOptions {
  /** The adapter command line (spec/conformance.md), e.g. `npx tsx examples/adapters/model-adapter.ts`. */
  readonly adapter: string;
  readonly seed: number;
  /** Scenarios to run. */
  readonly runs: number;
  /** Where the mismatch trace goes (default `out/conformance-mismatch.jsonl`). */
  readonly out?: string;
  /** Per-step deadline of the adapter, milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /** fast-check replay path of an earlier mismatch. */
  readonly path?: string;
}

/** Where a mismatch trace is written unless `out` says otherwise. */
export const CONFORMANCE_OUT_DEFAULT = 'out/conformance-mismatch.jsonl';

/**
 * `conformance --adapter CMD`: checks another implementation against the model
 * (spec/conformance.md), printing progress and a summary. Exit code: 0 every compared answer
 * agreed; 1 a mismatch (its shrunk trace written to `out`); 2 the adapter failed as a process
 * (did not start, exited, hung, broke the protocol).
 */
export async function conformanceCommand(opts: ConformanceCommandOptions): Promise<number> {
  const out = process.stdout;
  const tty = out.isTTY === true;
  out.write(`Conformance: ${opts.runs} scenarios against ${JSON.stringify(opts.adapter)} (seed ${opts.seed})\n`);
  let lastPrinted = 0;
  const onProgress = (p: ConformanceProgress) => {
    const what = `scenarios ${p.scenarios}/${opts.runs}${p.shrinking ? `, mismatch found, shrinking (${p.shrinks} tried)` : ''}, ${p.steps} steps compared`;
    const done = p.scenarios + p.shrinks;
    if (tty) out.write(`\r  ${what}   `);
    else if (done - lastPrinted >= Math.max(1, Math.floor(opts.runs / 10))) {
      lastPrinted = done;
      out.write(`  ${what}\n`);
    }
  };
  try {
    const result = await runConformance({
      adapter: opts.adapter,
      seed: opts.seed,
      runs: opts.runs,
      onProgress,
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      ...(opts.path === undefined ? {} : { path: opts.path }),
    });
    if (tty) out.write('\n');
    if (!result.mismatch) {
      out.write(`ok: the adapter agreed with the model on ${result.runs} scenarios (${result.steps} steps compared)\n`);
      return 0;
    }
    const m = result.mismatch;
    const file = opts.out ?? CONFORMANCE_OUT_DEFAULT;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, m.trace);
    out.write(
      [
        `MISMATCH after ${result.runs} scenarios, shrunk in ${result.shrinks} tries; line ${m.step} of the shrunk scenario: ${m.reason}`,
        `  model:   ${short(m.model)}`,
        `  adapter: ${short(m.adapter)}`,
        `  trace (${m.trace.split('\n').filter((l) => l !== '' && !l.startsWith('//')).length - 1} steps) written to ${file}; it passes on the model: npx tsx src/cli.ts run ${file}`,
        `  replay: --seed ${m.seed} --path "${m.path}"`,
        '',
      ].join('\n'),
    );
    return 1;
  } catch (e) {
    if (tty) out.write('\n');
    if (!(e instanceof AdapterFailure)) throw e;
    process.stderr.write(`ADAPTER FAILURE (${e.kind}): ${e.message}\n`);
    return 2;
  }
}

/** A result line for the terminal: long hex cut (the trace file has it whole). */
function short(result: unknown): string {
  const text = JSON.stringify(result);
  return text.length > 240 ? `${text.slice(0, 240)}… (${text.length} characters; whole in the trace)` : text;
}
