/**
 * Resident bytes of the mappings of one exact size, from /proc/self/smaps (Linux only).
 * Used to find the arena's WebAssembly memory, whose mapping is exactly its committed
 * size, so the memory figure can be cross-checked against process-wide rss noise.
 */
import { readFileSync } from 'node:fs';

export function residentBytesOfMappingsSized(bytes: number): number | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  let inMatch = false;
  let found = false;
  let rss = 0;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (head) {
      inMatch = parseInt(head[2]!, 16) - parseInt(head[1]!, 16) === bytes;
      found ||= inMatch;
      continue;
    }
    const r = inMatch ? /^Rss:\s+(\d+) kB/.exec(line) : null;
    if (r) rss += Number(r[1]) * 1024;
  }
  return found ? rss : null;
}
