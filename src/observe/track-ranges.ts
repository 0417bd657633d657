/**
 * Track lists as people read them: ascending runs (`3–5, 9`), and what changed between two
 * sorted lists. Pure helpers of the narrative; they know nothing of the model.
 */

/** Runs of consecutive tracks, e.g. [3,4,5,9] → [[3,5],[9,9]]. The input must be ascending. */
export function toRuns(tracks: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const t of tracks) {
    const last = runs[runs.length - 1];
    if (last && t === last[1] + 1) last[1] = t;
    else runs.push([t, t]);
  }
  return runs;
}

/**
 * `3–5, 9`; past `runsMax` runs the rest is summarised, so a scattered bitmap of a big volume
 * stays one readable line.
 */
export function formatTracks(tracks: readonly number[], runsMax = 8): string {
  if (tracks.length === 0) return 'none';
  const runs = toRuns(tracks);
  const shown = runs.slice(0, runsMax).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  if (runs.length <= runsMax) return shown.join(', ');
  return `${shown.join(', ')}, … (${runs.length - runsMax} more runs; ${tracks.length} tracks in all)`;
}

/** What `after` has that `before` lacks, and the reverse; both inputs ascending. */
export function diffSorted(before: readonly number[], after: readonly number[]): { added: number[]; removed: number[] } {
  const added: number[] = [];
  const removed: number[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const b = before[i];
    const a = after[j];
    if (a === undefined || (b !== undefined && b < a)) {
      removed.push(b!);
      i++;
    } else if (b === undefined || a < b) {
      added.push(a);
      j++;
    } else {
      i++;
      j++;
    }
  }
  return { added, removed };
}
