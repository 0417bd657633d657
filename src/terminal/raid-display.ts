/**
 * TERM-V-3: systems, RAID groups and volumes as `/proc/mdstat` and `raidscan` show them:
 * per RAID group its level, devices with (F) for failed, `[n/m] [UU_U]`, and a recovery bar
 * while a replaced device is rebuilt (RAID-R-1); then the volumes and the paths.
 */
import type { Model } from '../model/model.ts';
import type { LogicalVolume } from '../volume/logical-volume.ts';
import { raidGroupSnapshot } from '../observe/system-snapshots.ts';
import type { RaidGroupSnapshot } from '../observe/snapshot.ts';
import { columns, numberRanges, ranges } from './columns.ts';

/** The mdstat-like view of every system (or of the one named `only`). */
export function raidDisplay(model: Model, only?: string): string[] {
  const lines: string[] = [];
  const levels = new Set<string>();
  const systems = [...model.systems.values()].filter((s) => only === undefined || s.id === only);
  for (const s of systems) for (const g of s.groups.values()) levels.add(g.level);
  lines.push(`Personalities : ${[...levels].sort().map((l) => `[${l}]`).join(' ')}`);
  for (const s of systems) {
    lines.push(`system ${s.id}${s.failed ? ' : FAILED' : ''}`);
    for (const g of s.groups.values()) lines.push(...groupLines(s.id, raidGroupSnapshot(g), g.capacityBytes));
    lines.push(...volumeLines(model, s.id));
  }
  if (only === undefined) lines.push(...pathLines(model));
  return lines;
}

/** One RAID group as mdstat shows an md device. */
export function groupLines(system: string, g: RaidGroupSnapshot, capacityBytes: number): string[] {
  const failed = new Set(g.failed);
  const rebuilding = new Map(g.rebuilding.map((r) => [r.device, r]));
  const devs = Array.from({ length: g.devices }, (_, d) => `d${d}[${d}]${failed.has(d) ? '(F)' : rebuilding.has(d) ? '(R)' : ''}`);
  const up = g.devices - failed.size - rebuilding.size;
  const map = Array.from({ length: g.devices }, (_, d) => (failed.has(d) || rebuilding.has(d) ? '_' : 'U')).join('');
  const health = failed.size > g.survives ? 'FAILED' : failed.size + rebuilding.size > 0 ? 'degraded' : 'active';
  const out = [`${system}/${g.id} : ${health} ${g.level} ${devs.join(' ')}`, `      ${capacityBytes} bytes [${g.devices}/${up}] [${map}]`];
  for (const r of g.rebuilding) {
    const pct = r.total === 0 ? 100 : (100 * r.done) / r.total;
    const filled = Math.floor(pct / 5);
    out.push(`      [${'='.repeat(filled)}>${'.'.repeat(Math.max(0, 19 - filled))}]  recovery = ${pct.toFixed(1)}% (${r.done}/${r.total}) d${r.device}`);
  }
  return out;
}

function volumeLines(model: Model, system: string): string[] {
  const s = model.systems.get(system)!;
  if (s.volumes.size === 0) return [];
  const rows = [...s.volumes].map(([id, v]) => [
    `${system}:${id}`, heldTracks(v), v.capacityBytes,
    numberRanges(v.table.flatMap((e) => (e.ldev.number === null ? [] : [e.ldev.number]))),
    v.whole ? 'all' : ranges(v.mappedRanges()),
  ]);
  return columns(['  Volume', 'Tracks', 'Bytes', 'LDEV#', 'Mapped'], rows.map((r) => [`  ${r[0]}`, ...r.slice(1)]));
}

/** Tracks as volumeInfo counts them: a partial volume (RC-G-2) holds only its capacity's tracks. */
function heldTracks(v: LogicalVolume): number {
  return v.whole ? v.tracks : Math.ceil(v.capacityBytes / v.emulation.trackBytes);
}

function pathLines(model: Model): string[] {
  const out: string[] = [];
  for (const [key, up] of model.paths) {
    const ends = key.split('\u0000');
    const failed = ends.filter((id) => model.systems.get(id)?.failed);
    out.push(`path ${ends.join('-')} : ${up ? 'up' : 'DOWN'}${failed.length > 0 ? ` (system ${failed.join(', ')} FAILED)` : ''}`);
  }
  return out;
}

/** The volumes and paths as plain JSON (`status --json`): what the text view shows after the RAID groups. */
export function volumesAndPaths(model: Model): { volumes: Record<string, unknown>[]; paths: Record<string, unknown>[] } {
  const volumes = [...model.systems].flatMap(([sid, s]) => [...s.volumes].map(([id, v]) => ({
    volume: `${sid}:${id}`,
    tracks: heldTracks(v),
    bytes: v.capacityBytes,
    ldevs: v.table.flatMap((e) => (e.ldev.number === null ? [] : [e.ldev.number])),
    ...(v.whole ? {} : { mapped: v.mappedRanges() }),
    ...(s.failed ? { onFailedSystem: true } : {}),
  })));
  const paths = [...model.paths].map(([key, up]) => ({ between: key.split('\u0000'), up }));
  return { volumes, paths };
}
