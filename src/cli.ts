#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runCommand } from './cli/run-command.ts';
import { localOrPackaged } from './cli/package-root.ts';
import { campaignCommand } from './cli/campaign-command.ts';
import { statusCommand } from './cli/status-command.ts';
import { runShell } from './terminal/shell-repl.ts';
import { parseShard, type Shard } from './cli/campaign/job-plan.ts';

// A reader that stops early (`| head`) is no error of the model: leave quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

/** Command line of the model (README.md, "Commands"). */
const program = new Command()
  .name('extent-copy-model')
  .description('Executable reference model of extent-level copy storage');

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function seedNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < -0x80000000 || n > 0xffffffff) throw new InvalidArgumentError('expected a 32-bit whole number');
  return n | 0;
}

function shard(value: string): Shard {
  const s = parseShard(value);
  if (!s) throw new InvalidArgumentError('expected i/N with 1 ≤ i ≤ N, e.g. 1/2');
  return s;
}

function pattern(value: string): RegExp {
  try {
    return new RegExp(value, 'i');
  } catch {
    throw new InvalidArgumentError('expected a regular expression (or a plain part of a property id)');
  }
}

program
  .command('run')
  .description('run trace files (trace-v1) and print one JSON result line per step; exit 0 ok, 1 expectation failed, 2 invalid trace, 4 the model crashed (INTERNAL_ERROR)')
  .argument('<files...>', 'trace files (.jsonl)')
  .option('--tapes <dir>', 'write every tape of each run as DIR/TAPE.aws (AWSTAPE, spec/tape.md)')
  .action((files: string[], flags: { tapes?: string }) => {
    process.exitCode = runCommand(files, (s) => process.stdout.write(s), (s) => process.stderr.write(s), flags.tapes);
  });

program
  .command('status')
  .description('the model after running a trace (or up to --at LINE), shown as pairdisplay and /proc/mdstat show it; exit 0, 2 invalid trace, 4 crashed')
  .argument('<trace>', 'trace file (.jsonl)')
  .option('--at <line>', 'stop after the steps up to this line of the file', positiveInt)
  .option('--json', 'one JSON object: pairs (status fields, CCI names, LDEVs, copy %) and systems', false)
  .action((file: string, flags: { at?: number; json: boolean }) => {
    process.exitCode = statusCommand(file, flags, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  });

program
  .command('shell')
  .description('the maintenance terminal: one live model driven by trace ops as JSON lines and CCI commands (paircreate, pairsplit, pairresync, pairdisplay, pairevtwait, pairvolchk, horctakeover, raidscan); help lists them')
  .argument('[trace]', 'a trace file to load first')
  .action(async (trace: string | undefined) => {
    process.exitCode = await runShell({ trace, input: process.stdin, output: process.stdout });
  });

/** Runs per property of `npm start` and `campaign`: about a minute on 2 cores. */
const DEFAULT_RUNS = 150;

interface CampaignFlags {
  seed: number;
  runs?: number;
  time?: number;
  only?: RegExp;
  shard: Shard;
  workers: number;
  chunkRuns: number;
  out: string;
  report: boolean;
  regressions: string;
  requireCoverage: boolean;
  allowPartial: boolean;
  plant?: string;
}

/** The campaign's options, shared by `campaign` and `start`; `runs` is the default budget. */
function campaignOptions(cmd: Command, runs: number | undefined): Command {
  return cmd
    .option('--seed <n>', 'campaign seed (each job derives its own from it)', seedNumber, 20261125)
    .option('--runs <n>', `runs per property${runs ? ` (default ${runs}; with --time, at most this many)` : ''}`, positiveInt)
    .option('--time <seconds>', 'time budget: start no job after this many seconds (without --runs: an open-ended plan)', positiveInt)
    .option('--only <pattern>', 'only properties whose id matches (regular expression, case-insensitive)', pattern)
    .addOption(new Option('--shard <i/N>', 'run shard i of N (disjoint job sets of the same seed, e.g. one per CI job)').argParser(shard).default({ index: 1, count: 1 }, '1/1'))
    .option('--workers <n>', 'worker threads (0: run in this thread)', wholeNumber, Math.min(availableParallelism(), 4))
    .option('--chunk-runs <n>', 'runs per job (the unit of sharding and of parallelism)', positiveInt, 25)
    .option('--out <dir>', 'where campaign.json and report.html go', 'out')
    .option('--no-report', 'write campaign.json only, no report.html')
    .option('--regressions <dir>', 'where failures are saved as traces', 'properties/regressions')
    .option('--require-coverage', 'fail when a machine transition was never taken or a named witness never reached (default: on when CI is set and all properties run)')
    .option('--allow-partial', 'exit 0, not 3, when planned jobs did not all run (a --time budget ran out)', false)
    .addOption(new Option('--plant <name>', 'plant a deliberately broken variant (properties/harness/planted.ts), to see the campaign catch it').hideHelp());
}

async function runCampaignCommand(flags: CampaignFlags, defaultRuns: number | null): Promise<void> {
  const runs = flags.runs ?? (flags.time !== undefined ? null : defaultRuns);
  const everything = !flags.only && flags.shard.count === 1;
  process.exitCode = await campaignCommand({
    seed: flags.seed,
    runs,
    time: flags.time ?? null,
    only: flags.only ?? null,
    shard: flags.shard,
    workers: flags.workers,
    chunkRuns: flags.chunkRuns,
    out: flags.out,
    report: flags.report,
    allowPartial: flags.allowPartial,
    regressions: flags.regressions,
    traces: everything ? [...new Set([localOrPackaged('examples'), 'properties/regressions', flags.regressions])] : [],
    requireCoverage: flags.requireCoverage || (everything && process.env.CI !== undefined && process.env.CI !== 'false'),
    planted: flags.plant,
  });
}

campaignOptions(
  program.command('start').description('the main job (npm start): the property campaign with its defaults, the example traces, the summary and out/report.html'),
  DEFAULT_RUNS,
).action((flags: CampaignFlags) => runCampaignCommand(flags, DEFAULT_RUNS));

campaignOptions(
  program.command('campaign').description('run the property campaign: progress, summary table, failures saved as regression traces, machine coverage'),
  DEFAULT_RUNS,
).action((flags: CampaignFlags) => runCampaignCommand(flags, DEFAULT_RUNS));

program
  .command('merge')
  .description('the campaign.json files of the shards of one plan as the unsharded campaign\'s verdict; refuses (exit 2) shards of different plans, duplicated or missing jobs; exit 0 ok, 1 failed, 3 incomplete')
  .argument('<files...>', 'campaign.json of each shard (campaign --shard i/N --out DIR)')
  .option('--require-coverage', 'fail when no shard took some machine transition or reached some named witness')
  .option('--allow-partial', 'exit 0, not 3, when planned jobs did not all run')
  .option('--out <dir>', 'also write the merged campaign.json there')
  .action(async (files: string[], flags: { requireCoverage?: boolean; allowPartial?: boolean; out?: string }) => {
    const { mergeCommand } = await import('./cli/merge-command.ts');
    process.exitCode = mergeCommand(files, { requireCoverage: flags.requireCoverage === true, allowPartial: flags.allowPartial === true, out: flags.out ?? null });
  });

program
  .command('replay')
  .description('re-run a saved trace (or a property counterexample from its seed and path) and tell it step by step: requests, machine transitions, tracks copied, bitmap bits, the first invariant broken')
  .argument('[file]', 'trace file (.jsonl)')
  .option('--json <file>', 'also write the step snapshots as JSON')
  .option('--property <id>', 'without FILE: the property (properties/index.ts) to re-run')
  .option('--seed <n>', 'with --property: the replay seed', seedNumber)
  .option('--path <path>', 'with --property: the replay path')
  .option('--plant <name>', 'with --property: the planted failure the token was found on (a regression file names it itself)')
  .action(async (file: string | undefined, flags: { json?: string; property?: string; seed?: number; path?: string; plant?: string }) => {
    const { replayCommand } = await import('./cli/replay.ts');
    process.exitCode = await replayCommand(file, flags);
  });

program
  .command('viz')
  .description('write every machine\'s state chart as SVG and Mermaid, and refresh the Mermaid embedded in spec/')
  .option('--out <dir>', 'folder for the charts', 'out/charts')
  .option('--no-spec', 'leave spec/ as it is')
  .action(async (flags: { out: string; spec: boolean }) => {
    const { vizCommand } = await import('./cli/viz.ts');
    process.exitCode = await vizCommand(flags);
  });

program
  .command('conformance')
  .description('drive another implementation (a subprocess speaking trace lines, spec/conformance.md) and the model with the same generated scenarios; compare every result; exit 0 agree, 1 mismatch, 2 adapter failure')
  .requiredOption('--adapter <command>', 'the command line that starts the adapter')
  .option('--seed <n>', 'seed', seedNumber, 20261125)
  .option('--runs <n>', 'scenarios', positiveInt, 100)
  .option('--out <file>', 'where a mismatch is saved as a trace', 'out/conformance-mismatch.jsonl')
  .option('--timeout-ms <n>', 'per-step deadline for the adapter\'s answer', positiveInt, 10000)
  .option('--path <path>', 'fast-check replay path (with the seed of a reported mismatch)')
  .action(async (flags: { adapter: string; seed: number; runs: number; out: string; timeoutMs: number; path?: string }) => {
    const { conformanceCommand } = await import('./cli/conformance.ts');
    process.exitCode = await conformanceCommand(flags);
  });

program
  .command('serve')
  .description('the remote terminal: one live model behind an HTTP server on loopback (POST /v1/requests, GET /v1/pairs, /v1/systems, /v1/events; src/terminal/server.ts); prints "listening on URL token TOKEN"; exit 2 bad input, 4 the loaded trace crashes the model')
  .argument('[trace]', 'a trace or session log to load first (resumed: src/terminal/serve-setup.ts)')
  .option('--port <n>', 'port (0: a free one, printed)', '0')
  .option('--host <address>', 'loopback address to listen on (127.0.0.0/8, ::1, localhost)', '127.0.0.1')
  .option('--log <file>', 'session log: every step that ran, fsynced before it is answered (the same file as TRACE: appended to)')
  .option('--token-file <file>', 'read the token from this file (default: a random one per start)')
  .action(async (trace: string | undefined, flags: { port: string; host: string; log?: string; tokenFile?: string }) => {
    const { serveCommand } = await import('./terminal/serve-command.ts');
    process.exitCode = await serveCommand(trace, flags);
  });

// With no command, the main job (npm start); an unknown word stays an unknown command.
const argv = process.argv.length > 2 ? process.argv : [...process.argv, 'start'];
await program.parseAsync(argv);
