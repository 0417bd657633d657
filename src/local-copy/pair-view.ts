import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { Extent } from './extents.ts';
import type { SeedPairState } from './seed-state.ts';

export type BitmapName = 'gen' | 'div' | 'upd';

/** What routing reads of a pair: its seed state, bitmaps and extent information. */
export interface PairView {
  readonly state: SeedPairState;
  readonly variant: 'literal' | 'corrected';
  /** Eighth embodiment: the pair's area; null for a whole-volume pair. */
  readonly area: readonly Extent[] | null;
  readonly bits: Readonly<Record<BitmapName, DifferenceBitmap>>;
  /** Seventh embodiment: extents whose update is in progress (1405, use flag 1). */
  readonly updateExtents: readonly Extent[];
  /** Ninth embodiment: the divided extents (3206). */
  readonly dividedExtents: readonly Extent[];
}
