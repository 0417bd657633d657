import type { TakenTransition } from '../../machines/inspection.ts';
import type { BitmapSnapshot, PairSnapshot, ProcessSnapshot, StepSnapshot, VolumeSnapshot } from './snapshot.ts';
import { diffSorted, formatTracks } from './track-ranges.ts';

/**
 * What one step changed, read from two consecutive snapshots (the first step against an
 * empty model): one sentence per change, for the narrative.
 */

/** An empty model: what the first step is compared against. */
export const NOTHING_YET: Pick<StepSnapshot, 'pairs' | 'processes' | 'volumes' | 'violations'> = { pairs: [], processes: [], volumes: [], violations: [] };

/** `P1 (localPair): generated → dividing on PAIR_DIVIDE [generated|PAIR_DIVIDE|dividing]`. */
export function describeTransition(t: TakenTransition): string {
  return `${t.actor} (${t.machine}): ${t.from} → ${t.to} on ${t.event} [${t.edge}]`;
}

// ---------------------------------------------------------------------------------------
// Pairs and their bitmaps

/** Pairs created and released, and the bits each bitmap set or cleared. */
export function pairChanges(before: readonly PairSnapshot[], after: readonly PairSnapshot[]): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((p) => [p.id, p]));
  for (const p of after) {
    const was = old.get(p.id);
    if (!was) lines.push(`new pair ${p.id}: ${p.kind} ${p.from} → ${p.to}, ${areaWords(p.extents)}, state ${p.state}`);
    for (const b of p.bitmaps) {
      const change = bitmapChange(was?.bitmaps.find((x) => x.name === b.name), b);
      if (change) lines.push(`${p.id} ${b.name} bitmap: ${change}`);
    }
    for (const b of was?.bitmaps ?? []) {
      if (!p.bitmaps.some((x) => x.name === b.name)) lines.push(`${p.id} ${b.name} bitmap released (${b.set.length} bits were set)`);
    }
  }
  const now = new Set(after.map((p) => p.id));
  for (const p of before) if (!now.has(p.id)) lines.push(`pair ${p.id} released (was ${p.state})`);
  return lines;
}

function areaWords(extents: PairSnapshot['extents']): string {
  if (extents === null) return 'whole volume';
  return `tracks ${extents.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ')}`;
}

/** `set 3–5, 9; cleared 0–2`, or null when no bit changed. */
export function bitmapChange(before: BitmapSnapshot | undefined, after: BitmapSnapshot): string | null {
  const { added, removed } = diffSorted(before?.set ?? [], after.set);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`set ${formatTracks(added)}`);
  if (removed.length > 0) parts.push(`cleared ${formatTracks(removed)}`);
  if (parts.length === 0) return null;
  return `${parts.join('; ')} (${after.set.length} of ${after.tracks} set now)`;
}

// ---------------------------------------------------------------------------------------
// Background processes

/** A process kind in words, e.g. `division copy`. */
export const KIND_WORDS: Readonly<Record<string, string>> = {
  generation: 'generation copy',
  division: 'division copy',
  extentUpdate: 'extent update copy',
  extentDivision: 'extent division copy',
  extentCouple: 'extent couple copy',
  remoteCopy: 'remote copy',
  takeoverCopy: 'takeover copy of A into B',
  migration: 'migratory copy',
  relocation: 'relocation copy',
  rebuild: 'rebuild',
};

function processLabel(p: ProcessSnapshot): string {
  return `${p.name} ${KIND_WORDS[p.kind] ?? p.kind}`;
}

/**
 * Processes keyed for matching across two snapshots: by name, kind and end, then by order
 * among equals (a local pair may run several extent update loops, one per extent). The map
 * keeps the snapshot's order.
 */
export function keyed(list: readonly ProcessSnapshot[]): Map<string, ProcessSnapshot> {
  const map = new Map<string, ProcessSnapshot>();
  for (const p of list) {
    const base = `${p.name}\u0000${p.kind}\u0000${p.end}`;
    let n = 0;
    while (map.has(`${base}\u0000${n}`)) n++;
    map.set(`${base}\u0000${n}`, p);
  }
  return map;
}

/** Processes started and ended, and how far each running one's copy pointer moved. */
export function processChanges(before: readonly ProcessSnapshot[], after: readonly ProcessSnapshot[]): string[] {
  const lines: string[] = [];
  const old = keyed(before);
  const now = keyed(after);
  for (const [key, p] of now) {
    const was = old.get(key);
    if (!was) lines.push(`${processLabel(p)} started: pointer at ${p.position}, end ${p.end}`);
    else if (was.position !== p.position) lines.push(`${processLabel(p)}: pointer ${was.position} → ${p.position} (end ${p.end})`);
  }
  for (const [key, p] of old) if (!now.has(key)) lines.push(`${processLabel(p)} ended (its pointer was at ${p.position} before this step, end ${p.end})`);
  return lines;
}

// ---------------------------------------------------------------------------------------
// Volumes against the checker's reference

/**
 * Volumes whose tracks differing from the host's writes changed (a new volume counts from
 * none), and volumes that stop or start being compared at all: a volume with `tracked: false`
 * is never said to match, whatever its (empty) `differing` list; `pairs` name its owner. A
 * volume on a failed system is left to the system's line (system-changes.ts).
 */
export function volumeChanges(before: readonly VolumeSnapshot[], after: readonly VolumeSnapshot[], pairs: readonly PairSnapshot[] = []): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((v) => [v.key, v]));
  for (const v of after) {
    const was = old.get(v.key);
    const wasTracked = was === undefined || was.tracked !== false;
    if (v.onFailedSystem) continue; // said with its system's failure (system-changes.ts)
    if (v.tracked === false) {
      if (wasTracked) lines.push(`volume ${v.key} is not compared with what the host wrote: ${ownerWords(v.key, pairs)}`);
      continue;
    }
    if (!wasTracked) lines.push(`volume ${v.key} is compared with what the host wrote again`);
    const { added, removed } = diffSorted(wasTracked ? (was?.differing ?? []) : [], v.differing);
    if (added.length === 0 && removed.length === 0) continue;
    if (v.differing.length === 0) lines.push(`volume ${v.key} shows what the host wrote again (tracks ${formatTracks(removed)} healed)`);
    else {
      const why = [added.length > 0 ? `newly ${formatTracks(added)}` : '', removed.length > 0 ? `healed ${formatTracks(removed)}` : ''].filter((x) => x);
      lines.push(`volume ${v.key} differs from what the host wrote on track${v.differing.length === 1 ? '' : 's'} ${formatTracks(v.differing)} (${why.join('; ')})`);
    }
  }
  return lines;
}

function ownerWords(key: string, pairs: readonly PairSnapshot[]): string {
  const owner = pairs.find((p) => p.to === key);
  if (!owner) return 'the checker keeps no record of what the host must see there';
  return `its bytes come from pair ${owner.id} (${owner.from} → ${owner.to}) now, whose own invariants judge it`;
}
