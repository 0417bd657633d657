import { MACHINES } from '../../../machines/registry.ts';
import { machineGraph } from '../../../machines/graph.ts';
import type { MachineCoverage } from './summary.ts';

/**
 * Machine coverage of a campaign: every machine's full graph (xstate/graph's toDirectedGraph,
 * via machines/inspection.ts) with how often each edge was taken. Keys are `machine:edgeKey`
 * and `machine:state`, as the jobs record them.
 */
export function machineCoverage(transitions: ReadonlyMap<string, number>, states: ReadonlySet<string>): MachineCoverage[] {
  return Object.entries(MACHINES).map(([machine, def]) => {
    const graph = machineGraph(def);
    return {
      machine,
      states: graph.states,
      statesReached: graph.states.filter((s) => states.has(`${machine}:${s}`)),
      edges: graph.edges.map((e) => ({ ...e, taken: transitions.get(`${machine}:${e.key}`) ?? 0 })),
    };
  });
}

/** Transitions never taken, as `machine: source --EVENT--> target [guard] (rule)`. */
export function untakenTransitions(coverage: readonly MachineCoverage[]): string[] {
  return coverage.flatMap((m) =>
    m.edges.filter((e) => e.taken === 0).map((e) => `${m.machine}: ${e.source} --${e.event}--> ${e.target}${e.guard ? ` [${e.guard}]` : ''} (${e.rule})`),
  );
}

/** States never reached, as `machine: state`. */
export function unreachedStates(coverage: readonly MachineCoverage[]): string[] {
  return coverage.flatMap((m) => m.states.filter((s) => !m.statesReached.includes(s)).map((s) => `${m.machine}: ${s}`));
}

/** Adds b's counts into a. */
export function mergeCounts(a: Map<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  for (const [k, n] of b) a.set(k, (a.get(k) ?? 0) + n);
  return a;
}
