/**
 * Issue #13, spec/architecture.md ("Small pieces"): no non-test source file over ~400 lines
 * and no function over ~70, in src/, machines/, properties/ and bench/. The few files pinned
 * below are over the line count for a stated reason; a pin that no longer applies fails too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const FILE_LINES_MAX = 400;
const FUNCTION_LINES_MAX = 70;

/** Files allowed past FILE_LINES_MAX, each with why it stays one file. */
const PINNED_FILES: Readonly<Record<string, string>> = {
  'src/bitmap/difference-bitmap.ts': 'one class: the bitmap and its word and summary-level scans, which share its private arrays',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const ALL = ['src', 'machines', 'properties', 'bench'].flatMap((d) => sources(join(root, d)));

/**
 * A function, method or arrow-function const opens on a line ending in `{` and closes at the
 * first later line that is its own indentation followed by `}` (the code is formatted so).
 */
const OPENS = new RegExp(
  String.raw`^(\s*)(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:` +
    String.raw`function\*?\s+(\w+)` +
    String.raw`|(?:(?:public|private|protected|static|readonly|override|async|get|set)\s+)*(\w+)\s*(?:<[^>]*>)?\(.*\)(?::\s*[^=]+)?\s*\{$` +
    String.raw`|(?:const|let)\s+(\w+)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\([^)]*\)|\w+)(?::\s*[^=]+)?\s*=>\s*\{$)`,
);
const STATEMENT = /^\s*(?:if|for|while|switch|catch|return|else)\b/;

/** Functions of a file's text longer than `max` lines, as `line name (n lines)`. */
export function longFunctions(text: string, max: number): string[] {
  const lines = text.split('\n');
  const long: string[] = [];
  lines.forEach((line, i) => {
    const m = OPENS.exec(line);
    if (!m || STATEMENT.test(line)) return;
    const close = `${m[1]}}`;
    for (let j = i + 1; j < lines.length; j++) {
      if (!lines[j]!.startsWith(close) || lines[j]!.startsWith(`${close} `)) continue;
      if (j - i + 1 > max) long.push(`${i + 1} ${m[2] ?? m[3] ?? m[4]} (${j - i + 1} lines)`);
      return;
    }
  });
  return long;
}

describe('house rules: small pieces', () => {
  it(`no source file over ${FILE_LINES_MAX} lines, apart from the pinned ones`, () => {
    expect(ALL.length).toBeGreaterThan(300);
    const over = ALL.map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length - 1] as const).filter(([, n]) => n > FILE_LINES_MAX);
    expect(over.filter(([f]) => !(f in PINNED_FILES)).map(([f, n]) => `${f}: ${n} lines`)).toEqual([]);
    const stillOver = new Set(over.map(([f]) => f));
    expect(Object.keys(PINNED_FILES).filter((f) => !stillOver.has(f)), 'pinned files now short enough: unpin them').toEqual([]);
  });

  it(`no function over ${FUNCTION_LINES_MAX} lines`, () => {
    const long = ALL.flatMap((f) => longFunctions(readFileSync(f, 'utf8'), FUNCTION_LINES_MAX).map((x) => `${relative(root, f)}:${x}`));
    expect(long).toEqual([]);
  });

  it('the function check sees a long function, a method and an arrow, and not an if block', () => {
    const body = (n: number) => Array.from({ length: n }, () => '  x();').join('\n');
    const text = [`export function f() {`, body(5), `}`, `class C {`, `  m(a: number): void {`, body(3), `  }`, `}`, `const g = (a) => {`, body(4), `};`, `if (x) {`, body(9), `}`].join('\n');
    expect(longFunctions(text, 4)).toEqual(['1 f (7 lines)', '9 m (5 lines)', '15 g (6 lines)']);
  });
});
