/**
 * BK-B-2 (spec/backup.md): a backup host reading the announced copy volume through the
 * controller with ordinary host reads (Fig. 41, host 4305), stepped like any process
 * (`backup:HOST:TAPE`), so host writes and copy steps interleave with it; when the last track
 * is read, the tape file is written (BK-T-2).
 */
import { LIMITS } from '../limits.ts';
import { backupFile } from '../backup/backup-file.ts';
import type { BackupManager, BackupRun } from '../backup/backup-manager.ts';
import { covers, formedArea } from '../backup/formed-copy.ts';
import { restrict } from '../backup/points-in-time.ts';
import { hostRead } from './host-io.ts';
import type { Model } from './model.ts';
import type { BackgroundProcess, ProcessSource } from './process.ts';

export class BackupProcess implements BackgroundProcess {
  constructor(private readonly model: Model, private readonly manager: BackupManager, readonly run: BackupRun) {}

  get name(): string {
    return this.run.name;
  }

  get done(): boolean {
    return this.run.state !== 'running';
  }

  /** Reads up to `units` tracks, in runs of consecutive tracks of at most one transfer each. */
  step(units: number): number {
    const run = this.run;
    if (run.state !== 'running') return 0;
    const why = this.notFormed();
    if (why !== null) return this.abort(why);
    const { system, volume } = this.source();
    const v = this.model.system(system).volume(volume);
    const perRead = Math.max(1, Math.floor(LIMITS.transferBytesMax / v.emulation.trackBytes));
    // A refused read refuses the whole step: the cursor and the data read go back to where they were (BK-B-2).
    const saved = { cursor: { ...run.cursor }, chunks: run.chunks.length, tracksDone: run.tracksDone };
    let done = 0;
    try {
      while (done < units && run.state === 'running') {
        const [, last] = run.extents[run.cursor.extent]!;
        const first = run.cursor.track;
        const n = Math.min(units - done, last - first + 1, perRead);
        const from = v.trackRange(first).offset;
        const to = v.trackRange(first + n - 1);
        run.chunks.push(hostRead(this.model, system, volume, from, to.offset + to.length - from));
        done += n;
        run.tracksDone += n;
        this.advance(first + n);
      }
    } catch (e) {
      run.cursor = saved.cursor;
      run.chunks.length = saved.chunks;
      run.tracksDone = saved.tracksDone;
      throw e;
    }
    return done;
  }

  /** The volume the backup host reads: the notified copy volume (a broken variant of the properties reads another). */
  source(): { system: string; volume: string } {
    return splitKey(this.run.notification.volume);
  }

  private advance(next: number): void {
    const run = this.run;
    if (next <= run.extents[run.cursor.extent]![1]) {
      run.cursor.track = next;
      return;
    }
    run.cursor.extent++;
    const e = run.extents[run.cursor.extent];
    if (e) run.cursor.track = e[0];
    else this.finish();
  }

  /** BK-T-2: the tape file, appended to the tape; the run is done. */
  private finish(): void {
    const run = this.run;
    const n = run.notification;
    const v = this.model.volumeByKey(n.volume).volume;
    const tape = this.manager.tape(run.tape);
    const seq = tape.files.length + 1;
    const points = restrict(n.pointsInTime, run.extents);
    const formedAt = Math.max(0, ...points.map((p) => p.line));
    const d = { volume: n.volume, pair: n.pair.id, bytes: v.bytes, trackBytes: v.emulation.trackBytes, extents: run.extents.map(([a, b]) => [a, b] as const), formedAt, pointsInTime: points, notifiedAt: n.line, backupAt: run.backupAt };
    tape.files.push(backupFile(d, run.chunks, seq));
    tape.image = undefined; // appended: the tape is this model's to write now
    run.chunks.length = 0;
    run.file = seq;
    run.state = 'done';
  }

  /** BK-B-3: why the copy is no longer the image the host was told of, or null. */
  private notFormed(): string | null {
    const n = this.run.notification;
    const system = splitKey(n.volume).system;
    if (this.model.systems.get(system)?.failed !== false) return `system ${system} failed: the backup host can read the copy no more`;
    if (this.model.localCopy.pairs.get(n.pair.id) !== n.pair) return `pair ${n.pair.id} was deleted`;
    if (n.pair.formations !== n.formation) return `pair ${n.pair.id} was requested to form its copy again`;
    const area = formedArea(n.pair);
    if (area === null || !covers(area, this.run.extents)) return `the copy of pair ${n.pair.id} is ${n.pair.machineState}: no longer formed on the tracks being backed up`;
    return null;
  }

  private abort(why: string): number {
    this.run.state = 'aborted';
    this.run.abortReason = why;
    this.run.chunks.length = 0;
    return 0;
  }

  progress(): Record<string, unknown> {
    const r = this.run;
    return { state: r.state, tracks: { done: r.tracksDone, total: r.tracksTotal }, ...(r.file !== undefined ? { file: r.file } : {}), ...(r.abortReason ? { aborted: r.abortReason } : {}) };
  }
}

/** BK-B-2: the model's backups as processes (the trace context adds them: src/trace/context.ts). */
export function backupProcesses(model: Model): ProcessSource {
  const b = model.backup;
  return {
    // A backup whose system failed is listed too: its next step aborts it (BK-B-3), so its host and tape are free again.
    running: () => b.running().map((run) => new BackupProcess(model, b, run)),
    byName: (name) => {
      const run = b.backups.get(name);
      return run ? new BackupProcess(model, b, run) : undefined;
    },
  };
}

function splitKey(key: string): { system: string; volume: string } {
  const i = key.indexOf(':');
  return { system: key.slice(0, i), volume: key.slice(i + 1) };
}
