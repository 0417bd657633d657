import Table from 'cli-table3';
import { statusLabel } from './status.ts';
import type { CampaignSummary, MachineCoverage, PropertySummary } from './summary.ts';
import { truncate, wrapCommand, wrapUnits, wrapWordsUpTo } from '../../terminal/wrap.ts';

/** Witnesses reached out of those named, e.g. `2/3`; `—` when the property names none. */
export function witnessCell(p: PropertySummary): string {
  const counts = Object.values(p.witnesses);
  return counts.length === 0 ? '—' : `${counts.filter((n) => n > 0).length}/${counts.length}`;
}

/**
 * The one listing of every property (fits 80 columns with the longest property id, 29
 * characters, up to 4-digit runs and 8-digit commands): numbers right-aligned, each
 * property's status in the last column.
 */
export function propertyTable(properties: readonly PropertySummary[]): string {
  // Text cells carry a space on the left and numbers one on the right: every value sits inside its cell.
  const text = (v: string) => ` ${v}`;
  const num = (v: string | number) => `${v} `;
  const table = new Table({
    head: [text('property'), num('runs'), num('commands'), num('states'), num('trans.'), num('witn.'), text('result')],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const p of properties) {
    // A property that drives a component directly (no command sequences) counts no commands.
    table.push([text(p.id), num(p.runs), num(p.commands || '—'), num(p.statesReached), num(p.transitionsReached), num(witnessCell(p)), text(statusLabel(p.status))]);
  }
  return table.toString();
}

const LABEL_WIDTH = 7;
const DETAIL = '    ';

/** A failure's replay token, replay command, counterexample and saved trace, fitted to `columns` (null: whole lines). */
export function failureLines(p: PropertySummary, planted: string | undefined, columns: number | null): string[] {
  const f = p.failure!;
  // Each option with its value: a wrapped command never leaves a flag without it.
  const replay = ['npx tsx src/cli.ts replay', `--property ${p.id}`, `--seed ${f.seed}`, `--path "${f.path}"`, ...(planted ? [`--plant ${planted}`] : [])];
  const lines = [
    ...wrapWordsUpTo(`  ${statusLabel('failed').padEnd(LABEL_WIDTH)} ${p.id}: ${f.message}`, columns, 2, DETAIL),
    ...wrapUnits([`${DETAIL}replay token:`, `{ seed: ${f.seed},`, `path: "${f.path}",`, 'endOnFailure: true }'], columns, `${DETAIL}  `),
    ...wrapCommand([`${DETAIL}replay:`, ...replay], columns, `${DETAIL}  `),
    // Whole in campaign.json and in the saved trace; one line here.
    truncate(`${DETAIL}counterexample: ${f.counterexample.split('\n')[0]!.slice(0, 300)}`, columns),
  ];
  if (!f.regression) return [...lines, `${DETAIL}not saved`];
  return [...lines, ...wrapCommand([`${DETAIL}saved, explain it:`, 'npx tsx src/cli.ts replay', f.regression], columns, `${DETAIL}  `)];
}

/**
 * What the table's status column cannot say, for each property not ok (plan order): a
 * failure's replay details, a partial property's runs of planned, a property that never ran.
 */
export function attentionLines(properties: readonly PropertySummary[], planted: string | undefined, columns: number | null): string[] {
  return properties.flatMap((p) => {
    const label = `  ${statusLabel(p.status).padEnd(LABEL_WIDTH)} ${p.id}`;
    if (p.status === 'failed') return failureLines(p, planted, columns);
    if (p.status === 'partial') return [`${label}: ${p.runs} of ${p.plannedRuns} planned runs`];
    if (p.status === 'notRun') return [label];
    return [];
  });
}

/** The table, then the properties not ok (merge prints this; the campaign its display, campaign-display.ts). */
export function summaryTable(s: Pick<CampaignSummary, 'properties'>, planted?: string): string {
  return [propertyTable(s.properties), ...attentionLines(s.properties, planted, null)].join('\n');
}

/** One line per machine: states and transitions reached out of the graph's. */
export function coverageLines(coverage: readonly MachineCoverage[]): string[] {
  return coverage.map((m) => {
    const taken = m.edges.filter((e) => e.taken > 0).length;
    return `  ${m.machine.padEnd(14)} states ${m.statesReached.length}/${m.states.length}, transitions ${taken}/${m.edges.length}`;
  });
}
