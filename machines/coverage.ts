import type { AnyStateMachine, InspectionEvent } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import type { TransitionRow } from './transitions.ts';
import { localPairMachine } from './local-pair.machine.ts';
import { migrationPairMachine } from './migration-pair.machine.ts';
import { relocationMachine } from './relocation.machine.ts';
import { remotePairMachine } from './remote-pair.machine.ts';

/**
 * Machine coverage (README "Coverage"): which transitions of which machine a run took.
 * The model itself never reads this; a campaign, `replay` or the report installs a sink
 * around the code it runs, and every pair actor created meanwhile reports its transitions.
 */

/** Every machine of machines/, by its id (the `id` of its root node). */
export const MACHINES: Readonly<Record<string, AnyStateMachine>> = {
  localPair: localPairMachine,
  remotePair: remotePairMachine,
  migrationPair: migrationPairMachine,
  relocation: relocationMachine,
};

/** One edge of a machine's graph: a spec table row (source "*" = defined on the root) with a key stable across processes, `source|EVENT|target[guard]`. */
export interface MachineEdge extends TransitionRow {
  readonly key: string;
}

/** A transition a running actor took. */
export interface TakenTransition {
  readonly machine: string;
  /** The actor's owner, e.g. the pair id or `relocate:S:V`. */
  readonly actor: string;
  /** The state before and after (flat machines: the state names). */
  readonly from: string;
  readonly to: string;
  readonly event: string;
  /** The graph edge taken (`MachineEdge.key`). */
  readonly edge: string;
}

export type TransitionSink = (t: TakenTransition) => void;

interface TransitionDefinitionLike {
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

function edgeOf(t: TransitionDefinitionLike): MachineEdge {
  const machineId = t.source.machine.id;
  const source = relative(t.source.id, machineId);
  const target = (t.target ?? []).map((n) => relative(n.id, machineId)).join(',') || source;
  const guard = guardName(t.guard);
  const meta = (t.meta ?? {}) as { rule?: string; seed?: string };
  const key = `${source}|${t.eventType}|${target}${guard ? `[${guard}]` : ''}`;
  return { key, source, event: t.eventType, target, guard, rule: meta.rule ?? '', seed: meta.seed ?? '' };
}

/** Every state (relative names) and every transition of a machine, from `xstate/graph`. */
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

let sink: TransitionSink | null = null;

/** Runs `fn` with `s` receiving every transition taken by actors created inside it. */
export function withTransitionSink<T>(s: TransitionSink, fn: () => T): T {
  const previous = sink;
  sink = s;
  try {
    return fn();
  } finally {
    sink = previous;
  }
}

/** Installs (or, with null, removes) the sink for code that cannot be wrapped (async runs). */
export function setTransitionSink(s: TransitionSink | null): void {
  sink = s;
}

/** `createActor`'s `inspect` option for an actor owned by `actor`; undefined when no sink listens. */
export function transitionInspector(actor: string): ((e: InspectionEvent) => void) | undefined {
  const to = sink;
  if (!to) return undefined;
  let state: string | null = null;
  return (e) => {
    if (e.type !== '@xstate.microstep' && e.type !== '@xstate.snapshot') return;
    const value = String((e.snapshot as { value?: unknown }).value);
    if (e.type === '@xstate.snapshot') {
      state ??= value; // the initial snapshot, before any transition
      return;
    }
    for (const t of e._transitions as unknown as TransitionDefinitionLike[]) {
      const edge = edgeOf(t);
      to({ machine: t.source.machine.id, actor, from: state ?? edge.source, to: value, event: e.event.type, edge: edge.key });
    }
    state = value;
  };
}
