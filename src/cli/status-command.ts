/**
 * `status TRACE [--at LINE] [--json]` (TERM-V-2, TERM-V-3): the model after running the trace
 * (or up to a line), as pairdisplay and /proc/mdstat show it.
 */
import { readTraceFile } from './read-trace-file.ts';
import { Session } from '../terminal/session.ts';
import { pairJson, pairRows } from '../terminal/pair-rows.ts';
import { pairDisplay } from '../terminal/pair-display.ts';
import { raidDisplay, volumesAndPaths } from '../terminal/raid-display.ts';
import { systemSnapshots } from '../observe/system-snapshots.ts';
import { backupDisplay, backupView } from '../terminal/backup-display.ts';

export interface StatusFlags {
  readonly at?: number;
  readonly json: boolean;
}

/** Prints the views; returns the exit code (2 for a file that cannot be read or is not a trace). */
export function statusCommand(file: string, flags: StatusFlags, out: (s: string) => void, err: (s: string) => void): number {
  const read = readTraceFile(file);
  if ('error' in read) {
    err(`${read.error}\n`);
    return 2;
  }
  const loaded = Session.load(read.text, flags.at ?? Infinity);
  if ('error' in loaded) {
    err(`${file}: ${loaded.error}\n`);
    return 2;
  }
  const { session, results } = loaded;
  const ran = results.length;
  if (flags.json) {
    const pairs = pairRows(session.ctx).map(pairJson);
    out(`${JSON.stringify({ steps: ran, ...(session.crashed ? { crashed: session.crashed } : {}), pairs, systems: systemSnapshots(session.ctx.model), ...volumesAndPaths(session.ctx.model), backup: backupView(session.ctx.model) })}\n`);
  } else {
    out(`after ${ran} step${ran === 1 ? '' : 's'}${flags.at !== undefined ? ` (up to line ${flags.at})` : ''}${session.crashed ? `; the model crashed: ${session.crashed}` : ''}\n`);
    const tapes = backupDisplay(session.ctx.model);
    out(`${pairDisplay(pairRows(session.ctx)).join('\n')}\n\n${raidDisplay(session.ctx.model).join('\n')}\n${tapes.length > 0 ? `\n${tapes.join('\n')}\n` : ''}`);
  }
  return session.crashed ? 4 : 0;
}
