import type * as fc from 'fast-check';

/** A property of properties/, runnable by vitest and by the CLI campaign alike. */
export interface PropertyDefinition {
  /** The invariant ID it proves, e.g. `RAID-INV-1`, plus a qualifier. */
  readonly id: string;
  readonly title: string;
  // Each property draws its own value type; the campaign only runs them.
  readonly property: (runs?: number) => fc.IProperty<any> | fc.IAsyncProperty<any>;
  /** The same property, adding what each run reached to `reached` (`commands` counts model commands). */
  readonly instrumented?: (reached: Record<string, number>) => fc.IProperty<any> | fc.IAsyncProperty<any>;
  /**
   * Witnesses: the hard situations this property must reach to prove anything about them
   * (e.g. `rebuildStraddlingRead`, `bitmapWordBoundaryCopy`, `takeoverAfterSuspend`). Each is a
   * key of the `reached` counters `instrumented` fills; a campaign reports how often each was
   * reached, and one in which a named witness was never reached fails under `--require-coverage`.
   */
  readonly witnesses?: readonly string[];
}
