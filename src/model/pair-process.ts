import type { LocalPair } from '../local-copy/local-pair.ts';
import type { BackgroundProcess } from './process.ts';

/** A pair's copy processes, named by the pair's id (spec/trace-format.md, `step`). */
export class PairProcess implements BackgroundProcess {
  constructor(private readonly pair: LocalPair) {}

  get name(): string {
    return this.pair.id;
  }

  step(units: number): number {
    return this.pair.step(units);
  }

  get done(): boolean {
    return !this.pair.running;
  }

  progress(): Record<string, unknown> {
    return { state: this.pair.machineState, processes: this.pair.processes.map((p) => ({ kind: p.kind, position: p.position, examined: p.examined, total: p.total })) };
  }
}
