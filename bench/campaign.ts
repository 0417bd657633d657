/**
 * campaign.commandsPerSecond: the campaign's model commands per second over the local-copy
 * and remote-copy properties, run as `npm start` runs them (jobs of 25 runs on worker
 * threads, one per core up to 4, the machine-coverage sink on), as a ratio to a trivial model
 * (a counter with an increment command and a one-comparison check) run by fast-check's
 * `fc.commands`/`fc.modelRun` on one thread in the same process: issue #11's measure ("about
 * 25,000 model commands a second on 2 cores" is 0.02). `campaign.commandsPerSecond.perThread`
 * is the same jobs on this one thread against the same baseline: what one model command costs
 * over fast-check's own work (host I/O on RAID with real parity, the copy processes, the
 * scoped reference checks of spec/checking.md).
 */
import { availableParallelism } from 'node:os';
import fc from 'fast-check';
import type { Figure } from './figure.ts';
import { round } from './timing.ts';
import { runCampaign } from '../src/cli/campaign/run-campaign.ts';
import { runJob } from '../src/cli/campaign/run-job.ts';
import { chunkSeed } from '../src/cli/campaign/job-plan.ts';
import { workerExecutor } from '../src/cli/campaign/worker-pool.ts';
import { PROPERTIES } from '../properties/index.ts';

const PROPERTY_IDS = ['LC-R-0.allRequests', 'LC-INV-1.pointInTime', 'RC-INV-1.noAckLost', 'RC-INV-2.copyPrefix'];
const RUNS = 100;
const CHUNK_RUNS = 25;
const SEED = 20261125;

interface Rate {
  readonly commands: number;
  readonly seconds: number;
  readonly runs: number;
}

/** The campaign's jobs for the chosen properties, one after another on this thread. */
async function onThisThread(): Promise<Rate> {
  let commands = 0;
  let runs = 0;
  const t0 = performance.now();
  for (const id of PROPERTY_IDS) {
    const def = PROPERTIES.find((d) => d.id === id)!;
    for (let chunk = 0; chunk * CHUNK_RUNS < RUNS; chunk++) {
      const r = await runJob(def, { index: chunk, property: id, chunk, seed: chunkSeed(SEED, id, chunk), runs: CHUNK_RUNS });
      if (r.failure) throw new Error(`${id} failed in the bench: ${r.failure.message}`);
      commands += r.commands;
      runs += r.runs;
    }
  }
  return { commands, seconds: (performance.now() - t0) / 1000, runs };
}

/** The same jobs as the campaign runs them: on worker threads (their start-up is not counted). */
async function onWorkers(workers: number): Promise<Rate> {
  const defs = PROPERTIES.filter((d) => PROPERTY_IDS.includes(d.id));
  const pool = workerExecutor(workers);
  try {
    await runCampaign(defs.slice(0, 1), pool, { seed: SEED + 1, runs: workers, chunkRuns: 1 }); // warm every worker
    const t0 = performance.now();
    const run = await runCampaign(defs, pool, { seed: SEED, runs: RUNS, chunkRuns: CHUNK_RUNS });
    const seconds = (performance.now() - t0) / 1000;
    const failed = run.properties.find((p) => p.failure);
    if (failed) throw new Error(`${failed.id} failed in the bench: ${failed.failure!.message}`);
    return { commands: run.properties.reduce((n, p) => n + p.commands, 0), seconds, runs: run.properties.reduce((n, p) => n + p.runs, 0) };
  } finally {
    await pool.close();
  }
}

class Counter {
  n = 0;
}

class Increment implements fc.Command<Counter, Counter> {
  check(): boolean {
    return true;
  }
  run(m: Counter, r: Counter): void {
    m.n++;
    r.n++;
    if (m.n !== r.n) throw new Error('diverged');
  }
  toString(): string {
    return 'increment';
  }
}

/** The trivial model through fc.commands and fc.modelRun until about `total` commands ran. */
function trivialCommands(total: number, perRun: number): Rate {
  let commands = 0;
  let runs = 0;
  const t0 = performance.now();
  for (let batch = 0; commands < total; batch++) {
    fc.assert(
      fc.property(fc.commands([fc.constant(new Increment())], { maxCommands: perRun, size: 'max' }), (cmds) => {
        fc.modelRun(() => ({ model: new Counter(), real: new Counter() }), cmds);
        commands += [...cmds].length;
        runs++;
      }),
      { numRuns: 50, seed: SEED + batch },
    );
  }
  return { commands, seconds: (performance.now() - t0) / 1000, runs };
}

const perSecond = (r: Rate): number => r.commands / r.seconds;

export async function campaignFigures(): Promise<Figure[]> {
  const workers = Math.min(availableParallelism(), 4);
  const thread = await onThisThread();
  const cores = await onWorkers(workers);
  const trivial = trivialCommands(thread.commands, Math.round(thread.commands / thread.runs));
  const baseline = 'the trivial counter model under fc.commands/fc.modelRun on one thread, same run';
  const detail = {
    properties: PROPERTY_IDS,
    runsPerProperty: RUNS,
    commands: thread.commands,
    commandsPerRun: Math.round(thread.commands / thread.runs),
    trivialCommandsPerSecond: Math.round(perSecond(trivial)),
  };
  return [
    {
      id: 'campaign.commandsPerSecond',
      ratio: round(perSecond(cores) / perSecond(trivial), 4),
      baseline,
      target: 0.02,
      better: 'higher',
      detail: { ...detail, workers, campaignCommandsPerSecond: Math.round(perSecond(cores)) },
    },
    {
      id: 'campaign.commandsPerSecond.perThread',
      ratio: round(perSecond(thread) / perSecond(trivial), 4),
      baseline,
      target: 0,
      better: 'higher',
      detail: { ...detail, campaignCommandsPerSecond: Math.round(perSecond(thread)) },
    },
  ];
}
