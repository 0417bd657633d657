/**
 * What a rule's seed citation names (spec/README.md, "From a seed figure and step to rule,
 * transition, function and property"): the figures, the flowchart steps written after "step"
 * or "steps" (ranges expanded), and the other reference numbers of a citation that names a
 * figure or a step (tables, pointers, fields: "sixth: 830, 820, 804").
 */
export interface SeedRefs {
  readonly figures: number[];
  readonly steps: number[];
  readonly numerals: number[];
}

const ITEM = String.raw`\d+[A-Z]?(?:\s*(?:–|-|\.\.)\s*\d+)?`;
const LIST = String.raw`${ITEM}(?:\s*(?:,|\/|and)\s*${ITEM})*`;
const ONE_FIGURE = /\bFig\.\s*(\d+)[A-Z]?/g;
const FIGURE_LIST = new RegExp(String.raw`\bFigs\.\s*(${LIST})`, 'g');
const STEP_LIST = new RegExp(String.raw`\b[Ss]teps?\s+(${LIST})`, 'g');
const NUMERAL = /(?<![\w.−–-])(\d+)(?:\s*[–-]\s*(\d+))?(?![\w.−])/g;
const QUOTED = /"[^"]*"|`[^`]*`|“[^”]*”/g;
const RULE_ID = /\b[A-Z]+(?:-[A-Z]+)*-\d+\b/g;
const RANGE_MAX = 1000;

/** "1908–1912" -> 1908..1912; "2A" -> 2. */
function expandItem(item: string): number[] {
  const m = /^(\d+)[A-Z]?(?:\s*(?:–|-|\.\.)\s*(\d+))?$/.exec(item.trim());
  if (!m) throw new Error(`seed: not a number or range: ${item}`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to < from || to - from > RANGE_MAX) throw new Error(`seed: bad range ${item}`);
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

function expandList(list: string): number[] {
  return list.split(/\s*(?:,|\/|\band\b)\s*/).flatMap(expandItem);
}

function sorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Collects the numbers each match's list names and blanks the match out of `text`. */
function take(text: string, pattern: RegExp, into: number[], one: boolean): string {
  return text.replace(pattern, (whole, list: string) => {
    into.push(...(one ? [Number(list)] : expandList(list)));
    return ' '.repeat(whole.length);
  });
}

export function seedRefs(seed: string): SeedRefs {
  const figures: number[] = [];
  const steps: number[] = [];
  let rest = seed.replace(QUOTED, ' ').replace(RULE_ID, ' ');
  rest = take(rest, FIGURE_LIST, figures, false);
  rest = take(rest, ONE_FIGURE, figures, true);
  rest = take(rest, STEP_LIST, steps, false);
  const numerals: number[] = [];
  if (figures.length > 0 || steps.length > 0) {
    for (const m of rest.matchAll(NUMERAL)) numerals.push(...expandItem(m[2] === undefined ? m[1]! : `${m[1]}-${m[2]}`));
  }
  return { figures: sorted(figures), steps: sorted(steps), numerals: sorted(numerals) };
}
