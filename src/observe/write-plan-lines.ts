import type { LocalWritePlan } from '../local-copy/write-plan.ts';
import type { MigrationWritePlan } from '../migration/migration-routing.ts';
import type { WritePlan } from '../model/write-plan.ts';
import type { RemoteWritePlan } from '../remote-copy/remote-write.ts';
import type { TakeoverWritePlan } from '../remote-copy/takeover-routing.ts';
import { formatTracks } from './track-ranges.ts';

/**
 * What an accepted host write was planned to do (src/model/write-plan.ts), told for the
 * replay narrative and the trace viewer: per local pair what was copied before the write and
 * which bits it set, per remote pair what was sent to the target and what recorded, a
 * migration's tracks fetched from the old system, a takeover's pieces on A and B. A write
 * that touches no pair says nothing. Told from the plan the model carried out, not inferred.
 */
export function writePlanLines(plan: WritePlan): string[] {
  switch (plan.road) {
    case 'pairs':
      return [...localLines(plan.systemId, plan.local), ...remoteLines(plan.key, plan.remote)];
    case 'migration':
      return [...migrationLines(plan.key, plan.migration), ...localLines(plan.systemId, plan.local)];
    case 'takeover':
      return takeoverLines(plan.systemId, plan.pieces);
  }
}

const tracksWord = (tracks: readonly number[]) => `${tracks.length === 1 ? 'track' : 'tracks'} ${formatTracks(tracks)}`;

/** Tracks with a non-null value of `pick`, grouped by that value, as "name tracks" parts. */
function grouped<T>(items: readonly T[], pick: (x: T) => string | null, track: (x: T) => number): string[] {
  const by = new Map<string, number[]>();
  for (const x of items) {
    const k = pick(x);
    if (k !== null) by.set(k, [...(by.get(k) ?? []), track(x)]);
  }
  return [...by].map(([k, ts]) => `${k} ${formatTracks(ts)}`);
}

function localLines(systemId: string, plan: LocalWritePlan): string[] {
  const { pair } = plan;
  if (!pair) return [];
  const copied = plan.tracks.filter((d) => d.copyBeforeWrite).map((d) => d.track);
  const cleared = grouped(plan.tracks, (d) => d.copyBeforeWrite, (d) => d.track);
  const set = grouped(plan.tracks, (d) => d.setBit, (d) => d.track);
  const bits = [cleared.length > 0 ? `${cleared.join(', ')} cleared` : null, set.length > 0 ? `${set.join(', ')} set` : null].filter((x) => x !== null);
  if (copied.length > 0) {
    return [`${pair.id} copy-before-write: ${tracksWord(copied)} of ${systemId}:${pair.original.id} copied to ${systemId}:${pair.copy.id} before the host write (${bits.join('; ')})`];
  }
  return set.length > 0 ? [`${pair.id} records the write in its bitmaps (${bits.join('; ')}); nothing copied before it`] : [];
}

function remoteLines(key: string, plan: RemoteWritePlan): string[] {
  const lines: string[] = [];
  for (const s of plan) {
    if (s.transfer.length > 0) lines.push(`${s.pair.id} sends ${tracksWord(s.transfer)} of ${key} to ${s.pair.targetKey} before the write is acknowledged`);
    if (s.record.length > 0) lines.push(`${s.pair.id} records ${tracksWord(s.record)} in its difference bitmap; not sent now`);
  }
  return lines;
}

function migrationLines(key: string, plan: MigrationWritePlan): string[] {
  const { pair } = plan;
  const lines: string[] = [];
  if (plan.fetch.length > 0) lines.push(`${pair.id} fetches ${tracksWord(plan.fetch)} whole from ${pair.source.key} first, so the part not written is not lost`);
  if (plan.clear.length > 0) lines.push(`${pair.id}: ${tracksWord(plan.clear)} of ${key} migrated by the write (no longer pending)`);
  return lines;
}

function takeoverLines(systemId: string, pieces: TakeoverWritePlan): string[] {
  const by = new Map<string, number[]>();
  for (const [v, at] of pieces) {
    const key = `${systemId}:${v.id}`;
    by.set(key, [...(by.get(key) ?? []), Math.floor(at / v.emulation.trackBytes)]);
  }
  const parts = [...by].map(([k, ts]) => `${tracksWord(ts)} to ${k}`);
  return parts.length > 0 ? [`the takeover copy routes the write (RC-T-4): ${parts.join(', ')}`] : [];
}
