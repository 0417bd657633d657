import type { PropertyTally } from './run-campaign.ts';
import { width } from '../../terminal/wrap.ts';

/**
 * The one line of the campaign's progress on a terminal (issue #15): a bar, runs done of
 * planned, a property counter that moves and an ETA, e.g.
 * `████░░░░ 1234/6150 runs | properties 12/41 done, 3 running | ETA 1m05s`.
 * Pure: the caller owns the clock, so the line is a function of the tallies and the time.
 */

/** A shard's share: runs and jobs planned per property (null: an open-ended plan). */
export interface Planned {
  readonly runs: ReadonlyMap<string, number>;
  readonly jobs: ReadonlyMap<string, number>;
}

export interface ProgressCounts {
  readonly properties: number;
  /** Properties whose planned jobs all ran, or that failed (they get no more jobs). */
  readonly done: number;
  /** Started and not done. */
  readonly running: number;
  readonly failed: number;
  /** Runs so far (runs of jobs still running included); planned runs still to go (null: open-ended). */
  readonly runs: number;
  readonly runsPlanned: number | null;
  readonly runsLeft: number | null;
}

/** Runs shown for a property: started ones (shrinking included) once they outnumber the finished. */
export function runsOf(t: PropertyTally, total: number | undefined): number {
  const runs = Math.max(t.runsStarted, t.runs);
  return total === undefined ? runs : Math.min(runs, total);
}

/**
 * While running (spec/campaign.md, "Statuses"): nothing started yet is `waiting`, never ok;
 * `ok` only once every planned job ran. The counter counts `ok` and `FAILED` as done.
 */
export function liveLabel(t: PropertyTally, plannedJobs: number | undefined): string {
  if (t.failure) return 'FAILED';
  if (t.jobs === 0 && t.runsStarted === 0) return 'waiting';
  return plannedJobs !== undefined && t.jobs >= plannedJobs ? 'ok' : 'running';
}

/** The counter over the latest tally of each property (none yet: waiting). */
export function progressCounts(ids: readonly string[], latest: ReadonlyMap<string, PropertyTally>, planned: Planned | null): ProgressCounts {
  let done = 0;
  let running = 0;
  let failed = 0;
  let runs = 0;
  let runsLeft = 0;
  for (const id of ids) {
    const t = latest.get(id);
    const total = planned?.runs.get(id);
    const shown = t ? runsOf(t, total) : 0;
    runs += shown;
    if (t?.failure) failed++;
    const label = t ? liveLabel(t, planned?.jobs.get(id)) : 'waiting';
    const finished = label === 'ok' || label === 'FAILED';
    if (finished) done++;
    else if (label === 'running') running++;
    if (!finished) runsLeft += (total ?? 0) - shown; // a failed property's planned runs will not run
  }
  const runsPlanned = planned === null ? null : [...planned.runs.values()].reduce((a, b) => a + b, 0);
  return { properties: ids.length, done, running, failed, runs, runsPlanned, runsLeft: planned === null ? null : runsLeft };
}

/** Runs and time to see before the pace means anything: 2% of the plan and a second. */
const SAMPLE_SHARE = 0.02;
const SAMPLE_MILLIS = 1000;

/**
 * Seconds left: the planned runs to go at the pace since the first run started, no later than
 * the time budget's end (`budgetLeft`, seconds; jobs running then still finish); null (shown
 * as `…`) while there is neither a pace nor a budget.
 */
export function etaSeconds(c: ProgressCounts, sinceFirstRunMillis: number, budgetLeft: number | null): number | null {
  const left = budgetLeft === null ? null : Math.max(0, budgetLeft);
  if (c.runsLeft === null || c.runsPlanned === null) return left;
  if (c.runs === 0 || c.runs < c.runsPlanned * SAMPLE_SHARE || sinceFirstRunMillis < SAMPLE_MILLIS) return left;
  const pace = (sinceFirstRunMillis / 1000 / c.runs) * c.runsLeft;
  return left === null ? pace : Math.min(pace, left);
}

/** `45 s`, `1m05s`, `2h03m`; rounded up, so what is left never reads `0 s`. */
export function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const BAR_MAX = 30;
const BAR_MIN = 8;

function textOf(c: ProgressCounts, left: string): string {
  const runs = c.runsPlanned === null ? `${c.runs} runs` : `${c.runs}/${c.runsPlanned} runs`;
  const failed = c.failed ? `, ${c.failed} failed` : '';
  const properties = c.runsPlanned === null
    ? `properties ${c.done + c.running}/${c.properties} started${failed}` // open-ended: none is ever done
    : `properties ${c.done}/${c.properties} done, ${c.running} running${failed}`;
  return `${runs} | ${properties} | ${left}`;
}

/**
 * The line, at most `columns − 1` wide (a terminal may wrap a line that fills its last column).
 * The bar is runs done of planned; under an open-ended plan, the time budget spent (`timeSpent`,
 * 0..1). Its size is set by the widest text the counts can reach, so it does not jump as they grow.
 */
export function progressLine(c: ProgressCounts, eta: number | null, columns: number, timeSpent: number | null = null): string {
  const text = textOf(c, eta === null ? 'ETA …' : `ETA ${duration(eta)}`);
  const widest = textOf({ ...c, runs: c.runsPlanned ?? c.runs, done: c.properties, running: c.properties }, 'ETA 59m59s');
  const room = columns - 1 - Math.max(width(text), width(widest)) - 1;
  if (room < BAR_MIN) return text.slice(0, Math.max(0, columns - 1));
  const size = Math.min(BAR_MAX, room);
  const spent = c.runsPlanned ? Math.min(c.runs, c.runsPlanned) / c.runsPlanned : (timeSpent ?? 0);
  const filled = Math.round(size * Math.min(1, Math.max(0, spent)));
  return `${'█'.repeat(filled)}${'░'.repeat(size - filled)} ${text}`;
}
