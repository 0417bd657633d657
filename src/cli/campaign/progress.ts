import cliProgress from 'cli-progress';
import type { PropertyTally } from './run-campaign.ts';

/** How the campaign shows its progress: bars on a terminal, a line per finished property otherwise. */
export interface Progress {
  update(t: PropertyTally): void;
  stop(): void;
}

/**
 * One bar per property: runs done of the shard's runs (or, under a time budget, the runs so
 * far), model commands executed, failures. Runs are synchronous in-process, so redraws are forced.
 */
export function progressBars(ids: readonly string[], plannedRuns: ReadonlyMap<string, number> | null): Progress {
  const format = plannedRuns
    ? ' {bar} {value}/{total} runs | {commands} commands | {failures} | {id}'
    : ' {value} runs | {commands} commands | {failures} | {id}';
  const multi = new cliProgress.MultiBar({ format, hideCursor: true, clearOnComplete: false, noTTYOutput: false }, cliProgress.Presets.shades_classic);
  const bars = new Map(ids.map((id) => [id, multi.create(plannedRuns?.get(id) ?? 0, 0, { id, commands: 0, failures: 'ok' })]));
  let updates = 0;
  return {
    update: (t) => {
      const total = plannedRuns?.get(t.id);
      const runs = Math.max(t.runsStarted, t.runs);
      bars.get(t.id)?.update(total === undefined ? runs : Math.min(runs, total), {
        id: t.id,
        commands: t.commands,
        failures: t.failure ? 'FAILED' : 'ok',
      });
      if (++updates % 20 === 0) multi.update();
    },
    stop: () => {
      multi.update();
      multi.stop();
    },
  };
}

/** Without a terminal: a line when a property has run all its jobs or failed. */
export function progressLines(plannedJobs: ReadonlyMap<string, number>, write: (line: string) => void): Progress {
  const said = new Set<string>();
  return {
    update: (t) => {
      if (said.has(t.id)) return;
      const planned = plannedJobs.get(t.id);
      if (!t.failure && (planned === undefined || t.jobs < planned)) return;
      said.add(t.id);
      write(`  ${t.failure ? 'FAIL' : 'ok  '} ${t.id} (${t.runs} runs, ${t.commands} commands)\n`);
    },
    stop: () => {},
  };
}
