import { loadTooling } from '../tooling.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSummary } from './campaign/build-summary.ts';
import { writeCampaignReport } from './campaign/campaign-report.ts';
import { unreachedStates, untakenTransitions } from './campaign/coverage-merge.ts';
import type { Shard } from './campaign/job-plan.ts';
import { type CampaignPlan, makePlan, shareByProperty } from './campaign/plan.ts';
import { type Planned, type Progress, progressBars, progressLines } from './campaign/progress.ts';
import type { PropertyDefinition } from './campaign/property-definition.ts';
import { type CampaignRun, runCampaign } from './campaign/run-campaign.ts';
import { saveFailures } from './campaign/save-failures.ts';
import { verdictExitCode } from './campaign/status.ts';
import { coverageLines, summaryTable } from './campaign/summary-table.ts';
import type { CampaignSummary } from './campaign/summary.ts';
import { replayTraces, type TraceReplay, traceFiles } from './campaign/trace-replays.ts';
import { verdictLine } from './campaign/verdict-line.ts';
import { verdictOf } from './campaign/verdict.ts';
import { type Executor, inProcessExecutor, workerExecutor } from './campaign/worker-pool.ts';

export interface CampaignCommandOptions {
  readonly seed: number;
  /** Runs per property; null: an open-ended plan (needs `time`). */
  readonly runs: number | null;
  readonly time: number | null;
  readonly only: RegExp | null;
  readonly shard: Shard;
  /** Worker threads; 0 runs every job in this thread. */
  readonly workers: number;
  readonly chunkRuns: number;
  /** Folder of campaign.json (and report.html); null writes neither. */
  readonly out: string | null;
  /** Also write report.html into `out` (default true; `--no-report` clears it). */
  readonly report?: boolean;
  /** Exit 0 instead of 3 when planned jobs did not all run (`--allow-partial`). */
  readonly allowPartial?: boolean;
  readonly regressions: string;
  /** Folders of traces replayed with the campaign (examples, regressions). */
  readonly traces: readonly string[];
  /** Fail on a machine transition never taken or a named witness never reached. */
  readonly requireCoverage: boolean;
  readonly planted?: string | undefined;
  /** Tests give their own definitions (run in this thread); the CLI loads properties/index.ts. */
  readonly definitions?: readonly PropertyDefinition[];
  readonly write?: (text: string) => void;
}

/**
 * `campaign` (and `npm start`): runs the shard's share of the plan, saves failures, writes
 * campaign.json (and report.html); exit 0 ok, 1 failed, 2 bad input, 3 incomplete (spec/campaign.md).
 */
export async function campaignCommand(o: CampaignCommandOptions): Promise<number> {
  const write = o.write ?? ((t: string) => void process.stdout.write(t));
  const chosen = await chooseProperties(o, write);
  if (typeof chosen === 'number') return chosen;
  const plan = makePlan({ seed: o.seed, runsPerProperty: o.runs, chunkRuns: o.chunkRuns, planted: o.planted ?? null, properties: chosen.map((d) => d.id) });
  write(`${heading(o, plan)}\n`);
  const run = await runWithProgress(o, chosen, plan);
  const files = traceFiles(o.traces);
  const replays = replayTraces(files);
  const saved = saveFailures(run.properties, o.regressions);
  const summary = buildSummary(run, replays, { timeSeconds: o.time, workers: o.workers, requireCoverage: o.requireCoverage, saved });
  printResults(o, summary, run.millis, replays.traces, write);
  if (o.out) {
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, 'campaign.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const report = o.report !== false;
    if (report) await writeCampaignReport(join(o.out, 'report.html'), summary, [...files, ...saved.values()]);
    write(`\nwrote ${join(o.out, 'campaign.json')}${report ? ` and ${join(o.out, 'report.html')}` : ''}\n`);
  }
  const verdict = verdictOf(summary.properties, summary.traces, summary.coverage, o.requireCoverage);
  const code = verdictExitCode(verdict.verdict, o.allowPartial === true);
  write(`\n${verdictLine(verdict, code)}\n`);
  return code;
}

function heading(o: CampaignCommandOptions, plan: CampaignPlan): string {
  const budget = [o.runs !== null ? `${o.runs} runs per property` : 'open-ended', o.time !== null ? `${o.time} s` : null].filter(Boolean).join(', at most ');
  const share = shareByProperty(plan, o.shard);
  const inShard = o.shard.count === 1 ? '' : ` (${share === null ? plan.properties.length : share.size} with jobs in shard ${o.shard.index}/${o.shard.count})`;
  return `Campaign: ${plan.properties.length} properties${inShard}, ${budget}, seed ${o.seed}, plan ${plan.hash.slice(0, 12)}, shard ${o.shard.index}/${o.shard.count}, ${o.workers || 'no'} worker threads`;
}

/** The properties of the plan (`--only`, in properties/index.ts order: never filtered by shard), or an exit code. */
async function chooseProperties(o: CampaignCommandOptions, write: (t: string) => void): Promise<readonly PropertyDefinition[] | number> {
  if (o.planted && !(await loadTooling()).PLANTED.some((p) => p.name === o.planted)) {
    write(`unknown planted failure "${o.planted}" (properties/harness/planted.ts)\n`);
    return 2;
  }
  const all = o.definitions ?? (await loadTooling()).PROPERTIES;
  const matching = o.only ? all.filter((d) => o.only!.test(d.id)) : all;
  if (matching.length === 0) {
    write(`no property matches ${String(o.only)}\n`);
    return 2;
  }
  return matching;
}

async function runWithProgress(o: CampaignCommandOptions, defs: readonly PropertyDefinition[], plan: CampaignPlan): Promise<CampaignRun> {
  const { executor, unplant } = await makeExecutor(o, defs);
  const progress = makeProgress(o, plan);
  let run: CampaignRun | undefined;
  try {
    run = await runCampaign(defs, executor, {
      seed: o.seed, runs: o.runs, timeSeconds: o.time, shard: o.shard, chunkRuns: o.chunkRuns, planted: o.planted ?? null, onProgress: (t) => progress.update(t),
    });
    return run;
  } finally {
    progress.stop(run?.properties ?? []);
    await executor.close();
    unplant();
  }
}

/** The summary table, throughput, replayed traces, machine coverage and witnesses missed. */
function printResults(o: CampaignCommandOptions, summary: CampaignSummary, millis: number, traces: readonly TraceReplay[], write: (t: string) => void): void {
  write(`\n${summaryTable(summary, o.planted)}\n`);
  const commands = summary.totals.commands;
  write(`\n${commands} model commands in ${(millis / 1000).toFixed(1)} s (${Math.round(commands / (millis / 1000))} per second)\n`);
  const bad = traces.filter((t) => t.exitCode !== 0);
  if (o.traces.length === 0) write('traces not replayed (a partial run: --only or --shard)\n');
  else write(`${traces.length - bad.length}/${traces.length} traces replayed ok${bad.map((t) => `\n  FAIL ${t.file}: ${t.firstProblem}`).join('')}\n`);
  write(`\nMachine coverage (properties and traces)\n${coverageLines(summary.coverage).join('\n')}\n`);
  // A partial run (--only, a shard) lists the gaps of the machines it touched only.
  const touched = summary.coverage.filter((m) => o.requireCoverage || o.traces.length > 0 || m.edges.some((e) => e.taken > 0));
  for (const s of unreachedStates(touched)) write(`  state never reached: ${s}\n`);
  for (const t of untakenTransitions(touched)) write(`  transition never taken: ${t}\n`);
  for (const w of summary.witnessesMissed) write(`  witness never reached: ${w}\n`);
}

/** Worker threads install a planted failure themselves; in this thread it is undone after the run. */
async function makeExecutor(o: CampaignCommandOptions, defs: readonly PropertyDefinition[]): Promise<{ executor: Executor; unplant: () => void }> {
  if (o.workers > 0 && !o.definitions) return { executor: workerExecutor(o.workers, o.planted), unplant: () => {} };
  const unplant = o.planted ? (await loadTooling()).plant(o.planted) : () => {};
  return { executor: inProcessExecutor(defs, o.planted), unplant };
}

function makeProgress(o: CampaignCommandOptions, plan: CampaignPlan): Progress {
  const share = shareByProperty(plan, o.shard);
  const ids = share === null ? plan.properties : plan.properties.filter((id) => share.has(id));
  const planned: Planned | null = share && {
    runs: new Map([...share].map(([id, jobs]) => [id, jobs.reduce((n, j) => n + j.runs, 0)])),
    jobs: new Map([...share].map(([id, jobs]) => [id, jobs.length])),
  };
  if (process.stdout.isTTY && !o.write) return progressBars(ids, planned, { rows: process.stdout.rows ?? 24, columns: process.stdout.columns ?? 80 });
  return progressLines(planned?.jobs ?? null, o.write ?? ((t) => void process.stdout.write(t)));
}
