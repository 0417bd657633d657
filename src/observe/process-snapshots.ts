import type { CopyProcess } from '../local-copy/copy-process.ts';
import type { Model } from '../model/model.ts';
import { PairProcess } from '../model/pair-process.ts';
import type { BackgroundProcess } from '../model/process.ts';
import { RebuildProcess } from '../model/rebuild-process.ts';
import { RelocationProcess } from '../model/relocation-process.ts';
import { BackupProcess } from '../model/backup-process.ts';
import { MigrationProcess, RemotePairProcess } from '../model/remote-processes.ts';
import type { RebuildProgress } from '../raid/raid-group.ts';
import type { Relocation } from '../placement/relocation.ts';
import { areaEnd } from '../remote-copy/area.ts';
import type { ProcessSnapshot } from './snapshot.ts';

/**
 * Every running background process with its copy pointer, in `Model.processes()` order. A
 * local pair may run two copy loops at once (erratum LC-E-1), so it gives one entry per loop,
 * all named by the pair id and told apart by `kind`.
 */
export function processSnapshots(model: Model): ProcessSnapshot[] {
  return model.processes().flatMap((p) => processSnapshot(model, p));
}

function processSnapshot(model: Model, p: BackgroundProcess): ProcessSnapshot[] {
  if (p instanceof PairProcess) return model.localCopy.pair(p.name).processes.map((c) => copyLoopSnapshot(p.name, c));
  if (p instanceof RemotePairProcess) return [remoteCopySnapshot(model, p.name)];
  if (p instanceof MigrationProcess) {
    const pair = model.migration.pair(p.name);
    return [{ name: p.name, kind: 'migration', position: pair.pointer, end: areaEnd(pair.area) }];
  }
  if (p instanceof RelocationProcess) return [relocationSnapshot(p.name, relocationOf(model, p.name))];
  if (p instanceof RebuildProcess) return [rebuildSnapshot(p.name, p.progress().devices as RebuildProgress[])];
  if (p instanceof BackupProcess) return [{ name: p.name, kind: 'backup', position: p.run.tracksDone, end: p.run.tracksTotal }]; // BK-B-2: tracks read of the tracks to back up
  return [{ name: p.name, kind: 'unknown', position: 0, end: 0 }];
}

/** LC-C-1..LC-C-5: `position` is the seed's variable i; `end` one past the last range's last track. */
function copyLoopSnapshot(name: string, c: CopyProcess): ProcessSnapshot {
  const last = c.ranges[c.ranges.length - 1];
  return { name, kind: c.kind, position: c.position, end: last === undefined ? 0 : last[1] + 1 };
}

/** RC-C-1's copy pointer, or RC-T-3's copy of volume A into B while `takingOver`. */
function remoteCopySnapshot(model: Model, name: string): ProcessSnapshot {
  const pair = model.remote.pair(name);
  const takeover = pair.state === 'takingOver' ? pair.takeoverCopy : null;
  if (takeover) return { name, kind: 'takeoverCopy', position: takeover.pointer, end: areaEnd(takeover.area) };
  return { name, kind: 'remoteCopy', position: pair.pointer, end: areaEnd(pair.area) };
}

function relocationOf(model: Model, name: string): Relocation {
  const found = model.placement.running().find(([n]) => n === name);
  if (!found) throw new Error(`process ${name} runs but placement has no such relocation`);
  return found[1];
}

/** PL-C-1: the copy pointer is a track of the volume; the end is one past the last moved track. */
function relocationSnapshot(name: string, r: Relocation): ProcessSnapshot {
  const trackBytes = r.volume.emulation.trackBytes;
  const lastByte = Math.max(...r.moves.map((mv) => Math.min(r.volume.table[mv.index]!.last, r.volume.bytes - 1)));
  return { name, kind: 'relocation', position: r.pointer, end: Math.floor(lastByte / trackBytes) + 1 };
}

/** RAID-R-1: units are the rebuild's own (device bytes), summed over the devices rebuilding. */
function rebuildSnapshot(name: string, devices: readonly RebuildProgress[]): ProcessSnapshot {
  const position = devices.reduce((n, d) => n + d.done, 0);
  const end = devices.reduce((n, d) => n + d.total, 0);
  return { name, kind: 'rebuild', position, end };
}
