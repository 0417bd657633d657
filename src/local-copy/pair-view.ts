import type { DifferenceBitmap } from '../bitmap/difference-bitmap.ts';
import type { Extent } from './extents.ts';
import type { LocalPairState } from '../../machines/local-pair.machine.ts';

export type BitmapName = 'gen' | 'div' | 'upd';

/**
 * What routing reads of a pair: its state as the machine names it (the seed's codes UG, GC,
 * UD, DC, UED, EDC, UEC, FC are mapped to them in spec/glossary.md), bitmaps and extents.
 */
export interface PairView {
  readonly state: LocalPairState;
  readonly variant: 'literal' | 'corrected';
  /** Eighth embodiment: the pair's area; null for a whole-volume pair. */
  readonly area: readonly Extent[] | null;
  readonly bits: Readonly<Record<BitmapName, DifferenceBitmap>>;
  /** Seventh embodiment: extents whose update is in progress (1405, use flag 1). */
  readonly updateExtents: readonly Extent[];
  /** Ninth embodiment: the divided extents (3206). */
  readonly dividedExtents: readonly Extent[];
}
