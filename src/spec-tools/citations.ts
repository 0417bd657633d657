import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A rule ID as the code cites it (the same families as spec/rules.json). */
const RULE_ID = /\b(?:RAID-[A-Z]+-\d+|DEV-\d+|VOL-(?:[A-Z]+-)?\d+|LDEV-(?:INV-)?\d+|SYS-\d+|LC-[A-Z]+-\d+|VTOC-[A-Z]+-\d+|RC-[A-Z]+-\d+|MG-[A-Z]+-\d+|PL-[A-Z]+-\d+|CHK-\d+|LIM-(?:INV-)?\d+)\b/g;

const DECLARATION = new RegExp(
  String.raw`^(\s*)(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:` +
    String.raw`function\*?\s+(\w+)|class\s+(\w+)|(?:const|let)\s+(\w+)|interface\s+(\w+)|type\s+(\w+)` +
    String.raw`|(?:(?:public|private|protected|static|readonly|override|async|get|set)\s+)*(\w+)\s*(?:<[^>]*>)?\(.*\{\s*$)`,
);
const NOT_A_NAME = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'else', 'function', 'constructor']);
const COMMENT = /^\s*(?:\/\*\*|\*|\/\/)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The declared name and indentation of a line, or null. */
function declared(line: string): { name: string; indent: number } | null {
  const m = DECLARATION.exec(line);
  const name = m?.slice(2).find((x) => x !== undefined);
  if (!m || !name || NOT_A_NAME.has(name)) return null;
  return { name, indent: m[1]!.length };
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * The function, method, class or constant a citing line belongs to: the declaration a doc
 * comment stands above, else the nearest enclosing (less indented) declaration; null at top level.
 */
export function enclosingName(lines: readonly string[], at: number): string | null {
  if (COMMENT.test(lines[at]!)) {
    let j = at + 1;
    while (j < lines.length && COMMENT.test(lines[j]!)) j++;
    const below = j < lines.length ? declared(lines[j]!) : null;
    if (below && below.indent <= indentOf(lines[at]!)) return below.name;
  }
  const own = declared(lines[at]!);
  if (own) return own.name;
  for (let j = at - 1; j >= 0; j--) {
    const d = declared(lines[j]!);
    if (d && d.indent < indentOf(lines[at]!)) return d.name;
  }
  return null;
}

/** Rule ID → the `path#name` places of `dirs` that cite it (sorted, unique). */
export function citingPlaces(root: string, dirs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const dir of dirs) {
    for (const file of sources(join(root, dir))) {
      const path = relative(root, file);
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(RULE_ID)) {
          const name = enclosingName(lines, i);
          const places = out.get(m[0]) ?? new Set<string>();
          places.add(name ? `${path}#${name}` : path);
          out.set(m[0], places);
        }
      });
    }
  }
  return new Map([...out].map(([id, s]) => [id, [...s].sort()]));
}

/** Rule ID → the files of `dirs` that cite it (sorted, unique). */
export function citingFiles(root: string, dirs: readonly string[]): Map<string, string[]> {
  const places = citingPlaces(root, dirs);
  return new Map([...places].map(([id, list]) => [id, [...new Set(list.map((p) => p.split('#')[0]!))].sort()]));
}
