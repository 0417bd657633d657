import type { MachineEdge } from '../../machines/graph.ts';
import { ANY_STATE, edgeTrigger, machineChart } from './chart-model.ts';

/**
 * A machine as Mermaid `stateDiagram-v2` text, for the charts embedded in spec/ (GitHub renders
 * them). Root transitions start from one dashed "any state" box instead of from every state.
 */

const ANY_STATE_ID = 'anyState';

/**
 * Text Mermaid takes after a transition's colon: its lexer ends a description at `:`, `;` or a
 * newline, and `#`, `%`, `<`, `>` start entities, comments or HTML.
 */
function mermaidSafe(text: string): string {
  return text.replace(/[:;#%<>\n\r]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** An edge's Mermaid label: `EVENT [guard] · RULE` (the rule left out when the edge has none). */
export function mermaidLabel(edge: MachineEdge): string {
  return mermaidSafe(edge.rule ? `${edgeTrigger(edge)} · ${edge.rule}` : edgeTrigger(edge));
}

/** A Mermaid state id for a state name: letters, digits and `_` only. */
function mermaidId(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** `machines/` machine `machineId` as a Mermaid `stateDiagram-v2` (no fence). */
export function machineMermaid(machineId: string): string {
  const chart = machineChart(machineId);
  const ids = new Map(chart.states.map((s) => [s.name, mermaidId(s.name)]));
  if (new Set(ids.values()).size !== ids.size) throw new Error(`${machineId}: two states share a Mermaid id`);
  if ([...ids.values()].includes(ANY_STATE_ID)) throw new Error(`${machineId}: a state is named ${ANY_STATE_ID}`);
  const rootEdges = chart.edges.some((e) => e.source === '*');
  const idOf = (name: string): string => (name === '*' ? ANY_STATE_ID : (ids.get(name) ?? mermaidId(name)));

  const lines = ['stateDiagram-v2'];
  for (const s of chart.states) if (ids.get(s.name) !== s.name) lines.push(`  state "${s.name}" as ${ids.get(s.name)}`);
  if (rootEdges) lines.push(`  state "${ANY_STATE}" as ${ANY_STATE_ID}`);
  for (const s of chart.states) if (s.initial) lines.push(`  [*] --> ${idOf(s.name)}`);
  for (const e of chart.edges) {
    for (const target of e.target.split(',')) lines.push(`  ${idOf(e.source)} --> ${idOf(target)} : ${mermaidLabel(e)}`);
  }
  for (const s of chart.states) if (s.final) lines.push(`  ${idOf(s.name)} --> [*]`);
  if (rootEdges) {
    lines.push('  classDef pseudo fill:none,stroke-dasharray:4 4');
    lines.push(`  class ${ANY_STATE_ID} pseudo`);
  }
  return `${lines.join('\n')}\n`;
}
