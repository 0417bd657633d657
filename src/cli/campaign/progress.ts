import cliProgress from 'cli-progress';
import { type PropertyTally, tallyStatus } from './run-campaign.ts';
import { type PropertyStatus, statusLabel } from './status.ts';

/** How the campaign shows its progress: bars on a terminal, a line per finished property otherwise. */
export interface Progress {
  update(t: PropertyTally): void;
  /** The settled tallies: every property's bar or line ends with its status (never "ok" without runs). */
  stop(settled: readonly PropertyTally[]): void;
}

interface Terminal {
  readonly rows: number;
  readonly columns: number;
}

/** A shard's share: runs and jobs planned per property (null: an open-ended plan). */
export interface Planned {
  readonly runs: ReadonlyMap<string, number>;
  readonly jobs: ReadonlyMap<string, number>;
}

/** Runs shown for a property: started ones (shrinking included) once they outnumber the finished. */
function runsOf(t: PropertyTally, total: number | undefined): number {
  const runs = Math.max(t.runsStarted, t.runs);
  return total === undefined ? runs : Math.min(runs, total);
}

/** While running: nothing started yet is `waiting`, never ok; `ok` only once every planned job ran. */
export function liveLabel(t: PropertyTally, plannedJobs: number | undefined): string {
  if (t.failure) return 'FAILED';
  if (t.jobs === 0 && t.runsStarted === 0) return 'waiting';
  return plannedJobs !== undefined && t.jobs >= plannedJobs ? 'ok' : 'running';
}

function finalLabel(s: PropertyStatus): string {
  return s === 'failed' ? 'FAILED' : statusLabel(s);
}

/** The line said of a settled property: `  ok      ID (25 runs, 890 commands)`, `  not run ID`, `  FAIL    ID: message`. */
function finalLine(t: PropertyTally, s: PropertyStatus): string {
  const label = statusLabel(s).padEnd(7);
  if (s === 'failed') return `  ${label} ${t.id}: ${t.failure?.message.slice(0, 160) ?? ''}\n`;
  if (s === 'notRun') return `  ${label} ${t.id}\n`;
  const planned = t.planned?.reduce((n, j) => n + j.runs, 0);
  return `  ${label} ${t.id} (${t.runs}${s === 'partial' ? ` of ${planned}` : ''} runs, ${t.commands} commands)\n`;
}

/**
 * On a terminal tall enough for one bar per property: the property id, its bar, runs done of
 * the shard's runs (or, under an open-ended plan, the runs so far), model commands, status.
 * Otherwise one overall bar, with a line above it as each property finishes.
 */
export function progressBars(ids: readonly string[], planned: Planned | null, term: Terminal): Progress {
  return term.rows >= ids.length + 6 && term.columns >= 100 ? barPerProperty(ids, planned) : overallBar(ids, planned);
}

function barPerProperty(ids: readonly string[], planned: Planned | null): Progress {
  const width = Math.max(0, ...ids.map((id) => id.length));
  const format = planned
    ? ' {id} {bar} {value}/{total} runs | {commands} commands | {status}'
    : ' {id} {value} runs | {commands} commands | {status}';
  const multi = new cliProgress.MultiBar({ format, barsize: 20, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const bars = new Map(ids.map((id) => [id, multi.create(planned?.runs.get(id) ?? 0, 0, { id: id.padEnd(width), commands: 0, status: 'waiting' })]));
  let updates = 0;
  return {
    update: (t) => {
      bars.get(t.id)?.update(runsOf(t, planned?.runs.get(t.id)), { id: t.id.padEnd(width), commands: t.commands, status: liveLabel(t, planned?.jobs.get(t.id)) });
      if (++updates % 20 === 0) multi.update(); // runs in this thread block the timer: redraw now and then
    },
    stop: (settled) => {
      for (const t of settled) bars.get(t.id)?.update(runsOf(t, planned?.runs.get(t.id)), { id: t.id.padEnd(width), commands: t.commands, status: finalLabel(tallyStatus(t)) });
      multi.update();
      multi.stop();
    },
  };
}

function overallBar(ids: readonly string[], planned: Planned | null): Progress {
  const total = planned ? [...planned.runs.values()].reduce((a, b) => a + b, 0) : 0;
  const format = planned ? ' {bar} {value}/{total} runs | {done}/{count} properties | {failed} failed' : ' {value} runs | {failed} failed';
  const multi = new cliProgress.MultiBar({ format, barsize: 30, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const bar = multi.create(total, 0, { done: 0, count: ids.length, failed: 0 });
  const runs = new Map<string, number>();
  const lines = progressLines(planned?.jobs ?? null, (line) => multi.log(line));
  const failed = new Set<string>();
  let updates = 0;
  let done = 0;
  return {
    update: (t) => {
      runs.set(t.id, runsOf(t, planned?.runs.get(t.id)));
      if (t.failure) failed.add(t.id);
      if (lines.said(t)) done++;
      bar.update([...runs.values()].reduce((a, b) => a + b, 0), { done, count: ids.length, failed: failed.size });
      if (++updates % 20 === 0) multi.update();
    },
    stop: (settled) => {
      lines.stop(settled);
      multi.update();
      multi.stop();
    },
  };
}

/** Without a terminal: a line when a property has run all its planned jobs or failed; at the end, one for each of the rest. */
export function progressLines(plannedJobs: ReadonlyMap<string, number> | null, write: (line: string) => void): Progress & { said(t: PropertyTally): boolean } {
  const said = new Set<string>();
  const say = (t: PropertyTally, s: PropertyStatus): void => {
    said.add(t.id);
    write(finalLine(t, s));
  };
  /** True when this update finished the property (its line was written now). */
  const finished = (t: PropertyTally): boolean => {
    if (said.has(t.id)) return false;
    const planned = plannedJobs?.get(t.id);
    if (t.failure) say(t, 'failed');
    else if (planned !== undefined && t.jobs >= planned) say(t, 'ok');
    return said.has(t.id);
  };
  return {
    said: finished,
    update: (t) => void finished(t),
    stop: (settled) => {
      for (const t of settled) if (!said.has(t.id)) say(t, tallyStatus(t));
    },
  };
}
