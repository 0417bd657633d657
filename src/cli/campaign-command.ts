import { loadTooling } from '../tooling.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSummary } from './campaign/build-summary.ts';
import { writeCampaignReport } from './campaign/campaign-report.ts';
import { closingLines, headingLines, type Layout, LOG_LAYOUT, resultLines, terminalLayout } from './campaign/campaign-display.ts';
import type { Shard } from './campaign/job-plan.ts';
import { type CampaignPlan, makePlan, shareByProperty } from './campaign/plan.ts';
import { NO_PROGRESS, type Planned, type Progress, progressBar } from './campaign/progress.ts';
import type { PropertyDefinition } from './campaign/property-definition.ts';
import { type CampaignRun, runCampaign } from './campaign/run-campaign.ts';
import { saveFailures } from './campaign/save-failures.ts';
import { verdictExitCode } from './campaign/status.ts';
import { replayTraces, traceFiles } from './campaign/trace-replays.ts';
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
  const layout = displayLayout(o);
  const lines = (ls: readonly string[]): void => write(`${ls.join('\n')}\n`);
  const share = shareByProperty(plan, o.shard);
  lines(headingLines({ properties: plan.properties.length, inShard: share?.size ?? null, shard: o.shard, runs: o.runs, timeSeconds: o.time, seed: o.seed, planHash: plan.hash, workers: o.workers }, layout));
  const run = await runWithProgress(o, chosen, plan);
  const files = traceFiles(o.traces);
  const replays = replayTraces(files);
  const saved = saveFailures(run.properties, o.regressions);
  const summary = buildSummary(run, replays, { timeSeconds: o.time, workers: o.workers, requireCoverage: o.requireCoverage, saved });
  const json = o.out ? join(o.out, 'campaign.json') : null;
  lines(['', ...resultLines({ summary, millis: run.millis, traces: replays.traces, tracesReplayed: o.traces.length > 0, requireCoverage: o.requireCoverage, planted: o.planted, fullListsIn: json }, layout)]);
  let wrote: string | null = null;
  if (o.out && json) {
    mkdirSync(o.out, { recursive: true });
    writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
    const report = o.report !== false;
    if (report) await writeCampaignReport(join(o.out, 'report.html'), summary, [...files, ...saved.values()]);
    wrote = `${json}${report ? ` and ${join(o.out, 'report.html')}` : ''}`;
  }
  const verdict = verdictOf(summary.properties, summary.traces, summary.coverage, o.requireCoverage);
  const code = verdictExitCode(verdict.verdict, o.allowPartial === true);
  lines(closingLines(wrote, verdict, code, layout));
  return code;
}

/** A terminal (stdout a TTY, not a test's `write`) gets progress and a display fitted to it; a log whole lines. */
function onTerminal(o: CampaignCommandOptions): boolean {
  return process.stdout.isTTY === true && !o.write;
}

function displayLayout(o: CampaignCommandOptions): Layout {
  return onTerminal(o) ? terminalLayout(process.stdout.columns || 80) : LOG_LAYOUT;
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
    progress.stop();
    await executor.close();
    unplant();
  }
}

/** Worker threads install a planted failure themselves; in this thread it is undone after the run. */
async function makeExecutor(o: CampaignCommandOptions, defs: readonly PropertyDefinition[]): Promise<{ executor: Executor; unplant: () => void }> {
  if (o.workers > 0 && !o.definitions) return { executor: workerExecutor(o.workers, o.planted), unplant: () => {} };
  const unplant = o.planted ? (await loadTooling()).plant(o.planted) : () => {};
  return { executor: inProcessExecutor(defs, o.planted), unplant };
}

/** A progress line on a terminal; nothing in a log (CI, a pipe), which gets the summary alone. */
function makeProgress(o: CampaignCommandOptions, plan: CampaignPlan): Progress {
  if (!onTerminal(o)) return NO_PROGRESS;
  const share = shareByProperty(plan, o.shard);
  const ids = share === null ? plan.properties : plan.properties.filter((id) => share.has(id));
  const planned: Planned | null = share && {
    runs: new Map([...share].map(([id, jobs]) => [id, jobs.reduce((n, j) => n + j.runs, 0)])),
    jobs: new Map([...share].map(([id, jobs]) => [id, jobs.length])),
  };
  return progressBar({ ids, planned, budgetSeconds: o.time }, process.stdout);
}
