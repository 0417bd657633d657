import type { StepSnapshot } from './snapshot.ts';
import { keyed } from './step-changes.ts';
import { diffSorted, formatTracks } from './track-ranges.ts';

/** The local pair bitmaps a copy-before-write clears (LC-W-1..LC-W-7: `gen`, or `div` inside an update extent). */
const CLEARED_BY_COPY_BEFORE_WRITE: readonly string[] = ['gen', 'div'];

/**
 * A host write that made a local pair copy the old track to its copy volume first
 * (copy-before-write, spec/local-copy.md LC-W-*), for the narrative. Told from the bitmaps
 * only, and said so (the bytes are judged by LC-INV-1, not here): an accepted `write` cleared
 * a `gen` or `div` bit of the pair while none of its copy pointers moved (the rules clear the
 * bit after the copy). A copy-before-write that clears a bit and sets the same one again
 * shows no change and is not told.
 */
export function copyBeforeWrite(before: Pick<StepSnapshot, 'pairs' | 'processes'>, after: StepSnapshot): string[] {
  if (after.step.op !== 'write' || !after.result.ok) return [];
  const lines: string[] = [];
  for (const pair of after.pairs) {
    const was = before.pairs.find((p) => p.id === pair.id);
    if (pair.kind !== 'local' || !was || pointerMoved(before, after, pair.id)) continue;
    const cleared: string[] = [];
    const set: string[] = [];
    const tracks = new Set<number>();
    for (const b of pair.bitmaps) {
      const { added, removed } = diffSorted(was.bitmaps.find((x) => x.name === b.name)?.set ?? [], b.set);
      if (removed.length > 0 && CLEARED_BY_COPY_BEFORE_WRITE.includes(b.name)) {
        cleared.push(`${b.name} ${formatTracks(removed)}`);
        for (const t of removed) tracks.add(t);
      }
      if (added.length > 0) set.push(`${b.name} ${formatTracks(added)}`);
    }
    if (tracks.size === 0) continue;
    const list = [...tracks].sort((x, y) => x - y);
    const old = `${list.length === 1 ? 'track' : 'tracks'} ${formatTracks(list)} of ${pair.from}`;
    const bits = `${cleared.join(', ')} cleared${set.length > 0 ? `; ${set.join(', ')} set` : ''}`;
    lines.push(`${pair.id} copy-before-write: ${old} copied to ${pair.to} before the host write, as the bitmaps tell it (${bits}; no copy pointer moved)`);
  }
  return lines;
}

function pointerMoved(before: Pick<StepSnapshot, 'processes'>, after: Pick<StepSnapshot, 'processes'>, pairId: string): boolean {
  const now = keyed(after.processes);
  for (const [key, p] of keyed(before.processes)) {
    if (p.name === pairId && now.get(key)?.position !== p.position) return true;
  }
  return false;
}
