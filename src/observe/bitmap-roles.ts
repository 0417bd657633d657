/**
 * Which pair bitmap each copy process scans, and which bitmaps reach beyond the pair's own
 * extents: shared by the narrative and the report's trace viewer (injected into its script),
 * so both read a pointer and a bitmap the same way. Names are those of pair-snapshots.ts,
 * kinds those of process-snapshots.ts.
 */

/**
 * The bitmap whose set bits a process of this kind copies (and, except the literal extent
 * couple copy of erratum LC-E-4, clears): local loops as `LocalPair.start` sets them up
 * (LC-C-1..LC-C-5), RC-C-1, RC-T-3 and MG-C-1. Relocation and rebuild scan no pair bitmap.
 */
export const SCANNED_BITMAP: Readonly<Record<string, string>> = {
  generation: 'gen',
  division: 'gen',
  extentDivision: 'gen',
  extentUpdate: 'div',
  extentCouple: 'div',
  remoteCopy: 'difference',
  takeoverCopy: 'takeoverPending',
  migration: 'pending',
};

/**
 * Bitmaps not limited to the pair's extents: the takeover copy's pending tracks cover the
 * union of the areas of every pair taken over into the same volume B (RC-T-3).
 */
export const BITMAPS_BEYOND_PAIR_AREA: readonly string[] = ['takeoverPending'];
