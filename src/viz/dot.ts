import type { MachineEdge } from '../../machines/graph.ts';
import { ANY_STATE, machineChart, type Chart } from './chart-model.ts';
import { transitionTable } from './edge-notes.ts';

/**
 * A machine as Graphviz DOT, optionally painted with machine coverage (machines/inspection.ts):
 * taken edges solid dark green with their count, never-taken edges dashed red, reached states
 * light green. Every edge carries an `id` (`edgeDomId`) and a `class` (`taken`/`untaken`) that
 * survive into the SVG, so an HTML page can style and find them. An arrow is labelled with its
 * event and guard only; its rule and seed step are in the table under the chart (issue #15).
 */

/**
 * The face Graphviz measures labels with. Its metrics make Verdana wider than the faces a
 * browser falls back to (DejaVu Sans by 2%, Helvetica and Arial by 10%), so text drawn in any
 * of them stays inside the box laid out for it (svg.ts names the fallbacks).
 */
export const CHART_FONT = 'Verdana';
/** Label sizes in points (1 pt = 4/3 CSS px): an edge label is 13.3 px on screen at the SVG's own size. */
const nodeFontPt = 12;
const edgeFontPt = 10;
const titleFontPt = 14;

const ANY_NODE = '__any';
const INITIAL_NODE = '__initial';

function escaped(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ');
}

/** A DOT double-quoted string. */
function quoted(text: string): string {
  return `"${escaped(text)}"`;
}

/** A DOT label of several centred lines. */
function label(lines: readonly string[]): string {
  return `"${lines.map(escaped).join('\\n')}"`;
}

/**
 * The SVG element id of an edge of machine `machineId`: the machine id and the edge key joined
 * by `__`, with `*` read as `any`, `|` and `[` as `__`, `]` dropped, `,` as `_and_` and anything
 * else not a letter, digit or `_` as `_` (no `-`: Graphviz writes it as `&#45;`). Unique per
 * machine (checked when drawing).
 */
export function edgeDomId(machineId: string, key: string): string {
  const body = key
    .replace(/\*/g, 'any')
    .replace(/[|[]/g, '__')
    .replace(/]/g, '')
    .replace(/,/g, '_and_')
    .replace(/[^A-Za-z0-9_]/g, '_');
  return `${machineId}__${body}`;
}

/** The SVG element id of state `name` of machine `machineId`. */
export function stateDomId(machineId: string, name: string): string {
  return `${machineId}__state__${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** `EVENT`, then `[guard]` on a line of its own (guard names are long), and the times taken with coverage. */
function edgeLabel(edge: MachineEdge, taken: number | null): string[] {
  const count = taken !== null && taken > 0 ? ` (${taken}×)` : '';
  return edge.guard ? [edge.event, `[${edge.guard}]${count}`] : [`${edge.event}${count}`];
}

/** States reached according to `coverage`: the ends of taken edges, and the initial state once anything was taken. */
function reachedStates(edges: readonly MachineEdge[], coverage: ReadonlyMap<string, number>, initial: readonly string[]): Set<string> {
  const reached = new Set<string>();
  for (const e of edges) {
    if ((coverage.get(e.key) ?? 0) === 0) continue;
    if (e.source !== '*') reached.add(e.source);
    for (const t of e.target.split(',')) reached.add(t);
  }
  if (reached.size > 0) for (const s of initial) reached.add(s);
  return reached;
}

/**
 * The graph's attributes. Issue #15: room between ranks and nodes for labels, labels kept
 * clear of each other (`forcelabels`), the title above the states (a borderless cluster) and
 * the transition table under them (the graph's own label).
 */
function graphLines(chart: Chart, coverage: ReadonlyMap<string, number> | undefined): string[] {
  const font = `fontname=${quoted(CHART_FONT)}`;
  return [
    `  graph [rankdir=LR, id=${quoted(chart.machineId)}, ${font}, fontsize=${edgeFontPt}, nodesep=0.5, ranksep=0.9, pad=0.25, forcelabels=true,`,
    `    labelloc=b, labeljust=l, label=${transitionTable(chart, coverage)}];`,
    `  node [shape=box, style=rounded, ${font}, fontsize=${nodeFontPt}, margin="0.15,0.08"];`,
    `  edge [${font}, fontsize=${edgeFontPt}];`,
  ];
}

function stateLines(chart: Chart, reached: ReadonlySet<string>, painted: boolean): string[] {
  const lines = [`  ${INITIAL_NODE} [shape=point, width=0.15, label=""];`];
  if (chart.edges.some((e) => e.source === '*')) lines.push(`  ${ANY_NODE} [label=${quoted(ANY_STATE)}, style="rounded,dashed", fontcolor=gray30, color=gray30];`);
  for (const s of chart.states) {
    const attrs = [`label=${quoted(s.name)}`, `id=${quoted(stateDomId(chart.machineId, s.name))}`];
    if (s.final) attrs.push('peripheries=2');
    if (reached.has(s.name)) attrs.push('style="rounded,filled"', 'fillcolor="#d8f0d8"', 'class="reached"');
    else if (painted) attrs.push('class="unreached"');
    lines.push(`  ${quoted(s.name)} [${attrs.join(', ')}];`);
  }
  return lines;
}

/**
 * Graphviz stacks a node's loops on one side, the outer ones crossing the inner ones' labels
 * (issue #15): every other loop of a state is drawn under it instead of over it.
 */
function loopSide(loopsBefore: number): string[] {
  return loopsBefore % 2 === 1 ? ['tailport=s', 'headport=s'] : [];
}

function edgeLines(chart: Chart, coverage: ReadonlyMap<string, number> | undefined): string[] {
  const lines: string[] = [];
  const ids = new Set<string>();
  const loops = new Map<string, number>();
  for (const e of chart.edges) {
    const id = edgeDomId(chart.machineId, e.key);
    if (ids.has(id)) throw new Error(`${chart.machineId}: two edges share the id ${id}`);
    ids.add(id);
    const taken = coverage ? (coverage.get(e.key) ?? 0) : null;
    const attrs = [`label=${label(edgeLabel(e, taken))}`, `id=${quoted(id)}`];
    if (taken !== null && taken > 0) attrs.push('class="taken"', 'color=darkgreen', 'fontcolor=darkgreen', 'penwidth=1.5');
    else if (taken !== null) attrs.push('class="untaken"', 'style=dashed', 'color=red', 'fontcolor=red');
    const from = e.source === '*' ? ANY_NODE : quoted(e.source);
    for (const t of e.target.split(',')) {
      const loop = t === e.source ? loopSide(loops.get(t) ?? 0) : [];
      if (t === e.source) loops.set(t, (loops.get(t) ?? 0) + 1);
      lines.push(`  ${from} -> ${quoted(t)} [${[...attrs, ...loop].join(', ')}];`);
    }
  }
  return lines;
}

/**
 * `machines/` machine `machineId` as DOT (rankdir LR). `coverage` maps this machine's edge
 * keys (`MachineEdge.key`, machines/graph.ts) to how often a run took them; without it the chart is plain black.
 */
export function machineDot(machineId: string, coverage?: ReadonlyMap<string, number>): string {
  const chart = machineChart(machineId);
  const initial = chart.states.filter((s) => s.initial).map((s) => s.name);
  const reached = coverage ? reachedStates(chart.edges, coverage, initial) : new Set<string>();
  const lines = [
    `digraph ${quoted(machineId)} {`,
    ...graphLines(chart, coverage),
    `  subgraph ${quoted(`cluster_${machineId}`)} {`,
    `    graph [label=${quoted(machineId)}, labelloc=t, labeljust=l, fontsize=${titleFontPt}, peripheries=0, id=${quoted(`${machineId}__title`)}];`,
    ...stateLines(chart, reached, coverage !== undefined).map((l) => `  ${l}`),
    '  }',
    ...initial.map((s) => `  ${INITIAL_NODE} -> ${quoted(s)};`),
    ...edgeLines(chart, coverage),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
