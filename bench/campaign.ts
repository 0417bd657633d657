/**
 * campaign.commandsPerSecond: the campaign's model commands per second over the local-copy
 * and remote-copy properties (the jobs `npm start` runs: src/cli/campaign/run-job.ts, with
 * the machine-coverage sink on), as a ratio to the same number of commands of a trivial model
 * (a counter with an increment command and a one-comparison check) run by fast-check's
 * `fc.commands`/`fc.modelRun` in the same process. It shows what a model command costs over
 * fast-check's own per-command work: host I/O on RAID with real parity, the copy processes,
 * and the reference checks each command does. Reported, not gated (target 0: any rate).
 */
import fc from 'fast-check';
import type { Figure } from './figure.ts';
import { round } from './timing.ts';
import { runJob } from '../src/cli/campaign/run-job.ts';
import { chunkSeed } from '../src/cli/campaign/job-plan.ts';
import { PROPERTIES } from '../properties/index.ts';

const PROPERTY_IDS = ['LC-R-0.allRequests', 'LC-INV-1.pointInTime', 'RC-INV-1.noAckLost', 'RC-INV-2.copyPrefix'];
const RUNS = 40;
const SEED = 20261125;

/** The campaign's jobs for the chosen properties: commands executed and seconds taken. */
async function campaignCommands(): Promise<{ commands: number; seconds: number; runs: number }> {
  let commands = 0;
  let runs = 0;
  const t0 = performance.now();
  for (const id of PROPERTY_IDS) {
    const def = PROPERTIES.find((d) => d.id === id)!;
    const r = await runJob(def, { index: 0, property: id, chunk: 0, seed: chunkSeed(SEED, id, 0), runs: RUNS });
    if (r.failure) throw new Error(`${id} failed in the bench: ${r.failure.message}`);
    commands += r.commands;
    runs += r.runs;
  }
  return { commands, seconds: (performance.now() - t0) / 1000, runs };
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

/** The trivial model through fc.commands and fc.modelRun until about `total` commands ran: commands run and seconds. */
function trivialCommands(total: number, perRun: number): { commands: number; seconds: number } {
  let commands = 0;
  const t0 = performance.now();
  for (let batch = 0; commands < total; batch++) {
    fc.assert(
      fc.property(fc.commands([fc.constant(new Increment())], { maxCommands: perRun, size: 'max' }), (cmds) => {
        fc.modelRun(() => ({ model: new Counter(), real: new Counter() }), cmds);
        commands += [...cmds].length;
      }),
      { numRuns: 50, seed: SEED + batch },
    );
  }
  return { commands, seconds: (performance.now() - t0) / 1000 };
}

export async function campaignFigures(): Promise<Figure[]> {
  const campaign = await campaignCommands();
  const perRun = Math.round(campaign.commands / campaign.runs);
  const trivial = trivialCommands(campaign.commands, perRun);
  const campaignRate = campaign.commands / campaign.seconds;
  const trivialRate = trivial.commands / trivial.seconds;
  return [
    {
      id: 'campaign.commandsPerSecond',
      ratio: round(campaignRate / trivialRate, 4),
      baseline: 'the same number of commands of a trivial counter model under fc.commands/fc.modelRun',
      target: 0,
      better: 'higher',
      detail: {
        properties: PROPERTY_IDS,
        runsPerProperty: RUNS,
        commands: campaign.commands,
        commandsPerRun: perRun,
        campaignCommandsPerSecond: Math.round(campaignRate),
        trivialCommandsPerSecond: Math.round(trivialRate),
      },
    },
  ];
}
