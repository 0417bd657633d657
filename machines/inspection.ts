import type { InspectionEvent } from 'xstate';
import { edgeOf, type TransitionDefinitionLike } from './graph.ts';

/**
 * Machine coverage (README "Coverage"): which transitions of which machine a run took.
 * The model itself never reads this; a campaign, `replay` or the report installs a sink
 * around the code it runs, and every pair actor created meanwhile reports its transitions.
 */

/** A transition a running actor took. */
export interface TakenTransition {
  readonly machine: string;
  /** The actor's owner, e.g. the pair id or `relocate:S:V`. */
  readonly actor: string;
  /** The state before and after (flat machines: the state names). */
  readonly from: string;
  readonly to: string;
  readonly event: string;
  /** The graph edge taken (`MachineEdge.key`, machines/graph.ts). */
  readonly edge: string;
}

export type TransitionSink = (t: TakenTransition) => void;

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
