/**
 * The maintenance terminal (tenth embodiment, Fig. 41; spec/terminals.md TERM-T-1): one live
 * model, driven a line at a time by a trace op as JSON or a CCI-style command. Pure of I/O
 * but for `save` and `load`: `execute` answers lines and an exit value, the REPL prints them.
 */
import { existsSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { OP_NAMES } from '../trace/schema.ts';
import { didYouMean, nearestNames, opHint } from '../trace/hints.ts';
import { parseArgs } from './cci-args.ts';
import { CCI_COMMANDS } from './cci-commands.ts';
import { badOptions, FLAG_OPTIONS } from './cci-options.ts';
import { pairRows } from './pair-rows.ts';
import { rcOf, type Reply, usage } from './reply.ts';
import { Session } from './session.ts';

/** Commands of the shell itself, beside the CCI ones. */
const SHELL_COMMANDS: Readonly<Record<string, string>> = {
  help: 'help [COMMAND]: the commands, or one command with the trace op it makes',
  save: 'save FILE: the session so far as a trace-v1 file (a regression seed)',
  load: 'load FILE: replay a trace file into a new session (the current one is dropped)',
  exit: 'exit [N]: leave the shell (also quit, Ctrl-D)',
};

export class Shell {
  session: Session;

  constructor(session?: Session) {
    this.session = session ?? new Session({ trace: 1, name: 'maintenance terminal session' });
  }

  /** One line: a JSON op, a CCI command or a shell command. */
  execute(line: string): Reply {
    const text = line.trim();
    if (text === '' || text.startsWith('//') || text.startsWith('#')) return { lines: [], rc: 0 };
    if (text.startsWith('{')) return this.op(text);
    const args = parseArgs(text, FLAG_OPTIONS);
    const cci = CCI_COMMANDS[args.command];
    const bad = cci ? badOptions(args) : null;
    if (bad !== null) return usage(`${bad}; help ${args.command} shows its usage`);
    if (cci) return cci.run(this.session, args);
    switch (args.command) {
      case 'help': return this.help(args.words[0]);
      case 'save': return this.save(args.words[0]);
      case 'load': return this.load(args.words[0]);
      case 'exit':
      case 'quit': return this.exit(args.words[0]);
      default: return this.unknown(args.command);
    }
  }

  /** `exit [N]`: N is 0..255, as a shell's exit status. */
  private exit(word?: string): Reply {
    const n = Number(word ?? 0);
    if (!Number.isInteger(n) || n < 0 || n > 255) return usage(`exit: ${word} is not an exit value (0 to 255)`);
    return { lines: [], rc: n, quit: true };
  }

  /** TERM-T-1: a trace op, answered with its result line, as `run` prints it. */
  private op(text: string): Reply {
    const out = this.session.apply(text, 'maintenanceTerminal');
    return { lines: [JSON.stringify(out)], rc: rcOf(out) };
  }

  /** TERM-H-1: an unknown word names the closest commands, and the op a CCI-like word means. */
  private unknown(word: string): Reply {
    if ((OP_NAMES as readonly string[]).includes(word)) return usage(`${word} is a trace op: give it as JSON, e.g. {"op":"${word}", ...} (help shows the commands)`);
    const near = nearestNames(word, [...Object.keys(CCI_COMMANDS), ...Object.keys(SHELL_COMMANDS)]);
    const hint = near.length > 0 ? didYouMean(near) : opHint(word, OP_NAMES);
    return usage(`unknown command "${word}"${hint}; help lists the commands`);
  }

  private help(command?: string): Reply {
    if (command !== undefined) {
      const c = CCI_COMMANDS[command];
      if (c) return { lines: [c.help, `  makes the trace op: ${c.ops}`], rc: 0 };
      const s = SHELL_COMMANDS[command];
      return s ? { lines: [s], rc: 0 } : this.unknown(command);
    }
    return {
      lines: [
        'Trace ops as JSON lines, e.g. {"op":"settle"} (spec/trace-format.md); requests get "from":"maintenanceTerminal".',
        'CCI commands (spec/glossary.md):',
        ...Object.values(CCI_COMMANDS).map((c) => `  ${c.help}`),
        'Shell:',
        ...Object.values(SHELL_COMMANDS).map((c) => `  ${c}`),
      ],
      rc: 0,
    };
  }

  /** TERM-S-2: written atomically (a temporary file, then rename). */
  private save(file?: string): Reply {
    if (file === undefined) return usage('usage: save FILE');
    try {
      // The file a link names is the one written; a device or folder is never replaced.
      const target = existsSync(file) ? realpathSync(file) : file;
      if (existsSync(target) && !statSync(target).isFile()) return { lines: [`save: ${file} is not a regular file; give a file name`], rc: 1 };
      writeFileSync(`${target}.tmp`, this.session.toTrace());
      renameSync(`${target}.tmp`, target);
    } catch (e) {
      return { lines: [`save: ${(e as Error).message}`], rc: 1 };
    }
    return { lines: [`saved ${this.session.steps.length} steps to ${file}`], rc: 0 };
  }

  /** TERM-S-3: a new session from the file; a bad file leaves the current session as it was. */
  private load(file?: string): Reply {
    if (file === undefined) return usage('usage: load FILE');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { lines: [`load: ${(e as Error).message}`], rc: 1 };
    }
    const loaded = Session.load(text);
    if ('error' in loaded) return { lines: [`load: ${file}: ${loaded.error}`], rc: 2 };
    this.session = loaded.session;
    const refused = loaded.results.filter((r) => !r.ok).length;
    const failed = loaded.results.filter((r) => r.expectFailed !== undefined).length;
    return { lines: [`loaded ${loaded.results.length} steps from ${file} (${refused} refused, ${failed} expectations failed)${loaded.session.crashed ? `; the model crashed: ${loaded.session.crashed}` : ''}`], rc: failed > 0 ? 1 : 0 };
  }

  /** Names to complete: commands, then pairs, groups, volumes and systems of the live model. */
  completions(): { commands: string[]; pairs: string[]; groups: string[]; volumes: string[]; systems: string[]; statuses: string[] } {
    const model = this.session.ctx.model;
    const rows = pairRows(this.session.ctx);
    const volumes = [...model.systems].flatMap(([id, s]) => [...s.volumes.keys()].map((v) => `${id}:${v}`));
    return {
      commands: [...Object.keys(CCI_COMMANDS), ...Object.keys(SHELL_COMMANDS), 'quit'],
      pairs: rows.map((r) => r.pair),
      groups: [...new Set(rows.flatMap((r) => (r.group === null ? [] : [r.group])))],
      volumes,
      systems: [...model.systems.keys()],
      statuses: ['SMPL', 'COPY', 'PAIR', 'PSUS', 'SSUS', 'PSUE', 'SSWS'],
    };
  }
}
