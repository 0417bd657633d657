import type { MachineEdge } from '../../machines/graph.ts';
import { ANY_STATE, edgeTrigger, type Chart } from './chart-model.ts';
import { wrapText } from './wrap.ts';

/**
 * What a chart keeps off its arrows (issue #15): each transition's rule and seed step, in the
 * edge's SVG tooltip and in a table under the chart, so an arrow reads `EVENT [guard]` only.
 */

/** Seed text per line of a table cell; a cell is never cut. */
const seedLineChars = 48;
const seedLinesMax = 8;

/** The state an edge leaves, as drawn: a root transition leaves "any state". */
export function edgeFrom(edge: MachineEdge): string {
  return edge.source === '*' ? ANY_STATE : edge.source;
}

function takenText(taken: number | null): string | null {
  if (taken === null) return null;
  return taken > 0 ? `taken ${taken}×` : 'never taken';
}

/** An edge's tooltip: what fires it, where it goes, its rule and seed step, and its coverage when known. */
export function edgeTooltip(edge: MachineEdge, taken: number | null): string {
  const why = [edge.rule, edge.seed].filter((t) => t !== '').join(' — ');
  const lines = [`${edgeTrigger(edge)}: ${edgeFrom(edge)} → ${edge.target.split(',').join(', ')}`, why, takenText(taken)];
  return lines.filter((l) => l !== null && l !== '').join('\n');
}

/** Text for a Graphviz HTML-like label. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cell(lines: readonly string[], bold = false): string {
  const body = lines.map((l) => (bold ? `<B>${html(l)}</B>` : html(l))).join('<BR ALIGN="LEFT"/>');
  return `<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">${body}</TD>`;
}

/** The header row, then one row per edge: event, guard, from, to, rule, seed step (and times taken, with coverage). */
function rows(chart: Chart, coverage: ReadonlyMap<string, number> | undefined): string[] {
  const head = ['event', 'guard', 'from', 'to', 'rule', 'seed step', ...(coverage ? ['taken'] : [])];
  const header = `<TR>${head.map((h) => cell([h], true)).join('')}</TR>`;
  return [header, ...chart.edges.map((e) => {
    const cells = [
      cell([e.event]),
      cell([e.guard ?? '']),
      cell([edgeFrom(e)]),
      cell([e.target.split(',').join(', ')]),
      cell([e.rule]),
      cell(wrapText(e.seed, seedLineChars, seedLinesMax)),
      ...(coverage ? [cell([String(coverage.get(e.key) ?? 0)])] : []),
    ];
    return `<TR>${cells.join('')}</TR>`;
  })];
}

/** The transition table of `chart` as a DOT HTML-like label (`<…>`), for the graph's label under the chart. */
export function transitionTable(chart: Chart, coverage?: ReadonlyMap<string, number>): string {
  return `<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4" COLOR="gray70">${rows(chart, coverage).join('')}</TABLE>>`;
}
