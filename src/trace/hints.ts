/**
 * Hints for near-misses (spec/terminals.md TERM-H-1): the closest op or error code to a
 * misspelt one, the trace op behind a CCI command word, and the qualified form of a volume
 * named without its system.
 */

/** CCI (and md/DRBD) command words and the trace ops that make the same requests (spec/glossary.md). */
export const CCI_OPS: Readonly<Record<string, readonly string[]>> = {
  paircreate: ['pairCreate'],
  pairsplit: ['pairDivide', 'pairSuspend', 'pairDelete'],
  pairresync: ['pairResync'],
  pairdisplay: ['status'],
  pairvolchk: ['status'],
  pairevtwait: ['step', 'settle'],
  horctakeover: ['takeover'],
  raidscan: ['volumeInfo'],
  mdstat: ['volumeInfo'],
};

/** The closest names to `s` within edit distance 2 (case-insensitive), best first, at most `max`. */
export function nearestNames(s: string, names: readonly string[], max = 3): string[] {
  const scored = names
    .map((n) => ({ n, d: editDistance(s.toLowerCase(), n.toLowerCase()) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d);
  return scored.slice(0, max).map((x) => x.n);
}

/** The closest name within edit distance 2, if any. */
export function nearest(s: string, names: readonly string[]): string | undefined {
  return nearestNames(s, names, 1)[0];
}

/** ` (did you mean "a" or "b"?)` for an unknown op: CCI words first, then the closest op names. */
export function opHint(op: string, ops: readonly string[]): string {
  const named = CCI_OPS[op.toLowerCase()] ?? nearestNames(op, ops);
  return didYouMean(named);
}

/** ` (did you mean "X"?)`, or '' when there is nothing to suggest. */
export function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` (did you mean ${list}?)`;
}

/**
 * TERM-H-2: the qualified forms of a volume named without its system: `SYSTEM:NAME` for every
 * system known to define a volume `NAME` (all systems when none does).
 */
export function qualifiedForms(name: string, volumes: ReadonlyMap<string, readonly string[]>, systems: readonly string[]): string[] {
  const owners = volumes.get(name);
  return (owners && owners.length > 0 ? owners : systems).map((s) => `${s}:${name}`);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
