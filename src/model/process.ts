/**
 * A background process of the model (spec/trace-format.md, `step`/`settle`): it moves only
 * when stepped. Rebuilds now; pair copies and relocations join later.
 */
export interface BackgroundProcess {
  readonly name: string;
  /** Advances by up to `units`; returns how many units it did. */
  step(units: number): number;
  readonly done: boolean;
  progress(): Record<string, unknown>;
}
