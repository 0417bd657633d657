import { inExtents } from './extents.ts';
import type { BitmapName, PairView } from './pair-view.ts';

/**
 * What a host write does to one track of an original volume (spec/local-copy.md,
 * LC-W-1..LC-W-7): first copy the old track to the copy volume and clear a bit
 * (copy-before-write), then set a bit, then store the data. Pure: the caller carries it out.
 */
export interface WriteDecision {
  readonly copyBeforeWrite: BitmapName | null;
  readonly setBit: BitmapName | null;
}

const STORE_ONLY: WriteDecision = { copyBeforeWrite: null, setBit: null };

export function routeWrite(pair: PairView, track: number): WriteDecision {
  if (pair.area !== null) return routeAreaPair(pair, track);
  switch (pair.state) {
    case 'UG': case 'GC': case 'UD': case 'DC':
      return routeFig19(pair, track);
    case 'UED': case 'EDC': case 'UEC': case 'FC':
      return routeFig38(pair, track);
    case 'NONE':
      return STORE_ONLY;
  }
}

/** LC-W-1 (UG, GC), LC-W-2 (UD), LC-W-3 (DC outside), LC-W-4 (DC inside an update extent): Fig. 19, steps 1900–1912. */
function routeFig19(pair: PairView, track: number): WriteDecision {
  const inUpdate = inExtents(pair.updateExtents, track); // step 1901
  let copyBeforeWrite: BitmapName | null = null;
  if (inUpdate && pair.bits.div.get(track)) copyBeforeWrite = 'div'; // steps 1902–1905
  if (!inUpdate && pair.state === 'UD' && pair.bits.gen.get(track)) copyBeforeWrite = 'gen'; // 1908–1912
  return { copyBeforeWrite, setBit: fig19Step1906(pair.state, inUpdate) };
}

function fig19Step1906(state: PairView['state'], inUpdate: boolean): BitmapName {
  if (state === 'UG' || state === 'GC') return 'gen';
  if (state === 'UD') return 'div';
  return inUpdate ? 'upd' : 'div';
}

/** LC-W-5, LC-W-6 (Fig. 38, steps 3800–3808); LC-E-3 and LC-E-5 in the literal variant. */
function routeFig38(pair: PairView, track: number): WriteDecision {
  const inside = inExtents(pair.dividedExtents, track); // step 3802
  const copyBeforeWrite: BitmapName | null = pair.state === 'UED' && inside && pair.bits.gen.get(track) ? 'gen' : null;
  if (pair.state === 'UEC') return { copyBeforeWrite, setBit: 'gen' };
  if (pair.state === 'FC') return { copyBeforeWrite, setBit: null }; // LC-E-5: no branch of step 3807 matches
  const setBit: BitmapName = pair.variant === 'literal' || inside ? 'div' : 'gen'; // LC-E-3
  return { copyBeforeWrite, setBit };
}

/** LC-W-7 (Fig. 28, steps 2800–2808): one bitmap (kept in `gen`), only inside the area. */
function routeAreaPair(pair: PairView, track: number): WriteDecision {
  if (!inExtents(pair.area ?? [], track)) return STORE_ONLY; // step 2800
  if (pair.state === 'UD') return { copyBeforeWrite: pair.bits.gen.get(track) ? 'gen' : null, setBit: null }; // 2802–2805
  if (pair.state === 'UG' || pair.state === 'GC') return { copyBeforeWrite: null, setBit: 'gen' }; // 2808, 2806
  return STORE_ONLY;
}
