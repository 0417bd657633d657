import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import type { TransitionMeta } from './meta.ts';

/**
 * A machine's graph: its states and its transitions as spec table rows, read once from
 * `xstate/graph`. The spec/machine agreement tests, the state charts (src/viz/), machine
 * coverage (src/cli/campaign/) and the inspector (machines/inspection.ts) all read it here.
 */

/** One transition of a machine as the spec tables list it. `source` "*" is the root. */
export interface TransitionRow {
  readonly source: string;
  readonly event: string;
  readonly target: string;
  readonly guard: string | null;
  readonly rule: string;
  readonly seed: string;
}

/** One edge of a machine's graph: a spec table row (source "*" = defined on the root) with a key stable across processes, `source|EVENT|target[guard]`. */
export interface MachineEdge extends TransitionRow {
  readonly key: string;
}

/** The parts of an XState transition definition an edge is read from (graph edges and inspection microsteps alike). */
export interface TransitionDefinitionLike {
  readonly source: { readonly id: string; readonly machine: { readonly id: string } };
  readonly target?: ReadonlyArray<{ readonly id: string }> | undefined;
  readonly eventType: string;
  readonly guard?: unknown;
  readonly meta?: unknown;
}

function relative(id: string, machineId: string): string {
  return id === machineId ? '*' : id.slice(machineId.length + 1);
}

function guardName(guard: unknown): string | null {
  if (guard === undefined) return null;
  if (typeof guard === 'string') return guard;
  return (guard as { type?: string }).type ?? 'inline';
}

/** The graph edge of one transition definition (a targetless transition targets its source). */
export function edgeOf(t: TransitionDefinitionLike): MachineEdge {
  const machineId = t.source.machine.id;
  const source = relative(t.source.id, machineId);
  const target = (t.target ?? []).map((n) => relative(n.id, machineId)).join(',') || source;
  const guard = guardName(t.guard);
  const meta = (t.meta ?? {}) as Partial<TransitionMeta>;
  const key = `${source}|${t.eventType}|${target}${guard ? `[${guard}]` : ''}`;
  return { key, source, event: t.eventType, target, guard, rule: meta.rule ?? '', seed: meta.seed ?? '' };
}

/** Every state (relative names) and every transition of a machine, in definition order (root first). */
export function machineGraph(machine: AnyStateMachine): { states: string[]; edges: MachineEdge[] } {
  const states: string[] = [];
  const edges: MachineEdge[] = [];
  const walk = (node: ReturnType<typeof toDirectedGraph>): void => {
    if (node.id !== machine.id) states.push(relative(node.id, machine.id));
    for (const e of node.edges) edges.push(edgeOf(e.transition as unknown as TransitionDefinitionLike));
    for (const child of node.children) walk(child);
  };
  walk(toDirectedGraph(machine));
  return { states, edges };
}

/** Every transition of a machine as spec table rows (the graph's edges without their keys), for the spec/machine agreement tests. */
export function machineTransitions(machine: AnyStateMachine): TransitionRow[] {
  return machineGraph(machine).edges.map(({ key: _key, ...row }) => row);
}
