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

const RECORD: WriteDecision = { copyBeforeWrite: null, setBit: 'gen' };

export function routeWrite(pair: PairView, track: number): WriteDecision {
  if (pair.state === 'suspendedByError') return pair.area === null || inExtents(pair.area, track) ? RECORD : STORE_ONLY; // LC-F-1
  if (pair.area !== null) return routeAreaPair(pair, track);
  switch (pair.state) {
    case 'generating': case 'generated': case 'dividing': case 'divided': case 'extentUpdating': // UG, GC, UD, DC
      return routeFig19(pair, track);
    case 'extentDividing': case 'extentDivided': case 'extentCoupling': case 'formationCompleted': // UED, EDC, UEC, FC
      return routeFig38(pair, track);
    case 'deleted':
      return STORE_ONLY;
  }
}

/**
 * LC-W-1 (generating, generated: UG, GC), LC-W-2 (dividing: UD), LC-W-3 (divided or
 * extentUpdating outside an update extent: DC), LC-W-4 (DC inside one): Fig. 19, steps 1900–1912.
 */
function routeFig19(pair: PairView, track: number): WriteDecision {
  const inUpdate = inExtents(pair.updateExtents, track); // step 1901
  let copyBeforeWrite: BitmapName | null = null;
  if (inUpdate && pair.bits.div.get(track)) copyBeforeWrite = 'div'; // steps 1902–1905
  if (!inUpdate && pair.state === 'dividing' && pair.bits.gen.get(track)) copyBeforeWrite = 'gen'; // 1908–1912
  return { copyBeforeWrite, setBit: fig19Step1906(pair.state, inUpdate) };
}

function fig19Step1906(state: PairView['state'], inUpdate: boolean): BitmapName {
  if (state === 'generating' || state === 'generated') return 'gen';
  if (state === 'dividing') return 'div';
  return inUpdate ? 'upd' : 'div';
}

/** LC-W-5, LC-W-6 (Fig. 38, steps 3800–3808); LC-E-3 and LC-E-5 in the literal variant. */
function routeFig38(pair: PairView, track: number): WriteDecision {
  const inside = inExtents(pair.dividedExtents, track); // step 3802
  const copyBeforeWrite: BitmapName | null = pair.state === 'extentDividing' && inside && pair.bits.gen.get(track) ? 'gen' : null;
  if (pair.state === 'extentCoupling') return { copyBeforeWrite, setBit: 'gen' };
  if (pair.state === 'formationCompleted') return { copyBeforeWrite, setBit: null }; // LC-E-5: no branch of step 3807 matches
  const setBit: BitmapName = pair.variant === 'literal' || inside ? 'div' : 'gen'; // LC-E-3
  return { copyBeforeWrite, setBit };
}

/** LC-W-7 (Fig. 28, steps 2800–2808): one bitmap (kept in `gen`), only inside the area. */
function routeAreaPair(pair: PairView, track: number): WriteDecision {
  if (!inExtents(pair.area ?? [], track)) return STORE_ONLY; // step 2800
  if (pair.state === 'dividing') return { copyBeforeWrite: pair.bits.gen.get(track) ? 'gen' : null, setBit: null }; // 2802–2805
  if (pair.state === 'generating' || pair.state === 'generated') return { copyBeforeWrite: null, setBit: 'gen' }; // 2808, 2806
  return STORE_ONLY;
}
