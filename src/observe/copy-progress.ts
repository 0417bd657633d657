import { SCANNED_BITMAP } from './bitmap-roles.ts';
import type { PairSnapshot, ProcessSnapshot, StepSnapshot } from './snapshot.ts';
import { KIND_WORDS, keyed } from './step-changes.ts';
import { formatTracks } from './track-ranges.ts';

/**
 * The tracks a copy process copied during a `step` or `settle`, for the narrative, e.g.
 * `P1 copied tracks 3–5 (division copy, pointer 3 → 6; inferred from the gen bits it cleared)`.
 *
 * Snapshots hold no record of copies, so this is inferred: the process examined the tracks
 * from its pointer before the step up to its pointer after (to its end when it finished), and
 * the tracks it copied are the bits of the bitmap it scans (bitmap-roles.ts) that were set
 * there before and are clear now. Only `step` and `settle` run processes; a process that
 * ended for another reason (a deletion, a suspension) copied nothing. When two loops of one
 * pair scan the same bitmap (LC-E-1), a track goes to the loop that runs first.
 */
export function copyProgress(before: Pick<StepSnapshot, 'pairs' | 'processes'>, after: StepSnapshot): string[] {
  const op = after.step.op;
  if (op !== 'step' && op !== 'settle') return [];
  const only = op === 'step' ? String(after.step.pair ?? after.step.process) : null;
  const now = keyed(after.processes);
  const claimed = new Map<string, Set<number>>();
  const lines: string[] = [];
  for (const [key, was] of keyed(before.processes)) {
    if (only !== null && was.name !== only) continue;
    const bitmap = SCANNED_BITMAP[was.kind];
    if (bitmap === undefined) continue;
    const still = now.get(key);
    const to = still ? still.position : was.end;
    if (to <= was.position) continue;
    const bits = { before: setBits(before.pairs, was.name, bitmap), after: setBits(after.pairs, was.name, bitmap) };
    if (bits.before === null || bits.after === null) continue; // the pair or its bitmap is gone
    const taken = claimed.get(`${was.name}\u0000${bitmap}`) ?? new Set<number>();
    claimed.set(`${was.name}\u0000${bitmap}`, taken);
    const candidates = [...bits.before].filter((t) => t >= was.position && t < to && !taken.has(t)).sort((x, y) => x - y);
    const copied = candidates.filter((t) => !bits.after!.has(t));
    for (const t of copied) taken.add(t);
    lines.push(progressLine(was, still ? `${to}` : `end ${was.end}`, bitmap, candidates, copied));
  }
  return lines;
}

function progressLine(p: ProcessSnapshot, to: string, bitmap: string, candidates: readonly number[], copied: readonly number[]): string {
  const how = `${KIND_WORDS[p.kind] ?? p.kind}, pointer ${p.position} → ${to}`;
  if (copied.length > 0) return `${p.name} copied ${trackWord(copied)} (${how}; inferred from the ${bitmap} bits it cleared)`;
  if (candidates.length === 0) return `${p.name} copied no track (${how}: no ${bitmap} bit was left to copy there)`;
  return `${p.name} examined ${trackWord(candidates)} whose ${bitmap} bits were set (${how}); those bits stay set, so which tracks it copied cannot be told from the bitmaps`;
}

function trackWord(tracks: readonly number[]): string {
  return `track${tracks.length === 1 ? '' : 's'} ${formatTracks(tracks)}`;
}

function setBits(pairs: readonly PairSnapshot[], pairId: string, bitmap: string): Set<number> | null {
  const b = pairs.find((p) => p.id === pairId)?.bitmaps.find((x) => x.name === bitmap);
  return b ? new Set(b.set) : null;
}
