/** Command words of the maintenance terminal (TERM-T-2): a line split into words and `-flag value` options. */

export interface Args {
  readonly command: string;
  /** Options by name without the dash; a flag with no value is `true`. */
  readonly options: ReadonlyMap<string, string | true>;
  /** Words that are not options, in order. */
  readonly words: readonly string[];
}

/** Words of a line: whitespace-separated, "double" or 'single' quotes keep spaces. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

/**
 * `command -d PAIR -fc WORD`: an option takes the next word as its value unless it is listed
 * in `flags` (options without a value) or the next word is itself an option.
 */
export function parseArgs(line: string, flags: ReadonlySet<string>): Args {
  const [command = '', ...rest] = splitWords(line);
  const options = new Map<string, string | true>();
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (!w.startsWith('-') || /^-\d/.test(w)) {
      words.push(w);
      continue;
    }
    const name = w.replace(/^-+/, '');
    const next = rest[i + 1];
    if (flags.has(name) || next === undefined || (next.startsWith('-') && !/^-\d/.test(next))) options.set(name, true);
    else options.set(name, rest[++i]!);
  }
  return { command: command.toLowerCase(), options, words };
}

/** `0-15,20,30-31` as inclusive extents; null when it is not that form. */
export function parseExtents(text: string): [number, number][] | null {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}
