import type { LinkSnapshot, RaidGroupSnapshot, StepSnapshot, SystemSnapshot } from './snapshot.ts';

/**
 * What one step changed of the systems and the paths between them, for the narrative: a
 * system that failed (SYS-5), a path that went down or came back (SYS-4), a device that
 * failed, was replaced, was rebuilt or whose rebuild aborted (RAID-F-*, RAID-R-1). Each is
 * said once, at the step where it changed; a system or path just defined is not (its request
 * says so), nor the devices of a failed system (the system's line says they are gone).
 */

/** What of a snapshot these changes are read from. */
export type SitesSeen = Pick<StepSnapshot, 'systems' | 'links' | 'volumes'>;

/** One line per change between `before` and `after`; none for snapshots without systems (older versions). */
export function systemChanges(before: SitesSeen, after: SitesSeen): string[] {
  const old = new Map((before.systems ?? []).map((s) => [s.id, s]));
  const lines: string[] = [];
  for (const s of after.systems ?? []) {
    const was = old.get(s.id);
    if (!was) continue;
    if (s.failed && !was.failed) lines.push(failedLine(s, after));
    if (s.failed) continue;
    for (const g of s.raidGroups) {
      const wasGroup = was.raidGroups.find((x) => x.id === g.id);
      if (wasGroup) lines.push(...deviceLines(`${s.id}:${g.id}`, wasGroup, g));
    }
  }
  return [...lines, ...linkLines(before.links ?? [], after.links ?? [])];
}

function failedLine(s: SystemSnapshot, after: SitesSeen): string {
  const volumes = after.volumes.filter((v) => v.key.startsWith(`${s.id}:`)).map((v) => v.key);
  const kept = volumes.length === 0 ? 'it had no volume' : `its volume${volumes.length === 1 ? '' : 's'} ${volumes.join(', ')} stay${volumes.length === 1 ? 's' : ''} listed, no longer readable`;
  return `system ${s.id} has FAILED (SYS-5): ${kept}`;
}

type Health = 'healthy' | 'failed' | 'rebuilding';

function healthOf(g: RaidGroupSnapshot, device: number): Health {
  if (g.failed.includes(device)) return 'failed';
  return g.rebuilding.some((r) => r.device === device) ? 'rebuilding' : 'healthy';
}

/** `S:RG device 1 failed: …` per device whose health changed, in device order. */
function deviceLines(group: string, was: RaidGroupSnapshot, now: RaidGroupSnapshot): string[] {
  const lines: string[] = [];
  for (let d = 0; d < now.devices; d++) {
    const from = healthOf(was, d);
    const to = healthOf(now, d);
    if (from === to) continue;
    const what = DEVICE_CHANGE[`${from}>${to}`] ?? `${from} → ${to}`;
    lines.push(`${group} device ${d} ${what}: ${groupWords(now)}`);
  }
  return lines;
}

const DEVICE_CHANGE: Readonly<Record<string, string>> = {
  'healthy>failed': 'failed',
  'failed>rebuilding': 'replaced, its rebuild started',
  'rebuilding>healthy': 'rebuilt',
  'rebuilding>failed': 'failed again: its rebuild aborted (RAID-F-3)',
  'failed>healthy': 'replaced',
};

/** `raid5 group degraded: 1 of 4 devices failed (the level survives 1)`, and the like. */
export function groupWords(g: RaidGroupSnapshot): string {
  if (g.failed.length === 0 && g.rebuilding.length === 0) return `${g.level} group redundant again, all ${g.devices} devices healthy`;
  const parts = g.failed.length === 0 ? [] : [`${g.failed.length} of ${g.devices} devices failed`];
  for (const r of g.rebuilding) parts.push(`device ${r.device} rebuilding (${r.done} of ${r.total} units)`);
  const state = g.failed.length > g.survives ? 'beyond redundancy, data lost' : 'degraded';
  return `${g.level} group ${state}: ${parts.join(', ')} (the level survives ${g.survives} failed device${g.survives === 1 ? '' : 's'})`;
}

function linkLines(before: readonly LinkSnapshot[], after: readonly LinkSnapshot[]): string[] {
  const lines: string[] = [];
  for (const l of after) {
    const was = before.find((x) => x.between[0] === l.between[0] && x.between[1] === l.between[1]);
    if (!was || was.up === l.up) continue;
    lines.push(`path ${l.between.join(' – ')} is ${l.up ? 'up again' : 'DOWN'}`);
  }
  return lines;
}
