/** Word-wraps `text` to lines of at most `lineChars` (a longer word gets a line of its own), keeping at most `linesMax`; a cut ends in "…". */
export function wrapText(text: string, lineChars: number, linesMax: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= lineChars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  if (lines.length <= linesMax) return lines;
  const kept = lines.slice(0, linesMax);
  kept[linesMax - 1] = `${kept[linesMax - 1]!.slice(0, lineChars - 1)}…`;
  return kept;
}
