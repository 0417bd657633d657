import type { Relocation } from '../placement/relocation.ts';
import type { BackgroundProcess } from './process.ts';

/** An online rearrangement's copy (PL-C-1), named `relocate:SYSTEM:VOLUME`. */
export class RelocationProcess implements BackgroundProcess {
  constructor(
    readonly name: string,
    private readonly relocation: Relocation,
  ) {}

  step(units: number): number {
    return this.relocation.done ? 0 : this.relocation.step(units);
  }

  get done(): boolean {
    return this.relocation.done;
  }

  progress(): Record<string, unknown> {
    return this.relocation.progress();
  }
}
