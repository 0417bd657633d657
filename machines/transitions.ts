import type { AnyStateMachine } from 'xstate';

/** One transition of a machine as the spec tables list it. `source` "*" is the root. */
export interface TransitionRow {
  readonly source: string;
  readonly event: string;
  readonly target: string;
  readonly guard: string | null;
  readonly rule: string;
  readonly seed: string;
}

/** Every transition of a (flat) machine, in definition order, for the spec/machine agreement test. */
export function machineTransitions(machine: AnyStateMachine): TransitionRow[] {
  const rows: TransitionRow[] = [];
  const nodes: Array<[string, typeof machine.root]> = [['*', machine.root], ...Object.entries(machine.root.states)];
  for (const [source, node] of nodes) {
    for (const [event, transitions] of node.transitions) {
      if (source !== '*' && machine.root.transitions.get(event)?.some((t) => node.transitions.get(event)?.includes(t))) continue;
      for (const t of transitions) {
        const meta = (t.meta ?? {}) as { rule?: string; seed?: string };
        const guard = t.guard === undefined ? null : typeof t.guard === 'string' ? t.guard : ((t.guard as { type?: string }).type ?? 'inline');
        rows.push({ source, event, target: (t.target ?? []).map((n) => n.key).join(','), guard, rule: meta.rule ?? '', seed: meta.seed ?? '' });
      }
    }
  }
  return rows;
}
