/**
 * The `meta` every transition of machines/ carries: the spec rule it implements and the
 * seed's step. `machines/graph.ts` reads it back into the spec table rows.
 */
export interface TransitionMeta {
  readonly rule: string;
  readonly seed: string;
}

/** A transition's `meta`, to spread into its config: `{ target: 'x', ...m('LC-R-1', 'Fig. 17 step 1700') }`. */
export const m = (rule: string, seed: string): { meta: TransitionMeta } => ({ meta: { rule, seed } });
