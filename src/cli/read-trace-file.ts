import { readFileSync } from 'node:fs';

/** A trace file's text, or why it cannot be read (a missing file, a folder), as one line. */
export function readTraceFile(file: string): { readonly text: string } | { readonly error: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a trace file' : (e as Error).message;
    return { error: `cannot read ${file}: ${why}` };
  }
}
