/**
 * Which named piece of code a line belongs to, by a line scan (no parser): spec/rules.json's
 * `implementedBy` names the function, method, class or top-level constant that cites a rule.
 */

const MODIFIERS = String.raw`(?:(?:public|private|protected|static|readonly|override|async|get|set)\s+)*`;
/** `function f`, `class C` at any depth: they are always scopes. */
const FUNCTION_OR_CLASS = /^(\s*)(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?\s+(\w+)|class\s+(\w+))/;
/** `const x`, `let x`, `interface I`, `type T`: scopes only at the top level (a local `const n` is not). */
const TOP_LEVEL = /^()(?:export\s+)?(?:declare\s+)?(?:const|let|interface|type)\s+(\w+)/;
/**
 * A method: `name(…) {` or `name(…): Type {`. A call that opens a callback or an object
 * (`it('…', () => {`, `expect(x).toEqual({`) ends otherwise and is not one.
 */
const METHOD = new RegExp(String.raw`^(\s*)${MODIFIERS}(\w+)\s*(?:<[^>]*>)?\(.*\)\s*(?::[^=]*)?\{\s*$`);
const NOT_A_NAME = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'else', 'function', 'constructor', 'with']);
const COMMENT = /^\s*(?:\/\*|\*|\/\/)/;

interface Declared {
  readonly name: string;
  readonly indent: number;
}

/** The name and indentation a line declares, or null when it declares no scope. */
export function declared(line: string): Declared | null {
  for (const pattern of [FUNCTION_OR_CLASS, TOP_LEVEL, METHOD]) {
    const m = pattern.exec(line);
    const name = m?.slice(2).find((x) => x !== undefined);
    if (m && name && !NOT_A_NAME.has(name)) return { name, indent: m[1]!.length };
  }
  return null;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The declaration right below the comment block that holds line `at`, if no deeper than it. */
function documented(lines: readonly string[], at: number): Declared | null {
  let j = at + 1;
  while (j < lines.length && COMMENT.test(lines[j]!)) j++;
  const below = j < lines.length ? declared(lines[j]!) : null;
  return below && below.indent <= indentOf(lines[at]!) ? below : null;
}

/**
 * The function, method, class or top-level constant line `at` belongs to: for a comment, the
 * declaration it stands directly above; else the one the line declares; else the nearest
 * preceding, less indented declaration; null at the top level.
 */
export function enclosingName(lines: readonly string[], at: number): string | null {
  if (COMMENT.test(lines[at]!)) {
    const below = documented(lines, at);
    if (below) return below.name;
  }
  const own = declared(lines[at]!);
  if (own) return own.name;
  const indent = indentOf(lines[at]!);
  for (let j = at - 1; j >= 0; j--) {
    const d = lines[j]!.trim() === '' ? null : declared(lines[j]!);
    if (d && d.indent < indent) return d.name;
  }
  return null;
}
