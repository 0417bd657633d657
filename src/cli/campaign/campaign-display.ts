import { unreachedStates, untakenTransitions } from './coverage-merge.ts';
import type { CampaignSummary, MachineCoverage } from './summary.ts';
import { attentionLines, propertyTable } from './summary-table.ts';
import type { TraceReplay } from './trace-replays.ts';
import { verdictLine } from './verdict-line.ts';
import type { VerdictParts } from './verdict.ts';
import { truncate, width, wrapWords } from '../../terminal/wrap.ts';

/**
 * What `campaign` (and `npm start`) prints around its run (issue #15): a heading, then, once
 * the run is over, one summary: the table (every property once), the properties not ok, the
 * throughput, machine coverage with its gaps, and the verdict line. On a terminal it fits 80
 * columns and, apart from the table, 24 rows; in a log (CI, a pipe) lines stay whole and the
 * gap lists complete, since a log has no height and grep wants one line per fact.
 */
export interface Layout {
  /** Line width; null: a log, lines are not wrapped. */
  readonly columns: number | null;
  /** Rows of the list of what was never reached (failed traces, witnesses, states, transitions), `… and N more` included. */
  readonly listMax: number;
}

export const LOG_LAYOUT: Layout = { columns: null, listMax: Number.POSITIVE_INFINITY };

/** Three rows of what was never reached: with a failure, a partial and a not-run property, the summary still fits 24 rows. */
export function terminalLayout(columns: number): Layout {
  return { columns, listMax: 3 };
}

export interface HeadingInput {
  readonly properties: number;
  /** Properties with jobs in this shard (null: not sharded). */
  readonly inShard: number | null;
  readonly shard: { readonly index: number; readonly count: number };
  readonly runs: number | null;
  readonly timeSeconds: number | null;
  readonly seed: number;
  readonly planHash: string;
  readonly workers: number;
}

/** `Campaign: 41 properties × 150 runs, seed 20261125, plan 1872f578bfcc, 2 workers`. */
export function headingLines(h: HeadingInput, layout: Layout): string[] {
  const budget = h.runs !== null ? ` × ${h.runs} runs` : ', open-ended';
  const time = h.timeSeconds !== null ? `, at most ${h.timeSeconds} s` : '';
  const shard = h.shard.count === 1 ? '' : `, shard ${h.shard.index}/${h.shard.count} (${h.inShard ?? h.properties} properties with jobs)`;
  const workers = h.workers === 0 ? 'in this thread' : `${h.workers} worker${h.workers === 1 ? '' : 's'}`;
  return wrapWords(`Campaign: ${h.properties} properties${budget}${time}, seed ${h.seed}, plan ${h.planHash.slice(0, 12)}${shard}, ${workers}`, layout.columns);
}

export interface ResultsInput {
  readonly summary: CampaignSummary;
  readonly millis: number;
  readonly traces: readonly TraceReplay[];
  /** False for a partial run (--only, --shard): no traces replayed, gaps listed for the machines it touched only. */
  readonly tracesReplayed: boolean;
  readonly requireCoverage: boolean;
  readonly planted?: string | undefined;
  /** Where every gap is listed when a list is cut (campaign.json), or null. */
  readonly fullListsIn: string | null;
}

/** The summary: table, properties not ok, throughput and traces, machine coverage, then what was never reached. */
export function resultLines(r: ResultsInput, layout: Layout): string[] {
  const s = r.summary;
  const commands = s.totals.commands;
  const pace = `${commands} model commands in ${(r.millis / 1000).toFixed(1)} s (${Math.round(commands / (r.millis / 1000))} per second)`;
  const bad = r.traces.filter((t) => t.exitCode !== 0);
  const traces = r.tracesReplayed ? `${r.traces.length - bad.length}/${r.traces.length} traces replayed ok` : 'traces not replayed (a partial run: --only or --shard)';
  // A partial run (--only, a shard) counts the machines it did not touch apart and lists the gaps of those it touched.
  const partial = !r.requireCoverage && !r.tracesReplayed;
  const touched = s.coverage.filter((m) => !partial || m.edges.some((e) => e.taken > 0));
  const missed = [
    ...bad.map((t) => `  FAIL ${t.file}: ${t.firstProblem ?? `exit ${t.exitCode}`}`),
    ...s.witnessesMissed.map((w) => `  witness never reached: ${w}`),
    ...unreachedStates(touched).map((x) => `  state never reached: ${x}`),
    ...untakenTransitions(touched).map((x) => `  transition never taken: ${x}`),
  ];
  return [
    ...propertyTable(s.properties).split('\n'),
    ...attentionLines(s.properties, r.planted, layout.columns),
    '',
    ...joinIfFits(pace, traces, layout.columns),
    ...coverageSummary(s.coverage, new Set(touched.map((m) => m.machine))).flatMap((l) => wrapWords(l, layout.columns, '    ')),
    ...upTo(missed, layout, (n) => `  … and ${n} more${r.fullListsIn ? ` (all in ${r.fullListsIn})` : ''}`),
  ];
}

/**
 * `Machine coverage: complete: a, b; not touched: c` (properties and traces together), then
 * a line of counts for each other machine; its gaps are listed below.
 */
function coverageSummary(coverage: readonly MachineCoverage[], touched: ReadonlySet<string>): string[] {
  const taken = (m: MachineCoverage): number => m.edges.filter((e) => e.taken > 0).length;
  const complete = coverage.filter((m) => m.statesReached.length === m.states.length && taken(m) === m.edges.length);
  const open = coverage.filter((m) => touched.has(m.machine) && !complete.includes(m));
  const untouched = coverage.filter((m) => !touched.has(m.machine));
  const apart = [complete.length ? `complete: ${complete.map((m) => m.machine).join(', ')}` : '', untouched.length ? `not touched: ${untouched.map((m) => m.machine).join(', ')}` : ''];
  return [
    `Machine coverage${apart.some(Boolean) ? `: ${apart.filter(Boolean).join('; ')}` : ''}`,
    ...open.map((m) => `  ${m.machine.padEnd(14)} states ${m.statesReached.length}/${m.states.length}, transitions ${taken(m)}/${m.edges.length}`),
  ];
}

/** `wrote …`, a blank line, then the verdict line (spec/campaign.md): wrapped on a terminal only. */
export function closingLines(wrote: string | null, verdict: VerdictParts, exitCode: number, layout: Layout): string[] {
  return [...(wrote ? [`wrote ${wrote}`] : []), '', ...wrapWords(verdictLine(verdict, exitCode), layout.columns)];
}

/**
 * The lines fitted to `layout.columns`, in at most `layout.listMax` rows: the first ones whole
 * (wrapped), then how many more.
 */
function upTo(lines: readonly string[], layout: Layout, more: (n: number) => string): string[] {
  const rows = lines.map((l) => wrapWords(l, layout.columns, '      '));
  if (rows.flat().length <= layout.listMax) return rows.flat();
  const shown: string[] = [];
  let n = 0;
  while (n < rows.length && shown.length + rows[n]!.length <= layout.listMax - 1) shown.push(...rows[n++]!);
  return [...shown, truncate(more(lines.length - n), layout.columns)];
}

/** One row on a terminal when both fit in it; two lines otherwise, and in a log. */
function joinIfFits(a: string, b: string, columns: number | null): string[] {
  const joined = `${a}; ${b}`;
  return columns !== null && width(joined) <= columns ? [joined] : [a, b];
}
