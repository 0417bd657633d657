/**
 * TERM-V-3 for the eleventh embodiment (spec/backup.md): hosts, tapes and backups as `status`
 * shows them after the RAID groups, and the same as JSON.
 */
import type { Model } from '../model/model.ts';

export interface BackupView {
  readonly hosts: Array<{ host: string; system: string }>;
  readonly tapes: Array<{ tape: string; volser: string; files: number }>;
  readonly backups: Array<{ process: string; volume: string; state: string; tracks: { done: number; total: number }; file?: number; aborted?: string }>;
}

export function backupView(model: Model): BackupView {
  const b = model.backup;
  return {
    hosts: [...b.hosts].map(([host, system]) => ({ host, system })),
    tapes: [...b.tapes.values()].map((t) => ({ tape: t.id, volser: t.volser, files: t.files.length })),
    backups: [...b.backups.values()].map((r) => ({
      process: r.name, volume: r.notification.volume, state: r.state, tracks: { done: r.tracksDone, total: r.tracksTotal },
      ...(r.file !== undefined ? { file: r.file } : {}), ...(r.abortReason ? { aborted: r.abortReason } : {}),
    })),
  };
}

/** The view's lines; none when the trace has no hosts and no tapes. */
export function backupDisplay(model: Model): string[] {
  const v = backupView(model);
  const lines: string[] = [];
  for (const h of v.hosts) lines.push(`host ${h.host} : system ${h.system}`);
  for (const t of v.tapes) lines.push(`tape ${t.tape} : volser ${t.volser}, ${t.files} file${t.files === 1 ? '' : 's'}`);
  for (const r of v.backups) lines.push(`${r.process} : ${r.volume} ${r.state}, ${r.tracks.done}/${r.tracks.total} tracks${r.file !== undefined ? `, file ${r.file}` : ''}${r.aborted ? ` (${r.aborted})` : ''}`);
  return lines;
}
