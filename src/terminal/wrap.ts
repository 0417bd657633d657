/**
 * Line fitting for terminal displays (issue #15: 80 columns): the campaign's and the
 * maintenance terminal's views. `columns` null means a log or a pipe: lines stay whole, so
 * grep and copy-paste see one line per fact.
 */

/** Columns a line takes: code points (the table's box drawing, `—` and `…` are one column each). */
export function width(text: string): number {
  return [...text].length;
}

/** `text` cut to `columns`, ending in `…` when cut. */
export function truncate(text: string, columns: number | null): string {
  if (columns === null || width(text) <= columns) return text;
  return `${[...text].slice(0, Math.max(0, columns - 1)).join('')}…`;
}

/**
 * Words of `text` filled into lines of at most `columns`, the later lines after `indent`. A
 * word longer than a line (a path, a token) stays whole: cut, it could not be pasted.
 */
export function wrapWords(text: string, columns: number | null, indent = '  '): string[] {
  if (columns === null || width(text) <= columns) return [text];
  const lead = /^ */.exec(text)![0];
  return fill(lead, text.slice(lead.length).split(' '), columns, `${lead}${indent}`, '');
}

/** Greedy fill: `words` after `first`, then after `indent`; each full line ends in `end`. */
function fill(first: string, words: readonly string[], columns: number, indent: string, end: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const next = empty ? `${line}${word}` : `${line} ${word}`;
    if (!empty && width(next) + width(end) > columns) {
      lines.push(`${line}${end}`);
      line = `${indent}${word}`;
    } else line = next;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Like wrapWords, at most `linesMax` lines, the last ending in `…` when words were left. */
export function wrapWordsUpTo(text: string, columns: number | null, linesMax: number, indent = '  '): string[] {
  const lines = wrapWords(text, columns, indent);
  if (lines.length <= linesMax) return lines;
  const kept = lines.slice(0, linesMax);
  kept[linesMax - 1] = truncate(`${kept[linesMax - 1]!} …`, columns);
  return kept;
}

/** Units (words or phrases never split) in lines of at most `columns`, the later lines after `indent`. */
export function wrapUnits(units: readonly string[], columns: number | null, indent: string): string[] {
  const text = units.join(' ');
  if (columns === null || width(text) <= columns) return [text];
  return fill('', units, columns, indent, '');
}

/** A shell command in lines of at most `columns`, each but the last ending in ` \`: it pastes as one command. */
export function wrapCommand(words: readonly string[], columns: number | null, indent: string): string[] {
  const text = words.join(' ');
  if (columns === null || width(text) <= columns) return [text];
  return fill('', words, columns, indent, ' \\');
}
