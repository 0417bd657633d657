#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { runTrace } from './trace/runner.ts';
import { startCommand } from './cli/start.ts';

/** Command line of the model (README.md, "Commands"). */
const program = new Command()
  .name('extent-copy-model')
  .description('Executable reference model of extent-level copy storage');

program
  .command('run')
  .description('run trace files (trace-v1) and print one JSON result line per step; exit 0 ok, 1 expectation failed, 2 invalid trace')
  .argument('<files...>', 'trace files (.jsonl)')
  .action((files: string[]) => {
    let exitCode = 0;
    for (const file of files) {
      const run = runTrace(readFileSync(file, 'utf8'));
      for (const r of run.results) process.stdout.write(`${JSON.stringify(r)}\n`);
      exitCode = Math.max(exitCode, run.exitCode);
    }
    process.exitCode = exitCode;
  });

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

program
  .command('start', { isDefault: true })
  .description('the main job: run every trace under examples/ and a short property campaign, with progress and a summary')
  .option('--runs <n>', 'runs per property', positiveInt, 100)
  .option('--seed <n>', 'campaign seed', (v) => Number.parseInt(v, 10), 20261125)
  .option('--examples <dir>', 'folder of example traces', 'examples')
  .action(async (opts: { runs: number; seed: number; examples: string }) => {
    process.exitCode = await startCommand(opts);
  });

await program.parseAsync();
