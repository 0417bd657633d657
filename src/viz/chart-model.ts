import { MACHINES } from '../../machines/registry.ts';
import { machineGraph, type MachineEdge } from '../../machines/graph.ts';

/**
 * What a state chart draws, read once from a machine of machines/: its states (initial and
 * final marked) and its edges. The Mermaid and DOT writers share it so the two pictures
 * cannot disagree about the machine.
 */

/** One state of a chart, by its name relative to the machine's root. */
export interface ChartState {
  readonly name: string;
  readonly initial: boolean;
  readonly final: boolean;
}

/** A machine as a chart draws it. */
export interface Chart {
  readonly machineId: string;
  readonly states: readonly ChartState[];
  readonly edges: readonly MachineEdge[];
}

/** The pseudo-state that root ("*") transitions are drawn from: they apply in every state. */
export const ANY_STATE = 'any state';

/** The chart of `MACHINES[machineId]`; throws on an unknown id. */
export function machineChart(machineId: string): Chart {
  const machine = MACHINES[machineId];
  if (!machine) throw new Error(`unknown machine ${JSON.stringify(machineId)} (known: ${Object.keys(MACHINES).join(', ')})`);
  const { states, edges } = machineGraph(machine);
  const initialIds = new Set(machine.root.initial.target.map((n) => n.id));
  return {
    machineId,
    states: states.map((name) => {
      const id = `${machineId}.${name}`;
      return { name, initial: initialIds.has(id), final: machine.getStateNodeById(id).type === 'final' };
    }),
    edges,
  };
}

/** `EVENT [guard]`: the part of an edge's label that says when it fires. */
export function edgeTrigger(edge: MachineEdge): string {
  return edge.guard ? `${edge.event} [${edge.guard}]` : edge.event;
}
