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

/** Processes a layer above the model adds (Model.addProcessSource): those running now, and one by name. */
export interface ProcessSource {
  running(): BackgroundProcess[];
  byName(name: string): BackgroundProcess | undefined;
}
