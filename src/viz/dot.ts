import type { MachineEdge } from '../../machines/graph.ts';
import { ANY_STATE, edgeTrigger, machineChart } from './chart-model.ts';
import { wrapText } from './wrap.ts';

/**
 * A machine as Graphviz DOT, optionally painted with machine coverage (machines/inspection.ts):
 * taken edges solid dark green with their count, never-taken edges dashed red, reached states
 * light green. Every edge carries an `id` (`edgeDomId`) and a `class` (`taken`/`untaken`) that
 * survive into the SVG, so an HTML page can style and find them.
 */

/** Seed text per line, and lines of it, in an edge label. */
const seedLineChars = 40;
const seedLinesMax = 3;

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

function edgeLabel(edge: MachineEdge, taken: number | null): string[] {
  const trigger = taken !== null && taken > 0 ? `${edgeTrigger(edge)} (${taken}×)` : edgeTrigger(edge);
  const why = [edge.rule, edge.seed].filter((t) => t !== '').join(' — ');
  return [trigger, ...wrapText(why, seedLineChars, seedLinesMax)];
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
 * `machines/` machine `machineId` as DOT (rankdir LR). `coverage` maps this machine's edge
 * keys (`MachineEdge.key`, machines/graph.ts) to how often a run took them; without it the chart is plain black.
 */
export function machineDot(machineId: string, coverage?: ReadonlyMap<string, number>): string {
  const chart = machineChart(machineId);
  const initial = chart.states.filter((s) => s.initial).map((s) => s.name);
  const reached = coverage ? reachedStates(chart.edges, coverage, initial) : new Set<string>();
  const lines = [
    `digraph ${quoted(machineId)} {`,
    `  graph [rankdir=LR, label=${quoted(machineId)}, labelloc=t, fontname="Helvetica", id=${quoted(machineId)}];`,
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=12];',
    '  edge [fontname="Helvetica", fontsize=9];',
    `  ${INITIAL_NODE} [shape=point, width=0.15, label=""];`,
  ];
  if (chart.edges.some((e) => e.source === '*')) lines.push(`  ${ANY_NODE} [label=${quoted(ANY_STATE)}, style="rounded,dashed", fontcolor=gray30, color=gray30];`);
  for (const s of chart.states) {
    const attrs = [`label=${quoted(s.name)}`, `id=${quoted(stateDomId(machineId, s.name))}`];
    if (s.final) attrs.push('peripheries=2');
    if (reached.has(s.name)) attrs.push('style="rounded,filled"', 'fillcolor="#d8f0d8"', 'class="reached"');
    else if (coverage) attrs.push('class="unreached"');
    lines.push(`  ${quoted(s.name)} [${attrs.join(', ')}];`);
  }
  for (const s of initial) lines.push(`  ${INITIAL_NODE} -> ${quoted(s)};`);

  const ids = new Set<string>();
  for (const e of chart.edges) {
    const id = edgeDomId(machineId, e.key);
    if (ids.has(id)) throw new Error(`${machineId}: two edges share the id ${id}`);
    ids.add(id);
    const taken = coverage ? (coverage.get(e.key) ?? 0) : null;
    const attrs = [`label=${label(edgeLabel(e, taken))}`, `id=${quoted(id)}`];
    if (taken !== null && taken > 0) attrs.push('class="taken"', 'color=darkgreen', 'fontcolor=darkgreen', 'penwidth=1.5');
    else if (taken !== null) attrs.push('class="untaken"', 'style=dashed', 'color=red', 'fontcolor=red');
    const from = e.source === '*' ? ANY_NODE : quoted(e.source);
    for (const t of e.target.split(',')) lines.push(`  ${from} -> ${quoted(t)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
