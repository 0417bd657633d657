import type * as fc from 'fast-check';

/** A property of properties/, runnable by vitest and by the CLI campaign alike. */
export interface PropertyDefinition {
  /** The invariant ID it proves, e.g. `RAID-INV-1`, plus a qualifier. */
  readonly id: string;
  readonly title: string;
  // biome-ignore lint: fast-check's property types vary per property
  readonly property: (runs?: number) => fc.IProperty<any> | fc.IAsyncProperty<any>;
}
