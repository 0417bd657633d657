/**
 * The session log of `serve --log FILE`: a trace-v1 file that holds every step the server
 * ran, each line written and fsynced before the request is answered, so a server killed at
 * any moment has lost nothing it acknowledged, and the file replays (`run`) or resumes
 * (`serve FILE --log FILE`) the session.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class SessionLog {
  private fd: number | null;

  private constructor(readonly file: string, fd: number) {
    this.fd = fd;
  }

  /**
   * A new log: `lines` are the header, then every step the session already holds (a loaded
   * trace's), in one write. The file must not exist or be empty (serve-setup.ts checks).
   */
  static create(file: string, lines: readonly Record<string, unknown>[]): SessionLog {
    const log = new SessionLog(file, openSync(file, 'a'));
    log.append(lines);
    syncFolder(dirname(file));
    return log;
  }

  /** An existing log the session was loaded from: later steps go after its last line. */
  static resume(file: string): SessionLog {
    const fd = openSync(file, 'a+');
    const log = new SessionLog(file, fd);
    if (!endsWithNewline(fd)) log.write('\n');
    return log;
  }

  /** Appends the lines and waits until they are on the disk (fsync). */
  append(lines: readonly Record<string, unknown>[]): void {
    if (lines.length === 0) return;
    this.write(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private write(text: string): void {
    if (this.fd === null) throw new Error(`session log ${this.file} is closed`);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    fsyncSync(this.fd);
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/** The new file's name survives a crash of the machine too (where the platform can sync a folder). */
function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or sync a folder; the file's own fsync still holds.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
