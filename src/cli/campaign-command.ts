import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSummary } from './campaign/build-summary.ts';
import { writeCampaignReport } from './campaign/campaign-report.ts';
import { unreachedStates, untakenTransitions } from './campaign/coverage-merge.ts';
import { planJobs, type Shard } from './campaign/job-plan.ts';
import { type Progress, progressBars, progressLines } from './campaign/progress.ts';
import type { PropertyDefinition } from './campaign/property-definition.ts';
import { type CampaignRun, runCampaign } from './campaign/run-campaign.ts';
import { saveFailures } from './campaign/save-failures.ts';
import { coverageLines, summaryTable } from './campaign/summary-table.ts';
import type { CampaignSummary } from './campaign/summary.ts';
import { replayTraces, type TraceReplay, traceFiles } from './campaign/trace-replays.ts';
import { type Executor, inProcessExecutor, workerExecutor } from './campaign/worker-pool.ts';

export interface CampaignCommandOptions {
  readonly seed: number;
  readonly runs: number | null;
  readonly time: number | null;
  readonly only: RegExp | null;
  readonly shard: Shard;
  /** Worker threads; 0 runs every job in this thread. */
  readonly workers: number;
  readonly chunkRuns: number;
  /** Folder of out/campaign.json and out/report.html; null writes neither. */
  readonly out: string | null;
  readonly regressions: string;
  /** Folders of traces replayed with the campaign (examples, regressions). */
  readonly traces: readonly string[];
  readonly requireCoverage: boolean;
  readonly planted?: string | undefined;
  /** Tests give their own definitions (run in this thread); the CLI loads properties/index.ts. */
  readonly definitions?: readonly PropertyDefinition[];
  readonly write?: (text: string) => void;
}

/** `campaign` (and `npm start`): runs the properties, saves failures, writes summary and report; the exit code. */
export async function campaignCommand(o: CampaignCommandOptions): Promise<number> {
  const write = o.write ?? ((t: string) => void process.stdout.write(t));
  const chosen = await chooseProperties(o, write);
  if (typeof chosen === 'number') return chosen;
  const budget = [o.runs !== null ? `${o.runs} runs per property` : null, o.time !== null ? `${o.time} s` : null].filter(Boolean).join(', at most ');
  write(`Campaign: ${chosen.length} properties, ${budget}, seed ${o.seed}, shard ${o.shard.index}/${o.shard.count}, ${o.workers || 'no'} worker threads\n`);
  const run = await runWithProgress(o, chosen);
  const files = traceFiles(o.traces);
  const replays = replayTraces(files);
  const saved = saveFailures(run.properties, o.regressions);
  const summary = buildSummary(run, replays, { seed: o.seed, shard: o.shard, runs: o.runs, timeSeconds: o.time, workers: o.workers, saved });
  const badTraces = printResults(o, summary, run.millis, replays.traces, write);
  if (o.out) {
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, 'campaign.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await writeCampaignReport(join(o.out, 'report.html'), summary, [...files, ...saved.values()]);
    write(`\nwrote ${join(o.out, 'campaign.json')} and ${join(o.out, 'report.html')}\n`);
  }
  const failed = summary.properties.filter((p) => p.failed).length;
  const untaken = untakenTransitions(summary.coverage).length;
  const coverageFails = o.requireCoverage && untaken > 0;
  write(`\n${summary.properties.length - failed}/${summary.properties.length} properties ok${coverageFails ? `; ${untaken} transitions never taken (coverage is required)` : ''}\n`);
  return failed > 0 || badTraces > 0 || coverageFails ? 1 : 0;
}

/** The properties this run takes (`--only`, and under a run budget those with a job in the shard), or an exit code. */
async function chooseProperties(o: CampaignCommandOptions, write: (t: string) => void): Promise<readonly PropertyDefinition[] | number> {
  if (o.planted && !(await import('../../properties/planted.ts')).PLANTED.some((p) => p.name === o.planted)) {
    write(`unknown planted failure "${o.planted}" (properties/planted.ts)\n`);
    return 2;
  }
  const all = o.definitions ?? (await import('../../properties/index.ts')).PROPERTIES;
  const matching = o.only ? all.filter((d) => o.only!.test(d.id)) : all;
  if (matching.length === 0) {
    write(`no property matches ${String(o.only)}\n`);
    return 2;
  }
  if (o.runs === null) return matching;
  const planned = new Set([...planJobs(matching.map((d) => d.id), { seed: o.seed, runs: o.runs, chunkRuns: o.chunkRuns, shard: o.shard })].map((j) => j.property));
  return matching.filter((d) => planned.has(d.id));
}

async function runWithProgress(o: CampaignCommandOptions, defs: readonly PropertyDefinition[]): Promise<CampaignRun> {
  const { executor, unplant } = await makeExecutor(o, defs);
  const progress = makeProgress(o, defs);
  try {
    return await runCampaign(defs, executor, { seed: o.seed, runs: o.runs, timeSeconds: o.time, shard: o.shard, chunkRuns: o.chunkRuns, onProgress: (t) => progress.update(t) });
  } finally {
    progress.stop();
    await executor.close();
    unplant();
  }
}

/** The summary table, throughput, replayed traces and machine coverage; returns how many traces failed. */
function printResults(o: CampaignCommandOptions, summary: CampaignSummary, millis: number, traces: readonly TraceReplay[], write: (t: string) => void): number {
  write(`\n${summaryTable(summary, o.planted)}\n`);
  const commands = summary.properties.reduce((n, p) => n + p.commands, 0);
  write(`\n${commands} model commands in ${(millis / 1000).toFixed(1)} s (${Math.round(commands / (millis / 1000))} per second)\n`);
  const bad = traces.filter((t) => t.exitCode !== 0);
  if (o.traces.length === 0) write('traces not replayed (a partial run: --only or --shard)\n');
  else write(`${traces.length - bad.length}/${traces.length} traces replayed ok${bad.map((t) => `\n  FAIL ${t.file}: ${t.firstProblem}`).join('')}\n`);
  write(`\nMachine coverage (properties and traces)\n${coverageLines(summary.coverage).join('\n')}\n`);
  // A partial run (--only, a shard) lists the gaps of the machines it touched only.
  const touched = summary.coverage.filter((m) => o.requireCoverage || o.traces.length > 0 || m.edges.some((e) => e.taken > 0));
  for (const s of unreachedStates(touched)) write(`  state never reached: ${s}\n`);
  for (const t of untakenTransitions(touched)) write(`  transition never taken: ${t}\n`);
  return bad.length;
}

/** Worker threads install a planted failure themselves; in this thread it is undone after the run. */
async function makeExecutor(o: CampaignCommandOptions, defs: readonly PropertyDefinition[]): Promise<{ executor: Executor; unplant: () => void }> {
  if (o.workers > 0 && !o.definitions) return { executor: workerExecutor(o.workers, o.planted), unplant: () => {} };
  const unplant = o.planted ? (await import('../../properties/planted.ts')).plant(o.planted) : () => {};
  return { executor: inProcessExecutor(defs, o.planted), unplant };
}

function makeProgress(o: CampaignCommandOptions, defs: readonly PropertyDefinition[]): Progress {
  const ids = defs.map((d) => d.id);
  const runs = new Map<string, number>();
  const jobs = new Map<string, number>();
  if (o.runs !== null) {
    for (const j of planJobs(ids, { seed: o.seed, runs: o.runs, chunkRuns: o.chunkRuns, shard: o.shard })) {
      runs.set(j.property, (runs.get(j.property) ?? 0) + j.runs);
      jobs.set(j.property, (jobs.get(j.property) ?? 0) + 1);
    }
  }
  if (process.stdout.isTTY && !o.write) return progressBars(ids, o.runs !== null ? runs : null, { rows: process.stdout.rows ?? 24, columns: process.stdout.columns ?? 80 });
  return progressLines(jobs, o.write ?? ((t) => void process.stdout.write(t)));
}
