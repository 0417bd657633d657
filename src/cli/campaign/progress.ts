import cliProgress from 'cli-progress';
import type { PropertyTally } from './run-campaign.ts';

/** How the campaign shows its progress: bars on a terminal, a line per finished property otherwise. */
export interface Progress {
  update(t: PropertyTally): void;
  stop(): void;
}

interface Terminal {
  readonly rows: number;
  readonly columns: number;
}

/** Runs shown for a property: started ones (shrinking included) once they outnumber the finished. */
function runsOf(t: PropertyTally, total: number | undefined): number {
  const runs = Math.max(t.runsStarted, t.runs);
  return total === undefined ? runs : Math.min(runs, total);
}

/**
 * On a terminal tall enough for one bar per property: the property id, its bar, runs done of
 * the shard's runs (or, under a time budget, the runs so far), model commands, failures.
 * Otherwise one overall bar, with a line above it as each property finishes.
 */
export function progressBars(ids: readonly string[], plannedRuns: ReadonlyMap<string, number> | null, term: Terminal): Progress {
  return term.rows >= ids.length + 6 && term.columns >= 100 ? barPerProperty(ids, plannedRuns) : overallBar(ids, plannedRuns);
}

function barPerProperty(ids: readonly string[], plannedRuns: ReadonlyMap<string, number> | null): Progress {
  const width = Math.max(...ids.map((id) => id.length));
  const format = plannedRuns
    ? ' {id} {bar} {value}/{total} runs | {commands} commands | {failures}'
    : ' {id} {value} runs | {commands} commands | {failures}';
  const multi = new cliProgress.MultiBar({ format, barsize: 20, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const bars = new Map(ids.map((id) => [id, multi.create(plannedRuns?.get(id) ?? 0, 0, { id: id.padEnd(width), commands: 0, failures: 'ok' })]));
  let updates = 0;
  return {
    update: (t) => {
      bars.get(t.id)?.update(runsOf(t, plannedRuns?.get(t.id)), { id: t.id.padEnd(width), commands: t.commands, failures: t.failure ? 'FAILED' : 'ok' });
      if (++updates % 20 === 0) multi.update(); // runs in this thread block the timer: redraw now and then
    },
    stop: () => {
      multi.update();
      multi.stop();
    },
  };
}

function overallBar(ids: readonly string[], plannedRuns: ReadonlyMap<string, number> | null): Progress {
  const total = plannedRuns ? [...plannedRuns.values()].reduce((a, b) => a + b, 0) : 0;
  const format = plannedRuns ? ' {bar} {value}/{total} runs | {done}/{count} properties | {failed} failed' : ' {value} runs | {failed} failed';
  const multi = new cliProgress.MultiBar({ format, barsize: 30, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const bar = multi.create(total, 0, { done: 0, count: ids.length, failed: 0 });
  const runs = new Map<string, number>();
  const said = new Set<string>();
  const failed = new Set<string>();
  let updates = 0;
  return {
    update: (t) => {
      runs.set(t.id, runsOf(t, plannedRuns?.get(t.id)));
      if (t.failure) failed.add(t.id);
      const finished = t.failure !== null || (plannedRuns !== null && t.runs >= (plannedRuns.get(t.id) ?? 0));
      if (finished && !said.has(t.id)) {
        said.add(t.id);
        multi.log(t.failure ? `  FAIL ${t.id}: ${t.failure.message.slice(0, 120)}\n` : `  ok   ${t.id} (${t.runs} runs, ${t.commands} commands)\n`);
      }
      bar.update([...runs.values()].reduce((a, b) => a + b, 0), { done: said.size, count: ids.length, failed: failed.size });
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
      write(t.failure ? `  FAIL ${t.id}: ${t.failure.message.slice(0, 160)}\n` : `  ok   ${t.id} (${t.runs} runs, ${t.commands} commands)\n`);
    },
    stop: () => {},
  };
}
