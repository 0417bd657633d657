/**
 * `shell [TRACE]` (TERM-T-1): the maintenance terminal's line editor around `Shell`, with
 * node:readline's editing and history (kept in a file between sessions when interactive)
 * and completion of commands, pair, group, volume and system names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Completer } from 'node:readline';
import { Shell } from './shell.ts';

export interface ShellOptions {
  readonly trace?: string;
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
  /** History file of an interactive session (default ~/.extent_copy_model_history; none when not a TTY). */
  readonly historyFile?: string;
}

const HISTORY_MAX = 1000;

/** Which names complete the word after an option. */
const AFTER: Readonly<Record<string, 'pairs' | 'groups' | 'volumes' | 'systems'>> = {
  '-d': 'pairs', '-g': 'groups', '-pvol': 'volumes', '-svol': 'volumes', '-remote': 'systems', '-s': 'systems',
};

export function completer(shell: Shell): Completer {
  return (line: string) => {
    const words = line.split(/\s+/);
    const word = words[words.length - 1] ?? '';
    const names = shell.completions();
    const option = words[words.length - 2] ?? '';
    const kind = option === '-s' && words[0] === 'pairevtwait' ? 'statuses' : AFTER[option];
    const pool = words.length <= 1 ? names.commands : kind ? names[kind] : [...names.pairs, ...names.groups, ...names.volumes, ...names.systems];
    const hits = pool.filter((n) => n.startsWith(word));
    return [hits.length > 0 ? hits : pool, word];
  };
}

/** Runs the shell until end of input or `exit`; answers the exit value of the last command. */
export async function runShell(o: ShellOptions): Promise<number> {
  const shell = new Shell();
  const write = (lines: readonly string[]) => { for (const l of lines) o.output.write(`${l}\n`); };
  let rc = 0;
  if (o.trace !== undefined) {
    const r = shell.execute(`load ${JSON.stringify(o.trace)}`);
    write(r.lines);
    if (r.rc === 2 || r.lines.some((l) => l.startsWith('load: '))) return 2; // a trace that cannot be read or parsed: no session
  }
  const tty = o.input.isTTY === true;
  const historyFile = tty ? (o.historyFile ?? join(homedir(), '.extent_copy_model_history')) : undefined;
  const rl = createInterface({ input: o.input, output: o.output, terminal: tty, completer: completer(shell), historySize: HISTORY_MAX, history: readHistory(historyFile), prompt: 'ecm> ' });
  if (tty) write(['extent-copy-model maintenance terminal: trace ops as JSON or CCI commands; help lists them, exit leaves.']);
  if (tty) rl.prompt();
  for await (const line of rl) {
    const reply = shell.execute(line);
    write(reply.lines);
    rc = reply.rc;
    if (tty && rc !== 0 && !reply.lines.some((l) => l.includes('[rc='))) write([`[rc=${rc}]`]);
    if (reply.quit) break;
    if (tty) rl.prompt();
  }
  if (historyFile !== undefined) writeHistory(historyFile, (rl as unknown as { history: string[] }).history);
  rl.close();
  return rc;
}

function readHistory(file: string | undefined): string[] {
  if (file === undefined) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').reverse().slice(0, HISTORY_MAX);
  } catch {
    return [];
  }
}

function writeHistory(file: string, history: readonly string[]): void {
  try {
    writeFileSync(file, `${[...history].reverse().join('\n')}\n`);
  } catch {
    // A history that cannot be kept is no reason to fail the session.
  }
}
